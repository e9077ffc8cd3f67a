/**
 * New data for a trained model (`twin evaluate`, `twin predict`), read the way its training data was
 * (preprocess.json): the same C-MAPSS columns and window, the same table encoding, the same simulator
 * windows. Returns unscaled windows plus a key per window (unit, id columns, asset and time) for output.
 */
import { CMAPSS_COLUMNS, parseCmapss, parseRulTruth } from '../ml/data/cmapss-parse.ts';
import { cmapssWindows } from '../ml/data/cmapss.ts';
import { parseCsv } from '../ml/data/csv.ts';
import { recordSimRuns } from '../ml/data/sim-record.ts';
import { simTaskWindows, taskRunOptions } from '../ml/data/sim-task.ts';
import { tableWindows } from '../ml/data/table.ts';
import type { WindowSet } from '../ml/window-set.ts';
import { optional, readFlagFile } from './ml-data.ts';
import { num, str, type FlagValues } from './ml-flags.ts';
import type { Preprocess } from './ml-preprocess.ts';
import { resolveScenario } from './scenario-source.ts';
import { UsageError } from './usage-error.ts';

/** Windows to score, whether they carry true labels, and a printable key per window. */
export interface EvalData {
  readonly ws: WindowSet;
  readonly labelled: boolean;
  readonly keyNames: readonly string[];
  readonly keys: readonly (readonly string[])[];
}

/** Reads the data named by the flags for a model trained as `pre` says. */
export function loadEvalData(pre: Preprocess, v: FlagValues, needLabels: boolean): EvalData {
  const d = pre.data;
  if (d.format === 'sim') {
    if (str(v, 'data') !== undefined) throw new UsageError(`--data: this model was trained on the simulator; give --from-sim <scenario> --hours N`);
    const hours = num(v, 'hours', { min: 0.5 });
    if (hours === undefined) throw new UsageError('--hours: required with --from-sim');
    const scenario = resolveScenario(str(v, 'from-sim') ?? d.scenario, {});
    const seed = num(v, 'seed', { min: 0, max: 0xffffffff, integer: true }) ?? 1000; // other seeds than training's by default
    // Simulated as training simulates (taskRunOptions: life cycles, injected faults, process excursions), so the labels mean the same.
    const runs = recordSimRuns(taskRunOptions(pre.task, { scenario, hours, runs: num(v, 'runs', { min: 1, integer: true }) ?? 1, seed: (scenario.seed + seed) >>> 0 }, d.kind));
    const w = simTaskWindows(pre.task, runs, { kind: d.kind, ...optional('windowSteps', d.windowSteps), ...optional('horizonH', d.horizonH), ...optional('capH', d.capH), ...optional('causes', d.causes), ...optional('minLevel', d.minLevel) });
    const keys = Array.from(w.windows.group, (g, i) => [String(g), new Date(w.windows.time[i]!).toISOString()]);
    return { ws: w.windows, labelled: true, keyNames: ['life', 'time'], keys };
  }
  const dataPath = str(v, 'data');
  if (dataPath === undefined) throw new UsageError(`--data: required (this model was trained on ${d.format} data)`);
  const f = readFlagFile(dataPath, '--data');
  if (d.format === 'cmapss') {
    const table = parseCmapss(f.text, f.file);
    const columns = pre.featureNames.map((n) => CMAPSS_COLUMNS.indexOf(n));
    const truthPath = str(v, 'truth');
    const truth = truthPath !== undefined ? readFlagFile(truthPath, '--truth') : undefined;
    // Scored engines: one last window per unit when a truth file is given or when predicting; else every window of run-to-failure units.
    const mode = truth || !needLabels ? 'last' : 'all';
    const ws = cmapssWindows(table, { columns, windowSteps: d.windowSteps, rulCap: d.rulCap, mode, ...(truth ? { truth: parseRulTruth(truth.text, truth.file) } : {}) });
    return { ws, labelled: Boolean(truth) || mode === 'all', keyNames: ['unit', 'cycle'], keys: Array.from(ws.group, (u, i) => [String(u), String(ws.time[i])]) };
  }
  const csv = parseCsv(f.text, f.file);
  const hasLabel = csv.header.includes(d.encoding.roles.label);
  if (needLabels && !hasLabel) throw new UsageError(`--data: ${f.file} has no label column "${d.encoding.roles.label}" to evaluate against`);
  const ws = tableWindows(csv, d.encoding, hasLabel);
  const idCols = (d.encoding.roles.id ?? []).filter((c) => csv.header.includes(c));
  const keys = csv.rows.map((r, i) => (idCols.length ? idCols.map((c) => r[csv.header.indexOf(c)]!) : [String(i + 1)]));
  return { ws, labelled: hasLabel, keyNames: idCols.length ? idCols : ['row'], keys };
}
