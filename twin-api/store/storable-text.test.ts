import { describe, expect, it } from 'vitest';
import { storableJson, storableText } from './storable-text.ts';

describe('storable text', () => {
  it('writes NUL and lone surrogates out as visible escapes and leaves everything else, pairs included, as it was', () => {
    expect(storableText('a\0b')).toBe('a\\u0000b');
    expect(storableText('x\ud800y\udc01')).toBe('x\\ud800y\\udc01');
    expect(storableText('glass 😀 \u0001 é')).toBe('glass 😀 \u0001 é');
    expect(storableText(null)).toBeNull();
  });

  it('gives JSON that parses back to the same shape, with the refused characters as visible text, in keys and values', () => {
    const json = storableJson({ 'k\0': ['v\0', 'lone \udfff', 'pair 😀', 'already \\u0000 text', 'ctl \u0001'] });
    expect(json).not.toMatch(/(?<!\\)(\\\\)*\\u(0000|d[89a-f])/i);
    expect(JSON.parse(json)).toEqual({ 'k\\u0000': ['v\\u0000', 'lone \\udfff', 'pair 😀', 'already \\u0000 text', 'ctl \u0001'] });
    expect(storableJson(undefined)).toBe('null');
  });
});
