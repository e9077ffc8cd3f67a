/**
 * Reading the data a command was pointed at: `--from-sim <scenario> --hours N`, `--format cmapss
 * --data <train> [--test <t> --truth <r>]` or `--format table --data <csv> --label <col> ...`. Errors
 * in the files are DataErrors (file:line:column); flag mistakes are UsageErrors naming the flag.
 */
import { readFileSync } from 'node:fs';
import { loadCmapss } from '../ml/data/cmapss.ts';
import { DataError } from '../ml/data/data-error.ts';
import { buildSimDataset } from '../ml/data/sim-task.ts';
import { loadTable } from '../ml/data/table.ts';
import { seededRng } from '../ml/data/rng.ts';
import type { Split, TaskName } from '../ml/window-set.ts';
import { list, num, str, type FlagValues } from './ml-flags.ts';
import type { DataSpec } from './ml-preprocess.ts';
import { resolveScenario } from './scenario-source.ts';
import { UsageError } from './usage-error.ts';

/** A training dataset: its split (unscaled) and how it was read. */
export interface TrainData {
  readonly split: Split;
  readonly spec: DataSpec;
  /** One line for humans: what was read and how many windows. */
  readonly summary: string;
}

/** Reads a file for a flag; a missing file is a usage error naming the flag. */
export function readFlagFile(path: string, flag: string): { text: string; file: string } {
  try {
    return { text: readFileSync(path, 'utf8'), file: path };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${flag}: cannot read ${path} (${code === 'ENOENT' ? 'no such file' : code})`);
  }
}

/** Which source the flags name; exactly one is required. */
export function sourceOf(v: FlagValues): 'sim' | 'cmapss' | 'table' {
  const sim = str(v, 'from-sim');
  const format = str(v, 'format');
  if (sim !== undefined && (format !== undefined || str(v, 'data') !== undefined)) throw new UsageError('--from-sim: give either --from-sim or --format/--data, not both');
  if (sim !== undefined) return 'sim';
  if (format === undefined) throw new UsageError('no data: give --from-sim <scenario> --hours N, or --format cmapss|table --data <file>');
  if (format !== 'cmapss' && format !== 'table') throw new UsageError(`--format: "${format}" is not cmapss or table`);
  if (str(v, 'data') === undefined) throw new UsageError(`--data: required with --format ${format}`);
  return format;
}

/** Loads the training data for `task` from the flags. */
export function loadTrainData(task: TaskName, v: FlagValues): TrainData {
  const source = sourceOf(v);
  const seed = num(v, 'seed', { min: 0, max: 0xffffffff, integer: true }) ?? 0;
  if (source === 'cmapss') {
    if (task !== 'rul') throw new UsageError(`--format cmapss: C-MAPSS has remaining-useful-life labels only (use "twin train rul", not ${task})`);
    if (str(v, 'test') !== undefined && str(v, 'truth') === undefined) throw new UsageError('--truth: required with --test (the true RUL of each test unit)');
    const d = loadCmapss({
      train: readFlagFile(str(v, 'data')!, '--data'),
      ...(str(v, 'test') !== undefined ? { test: readFlagFile(str(v, 'test')!, '--test'), truth: readFlagFile(str(v, 'truth')!, '--truth') } : {}),
      ...optional('windowSteps', num(v, 'window', { min: 1, max: 10_000, integer: true })),
      ...optional('rulCap', num(v, 'rul-cap', { min: 1 })),
      seed,
    });
    const summary = `C-MAPSS ${str(v, 'data')}: ${d.features.length} features (constant, dropped: ${d.dropped.join(', ') || 'none'})`;
    return { split: d.split, spec: { format: 'cmapss', windowSteps: d.windowSteps, rulCap: d.rulCap, dropped: d.dropped }, summary: withCounts(summary, d.split) };
  }
  if (source === 'table') {
    if (task !== 'failure' && task !== 'defects') throw new UsageError(`--format table: a table has one binary label (use "twin train failure", not ${task})`);
    const label = str(v, 'label');
    if (label === undefined) throw new UsageError('--label: required with --format table (the binary label column)');
    const roles = { label, ...optional('id', list(v, 'id')), ...optional('drop', list(v, 'drop')), ...optional('time', str(v, 'time')), ...optional('group', str(v, 'group')) };
    const f = readFlagFile(str(v, 'data')!, '--data');
    const d = loadTable(f.text, f.file, roles, undefined, seededRng(seed, 'table-split'));
    const how = roles.time ? `time split on ${roles.time}` : roles.group ? `split by ${roles.group}` : 'stratified split';
    return { split: d.split, spec: { format: 'table', encoding: d.encoding }, summary: withCounts(`table ${f.file}: ${d.encoding.featureNames.length} features, ${how}`, d.split) };
  }
  const hours = num(v, 'hours', { min: 0.5, max: 1_000_000 });
  if (hours === undefined) throw new UsageError('--hours: required with --from-sim (simulated hours per run)');
  const name = str(v, 'from-sim')!;
  const scenario = resolveScenario(name, {});
  const kind = str(v, 'kind');
  const windowSteps = num(v, 'window', { min: 1, max: 10_000, integer: true });
  const horizonH = num(v, 'horizon', { min: 0.1 });
  const capH = num(v, 'rul-cap', { min: 1 });
  const d = buildSimDataset(
    task,
    { scenario, hours, runs: num(v, 'runs', { min: 1, max: 1000, integer: true }) ?? 4, seed: (scenario.seed + seed) >>> 0 },
    { ...optional('kind', kind), ...optional('windowSteps', windowSteps), ...optional('horizonH', horizonH), ...optional('capH', capH) },
  );
  if (d.split.validation.n === 0 || d.split.test.n === 0) {
    const gapH = d.horizonMs / 3_600_000;
    throw new UsageError(`--hours: ${hours} h per run leaves no ${d.split.validation.n === 0 ? 'validation' : 'test'} windows after the time split's ${gapH} h gaps (the label horizon); simulate longer or shorten --horizon`);
  }
  const spec: DataSpec = { format: 'sim', scenario: name, kind: d.kind, ...optional('windowSteps', windowSteps), ...optional('horizonH', horizonH), ...optional('capH', capH) };
  return { split: d.split, spec, summary: withCounts(`simulated ${name}: ${d.runs} runs × ${hours} h, ${d.kind} windows`, d.split) };
}

/** `{ [key]: value }` when defined, else `{}` (exactOptionalPropertyTypes-friendly spreading). */
export function optional<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
}

function withCounts(summary: string, s: Split): string {
  return `${summary}; windows train ${s.train.n} · validation ${s.validation.n} · test ${s.test.n}`;
}

/** Turns a file-format error into a usage error (exit code 2), keeping its file:line:column message. */
export function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof DataError) throw new UsageError(err.message);
    throw err;
  }
}
