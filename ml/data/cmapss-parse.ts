/**
 * Parser for NASA C-MAPSS turbofan files (Saxena & Goebel 2008, PCoE data repository): one row per
 * engine cycle, whitespace separated, often with trailing spaces: unit, cycle, 3 operational
 * settings, 21 sensors. The RUL truth file holds one true RUL per test unit, in unit order.
 */
import { DataError } from './data-error.ts';

/** Names of the 24 value columns after unit and cycle. */
export const CMAPSS_COLUMNS: readonly string[] = [
  ...[1, 2, 3].map((i) => `setting_${i}`),
  ...Array.from({ length: 21 }, (_, i) => `s_${i + 1}`),
];

/** Parsed rows of one file, sorted as in the file; `values` is rows × CMAPSS_COLUMNS.length. */
export interface CmapssTable {
  readonly file: string;
  readonly rows: number;
  readonly unit: Int32Array;
  readonly cycle: Int32Array;
  readonly values: Float64Array;
  readonly columns: readonly string[];
}

/** Parses a C-MAPSS train or test file; errors name file, line and column. */
export function parseCmapss(text: string, file: string): CmapssTable {
  const width = 2 + CMAPSS_COLUMNS.length;
  const lines = text.split(/\r?\n/);
  const unit: number[] = [];
  const cycle: number[] = [];
  const values: number[] = [];
  const lastCycle = new Map<number, number>();
  let prevUnit = -1;
  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    const line = raw.trim();
    if (line === '') return;
    const tokens = line.split(/\s+/);
    if (tokens.length !== width) {
      throw new DataError(`expected ${width} columns (unit, cycle, 3 settings, 21 sensors), found ${tokens.length}`, file, lineNo);
    }
    const nums = tokens.map((tok, c) => {
      const v = Number(tok);
      if (!Number.isFinite(v)) throw new DataError(`column ${c + 1} (${columnName(c)}): "${tok}" is not a number`, file, lineNo, c + 1);
      return v;
    });
    const [u, cy] = nums as [number, number];
    if (!Number.isInteger(u) || u < 0) throw new DataError(`column 1 (unit): "${tokens[0]}" is not a unit number`, file, lineNo, 1);
    if (!Number.isInteger(cy) || cy < 1) throw new DataError(`column 2 (cycle): "${tokens[1]}" is not a cycle number`, file, lineNo, 2);
    const last = lastCycle.get(u);
    if (last !== undefined && (u !== prevUnit || cy <= last)) {
      throw new DataError(`unit ${u}: cycle ${cy} is out of order (rows of a unit must be contiguous with increasing cycles)`, file, lineNo, 2);
    }
    lastCycle.set(u, cy);
    prevUnit = u;
    unit.push(u);
    cycle.push(cy);
    for (let c = 2; c < width; c++) values.push(nums[c]!);
  });
  if (unit.length === 0) throw new DataError('no data rows', file);
  return { file, rows: unit.length, unit: Int32Array.from(unit), cycle: Int32Array.from(cycle), values: Float64Array.from(values), columns: CMAPSS_COLUMNS };
}

function columnName(c: number): string {
  return c === 0 ? 'unit' : c === 1 ? 'cycle' : CMAPSS_COLUMNS[c - 2]!;
}

/** Parses an RUL truth file: one non-negative number per line, the i-th for the i-th test unit. */
export function parseRulTruth(text: string, file: string): Float64Array {
  const out: number[] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = raw.trim();
    if (line === '') return;
    const tokens = line.split(/\s+/);
    if (tokens.length !== 1) throw new DataError(`expected 1 column (true RUL), found ${tokens.length}`, file, idx + 1);
    const v = Number(tokens[0]);
    if (!Number.isFinite(v) || v < 0) throw new DataError(`"${tokens[0]}" is not a remaining useful life`, file, idx + 1, 1);
    out.push(v);
  });
  if (out.length === 0) throw new DataError('no RUL values', file);
  return Float64Array.from(out);
}

/** Row ranges [start, end) of each unit, in file order. */
export function unitRanges(t: CmapssTable): { unit: number; start: number; end: number }[] {
  const out: { unit: number; start: number; end: number }[] = [];
  for (let r = 0; r < t.rows; r++) {
    const last = out[out.length - 1];
    if (last && last.unit === t.unit[r]) last.end = r + 1;
    else out.push({ unit: t.unit[r]!, start: r, end: r + 1 });
  }
  return out;
}

/**
 * Near-zero-variance columns on the training rows, by the rule of caret's `nearZeroVar` (Kuhn 2008,
 * J. Stat. Softw. 28(5)): one distinct value, or the most frequent value more than `freqRatio` (95/5)
 * times as frequent as the second AND fewer than `uniquePct` (10 %) distinct values. Detected from
 * the data, not a fixed list, because FD002–FD004 and other fleets keep different sensors flat. A
 * threshold on std / mean would not do: FD001's s_8 and s_13 sit near 2388 and vary by ±0.07, yet trend.
 * `loadCmapss` uses this rule.
 */
export function nearZeroVarianceColumns(t: CmapssTable, freqRatio = 95 / 5, uniquePct = 10): number[] {
  const k = t.columns.length;
  const out: number[] = [];
  for (let c = 0; c < k; c++) {
    const counts = new Map<number, number>();
    for (let r = 0; r < t.rows; r++) {
      const v = t.values[r * k + c]!;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const ratio = sorted.length > 1 ? sorted[0]! / sorted[1]! : Infinity;
    if (sorted.length === 1 || (ratio > freqRatio && (100 * sorted.length) / t.rows < uniquePct)) out.push(c);
  }
  return out;
}

/**
 * Columns whose spread is negligible: std ≤ relTol·max(|mean|, 1). Kept for callers that want a plain
 * spread threshold (bench/ml.ts); mind that at relTol = 1e-4 it drops FD001's s_8 and s_13, which trend.
 */
export function constantColumns(t: CmapssTable, relTol = 1e-4): number[] {
  const k = t.columns.length;
  const out: number[] = [];
  for (let c = 0; c < k; c++) {
    let mean = 0;
    for (let r = 0; r < t.rows; r++) mean += t.values[r * k + c]!;
    mean /= t.rows;
    let v = 0;
    for (let r = 0; r < t.rows; r++) v += (t.values[r * k + c]! - mean) ** 2;
    if (Math.sqrt(v / t.rows) <= relTol * Math.max(Math.abs(mean), 1)) out.push(c);
  }
  return out;
}
