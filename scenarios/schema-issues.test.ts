import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { formatIssuePath } from './scenario-error.ts';
import { translateSchemaErrors } from './schema-issues.ts';

/** [path, message] for `data` against a made-up schema, as the loader would report them. */
function issues(schema: Record<string, unknown>, data: unknown): [string, string][] {
  const validate = new Ajv2020({ allErrors: true, verbose: true, strict: false }).compile(schema);
  if (validate(data)) return [];
  return translateSchemaErrors(validate.errors ?? [], data, schema).map((i) => [formatIssuePath(i.at), i.message]);
}

const SHAPES = {
  type: 'object',
  properties: {
    shape: {
      oneOf: [
        { type: 'object', required: ['kind', 'radius'], properties: { kind: { const: 'circle' }, radius: { type: 'number' } } },
        { type: 'object', required: ['kind', 'w', 'h'], properties: { kind: { const: 'rect' }, w: { type: 'number' }, h: { type: 'number' } } },
        { type: 'string', enum: ['unit-square'] },
      ],
    },
  },
};

describe('translateSchemaErrors, oneOf and anyOf', () => {
  it("reports only the branch that fits the value best, not every branch's complaint", () => {
    expect(issues(SHAPES, { shape: { kind: 'rect', w: 1, h: 'tall' } })).toEqual([['shape.h', 'must be a number (got "tall")']]);
    expect(issues(SHAPES, { shape: { kind: 'circle' } })).toEqual([['shape.radius', 'is required']]);
    expect(issues(SHAPES, { shape: 'circle' })).toEqual([['shape', 'must be one of: unit-square (got "circle")']]);
  });

  it('lists the accepted types when the value fits no branch', () => {
    expect(issues(SHAPES, { shape: 5 })).toEqual([['shape', 'must be an object or a string (got 5)']]);
  });

  it('works the same for anyOf, and with branches behind $ref', () => {
    const schema = {
      type: 'object',
      properties: { at: { anyOf: [{ $ref: '#/$defs/seconds' }, { type: 'string', pattern: '^\\d+h$' }] } },
      $defs: { seconds: { type: 'number', minimum: 0 } },
    };
    expect(issues(schema, { at: -3 })).toEqual([['at', 'must not be negative (got -3)']]);
    expect(issues(schema, { at: '3 hours' })).toEqual([['at', 'has an invalid format (got "3 hours")']]);
    expect(issues(schema, { at: true })).toEqual([['at', 'must be a number or a string (got true)']]);
  });

  it('says when a value matches more than one oneOf branch', () => {
    expect(issues({ oneOf: [{ type: 'number' }, { minimum: 0 }] }, 3)).toEqual([['(root)', 'matches more than one of the allowed forms']]);
  });
});

describe('translateSchemaErrors, keywords in plain words', () => {
  it.each<[string, Record<string, unknown>, unknown, [string, string][]]>([
    ['minItems', { type: 'array', minItems: 2 }, [1], [['(root)', 'must have at least 2 items']]],
    ['maxItems', { type: 'array', maxItems: 1 }, [1, 2], [['(root)', 'must have at most 1 items']]],
    ['uniqueItems', { type: 'array', uniqueItems: true }, ['a', 'b', 'a'], [['(root)', 'must not repeat items (items 0 and 2 are the same)']]],
    ['minLength', { type: 'string', minLength: 1 }, '', [['(root)', 'must not be empty']]],
    ['maxLength', { type: 'string', maxLength: 2 }, 'abc', [['(root)', 'must be at most 2 characters long']]],
    ['exclusiveMaximum', { type: 'number', exclusiveMaximum: 1 }, 1, [['(root)', 'must be less than 1 (got 1)']]],
    ['multipleOf', { type: 'number', multipleOf: 5 }, 7, [['(root)', 'must be a multiple of 5 (got 7)']]],
    ['const', { const: 'reference' }, 'factory', [['(root)', 'must be "reference" (got "factory")']]],
    ['not', { not: { type: 'string' } }, 'x', [['(root)', 'is not allowed here']]],
    ['false', { type: 'object', properties: { old: false } }, { old: 1 }, [['old', 'is not allowed here']]],
    [
      'a key that needs quoting',
      { type: 'object', additionalProperties: { type: 'number' } },
      { 'odd key': 'x' },
      [['["odd key"]', 'must be a number (got "x")']],
    ],
    ['array indices', { type: 'array', items: { type: 'object', required: ['id'] } }, [{ id: 1 }, {}], [['[1].id', 'is required']]],
    ['numeric object keys', { type: 'object', properties: { '0': { type: 'string' } } }, { '0': 1 }, [['["0"]', 'must be a string (got 1)']]],
  ])('%s', (_keyword, schema, data, expected) => {
    expect(issues(schema, data)).toEqual(expected);
  });

  it('cuts long strings in messages', () => {
    const [[, message]] = issues({ type: 'number' }, 'x'.repeat(200)) as [[string, string]];
    expect(message).toBe(`must be a number (got "${'x'.repeat(40)}…")`);
  });
});
