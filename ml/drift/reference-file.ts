/**
 * The drift reference of a registered model, `reference.json` beside its model.json: the training
 * distribution of its input features, as a DriftMonitor takes it (referenceFromWindows), so a live
 * drift feed can compare what the model sees now with what it was trained on without the training data.
 *
 * @example
 * await writeDriftReference(dir, driftReferenceSample(split.train, { seed: 7 }));
 * const ref = await loadDriftReference(dir); // null when the model has none
 * if (ref) monitor = new DriftMonitor(ref);
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRng, shuffleInPlace } from '../data/rng.ts';
import type { WindowSet } from '../window-set.ts';
import { referenceFromWindows } from './drift-monitor.ts';

export const DRIFT_REFERENCE_FILE = 'reference.json';
/** Rows kept by default: PSI/KS of 2 000 reference samples against a few hundred live ones is dominated by the live side's noise. */
export const DRIFT_REFERENCE_MAX_ROWS = 2000;

/** What a DriftMonitor is built from: one column of samples per feature, in the model's feature order. */
export interface DriftReference {
  featureNames: string[];
  columns: Float64Array[];
}

/**
 * The reference of unscaled training windows: the last step of each window (earlier steps repeat in
 * overlapping windows), at most `maxRows` windows drawn without replacement by `seed`. The same windows
 * for every feature, so the rows stay rows.
 */
export function driftReferenceSample(ws: WindowSet, o: { seed: number; maxRows?: number }): DriftReference {
  const all = referenceFromWindows(ws);
  const max = o.maxRows ?? DRIFT_REFERENCE_MAX_ROWS;
  let rows = Array.from({ length: ws.n }, (_, i) => i);
  if (ws.n > max) rows = shuffleInPlace(rows, seededRng(o.seed, 'drift-reference')).slice(0, max).sort((a, b) => a - b);
  return { featureNames: [...all.featureNames], columns: all.columns.map((c) => Float64Array.from(rows, (i) => c[i]!)) };
}

/** Writes `reference.json` into a model folder. Values are rounded to 7 significant digits: they come from float32 windows. */
export async function writeDriftReference(dir: string, ref: DriftReference): Promise<void> {
  const columns = ref.columns.map((c) => Array.from(c, (v) => (Number.isFinite(v) ? Number(v.toPrecision(7)) : null)));
  const file = { version: 1, rows: ref.columns[0]?.length ?? 0, featureNames: ref.featureNames, columns };
  await writeFile(path.join(dir, DRIFT_REFERENCE_FILE), `${JSON.stringify(file)}\n`);
}

/**
 * The drift reference of a model folder, or null when it has none (models registered before references
 * existed, or not trained here). Missing values (null in the file) are left out of their column, as the
 * monitor leaves them out of its live buffers; columns may so differ in length.
 */
export async function loadDriftReference(dir: string): Promise<{ featureNames: string[]; columns: Float64Array[] } | null> {
  const file = path.join(dir, DRIFT_REFERENCE_FILE);
  if (!existsSync(file)) return null;
  const json = JSON.parse(await readFile(file, 'utf8')) as { version?: number; featureNames?: unknown; columns?: unknown };
  const { featureNames, columns } = json;
  const valid = json.version === 1 && Array.isArray(featureNames) && featureNames.every((n) => typeof n === 'string')
    && Array.isArray(columns) && columns.length === featureNames.length && columns.every((c) => Array.isArray(c));
  if (!valid) throw new Error(`${file}: not a drift reference (version 1, featureNames, one column per feature)`);
  const cols = (columns as unknown[][]).map((c) => Float64Array.from(c.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))));
  return { featureNames: featureNames as string[], columns: cols };
}
