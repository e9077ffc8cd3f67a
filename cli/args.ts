import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDuration } from '../scenarios/duration.ts';
import { UsageError } from './usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, with its errors turned into one-line usage errors. */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, allowPositionals = false) {
  // parseArgs reads "--duration -2h" as a flag without its value ("argument is ambiguous"): say what is wrong.
  argv.forEach((arg, i) => {
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    const next = argv[i + 1];
    if (name !== null && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      throw new UsageError(`${command}: --${name}: "${next}" cannot be negative`);
    }
  });
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(`${command}: ${msg}`);
  }
}

/** A duration flag ("24h", "1h30m", "90s" or seconds); `what` names the flag in errors. */
export function durationFlag(value: string, what: string): number {
  const s = parseDuration(value);
  if (s === undefined || !(s > 0)) throw new UsageError(`${what}: "${value}" is not a duration (use e.g. 24h, 1h30m, 90s or seconds)`);
  return s;
}

/** A time within a run: a duration from the start ("10h42m", seconds) or "HH:MM[:SS]" of the first day. */
export function timeFlag(value: string, what: string): number {
  const hm = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (hm) return Number(hm[1]) * 3600 + Number(hm[2]) * 60 + Number(hm[3] ?? 0);
  const s = parseDuration(value);
  if (s === undefined || s < 0) throw new UsageError(`${what}: "${value}" is not a time (use e.g. 10h42m, 3600 or 10:42)`);
  return s;
}

export function seedFlag(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) {
    throw new UsageError(`--seed: "${value}" is not an integer between 0 and 4294967295`);
  }
  return Number(value);
}

/** --speed: "max" (virtual time) or a positive real-time multiplier ("10", "100x"). */
export function speedFlag(value: string): number | 'max' {
  if (value === 'max') return 'max';
  const n = Number(value.replace(/x$/i, ''));
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--speed: "${value}" is not "max" or a positive number`);
  return n;
}
