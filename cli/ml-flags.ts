/**
 * Flags shared by `twin train | evaluate | predict | tune`: where the data comes from (simulator,
 * C-MAPSS files, a CSV table), how windows are cut, and the training hyperparameters.
 */
import type { TrainOptions } from '../ml/train/train-task.ts';
import { TASKS, type TaskName } from '../ml/window-set.ts';
import { UsageError } from './usage-error.ts';

/** Data-source flags (node:util parseArgs options). */
export const DATA_OPTIONS = {
  'from-sim': { type: 'string' },
  hours: { type: 'string' },
  runs: { type: 'string' },
  kind: { type: 'string' },
  horizon: { type: 'string' },
  format: { type: 'string' },
  data: { type: 'string' },
  test: { type: 'string' },
  truth: { type: 'string' },
  label: { type: 'string' },
  id: { type: 'string' },
  drop: { type: 'string' },
  time: { type: 'string' },
  group: { type: 'string' },
  window: { type: 'string' },
  'rul-cap': { type: 'string' },
  seed: { type: 'string' },
} as const;

/** Training flags. */
export const TRAIN_OPTIONS = {
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  'learning-rate': { type: 'string' },
  hidden: { type: 'string' },
  dropout: { type: 'string' },
  'max-minutes': { type: 'string' },
  balance: { type: 'string' },
} as const;

/** Parsed flag values as parseArgs gives them (strings, booleans). */
export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

/** A string flag's value, if given. */
export function str(v: FlagValues, name: string): string | undefined {
  const x = v[name];
  return typeof x === 'string' ? x : undefined;
}

/** A numeric flag in [min, max] (integer when asked); errors name the flag. */
export function num(v: FlagValues, name: string, o: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  const raw = str(v, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const kind = o.integer ? 'an integer' : 'a number';
  if (raw.trim() === '' || !Number.isFinite(n) || (o.integer && !Number.isInteger(n)) || (o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max)) {
    const range = o.min !== undefined && o.max !== undefined ? ` between ${o.min} and ${o.max}` : o.min !== undefined ? ` ≥ ${o.min}` : '';
    throw new UsageError(`--${name}: "${raw}" is not ${kind}${range}`);
  }
  return n;
}

/** A comma-separated list flag. */
export function list(v: FlagValues, name: string): string[] | undefined {
  const raw = str(v, name);
  return raw === undefined ? undefined : raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** The task positional; errors list the tasks. */
export function taskArg(command: string, positional: string | undefined): TaskName {
  if (positional === undefined) throw new UsageError(`${command}: which task? (${TASKS.join(', ')})`);
  if (!(TASKS as readonly string[]).includes(positional)) throw new UsageError(`${command}: unknown task "${positional}" (tasks: ${TASKS.join(', ')})`);
  return positional as TaskName;
}

/** TrainOptions from the training flags (unset ones stay unset: the task's recipe decides). */
export function trainOptions(v: FlagValues): TrainOptions {
  const o: TrainOptions = {};
  const set = <K extends keyof TrainOptions>(k: K, x: TrainOptions[K] | undefined) => { if (x !== undefined) o[k] = x; };
  set('epochs', num(v, 'epochs', { min: 1, max: 100_000, integer: true }));
  set('batchSize', num(v, 'batch-size', { min: 1, max: 1_000_000, integer: true }));
  set('learningRate', num(v, 'learning-rate', { min: 1e-8, max: 10 }));
  set('hidden', num(v, 'hidden', { min: 1, max: 4096, integer: true }));
  set('dropout', num(v, 'dropout', { min: 0, max: 0.95 }));
  set('maxMinutes', num(v, 'max-minutes', { min: 0.01 }));
  set('seed', num(v, 'seed', { min: 0, max: 0xffffffff, integer: true }));
  return o;
}
