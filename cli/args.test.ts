import { describe, expect, it } from 'vitest';
import { durationFlag, parseCommandArgs } from './args.ts';

describe('command-line flags', () => {
  it('says a negative value is negative, not that the argument is ambiguous', () => {
    expect(() => parseCommandArgs('simulate', ['--duration', '-2h'], { duration: { type: 'string' } })).toThrow('simulate: --duration: "-2h" cannot be negative');
    expect(parseCommandArgs('simulate', ['--duration', '2h'], { duration: { type: 'string' } }).values.duration).toBe('2h');
  });

  it('names a value that is not a duration', () => {
    expect(() => durationFlag('soon', '--duration')).toThrow('--duration: "soon" is not a duration (use e.g. 24h, 1h30m, 90s or seconds)');
    expect(durationFlag('1h30m', '--duration')).toBe(5400);
  });
});
