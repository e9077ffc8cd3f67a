/**
 * C-MAPSS to WindowSets: windows of the last W cycles of the non-constant columns, labelled with the
 * piecewise-linear RUL (constant at the cap early in life, then falling to 0 at failure; Heimes 2008,
 * "Recurrent neural networks for remaining useful life estimation", PHM08).
 */
import type { Rng } from '../../physics/model.ts';
import type { Split, WindowSet } from '../window-set.ts';
import { DataError } from './data-error.ts';
import { nearZeroVarianceColumns, parseCmapss, parseRulTruth, unitRanges, type CmapssTable } from './cmapss-parse.ts';
import { seededRng } from './rng.ts';
import { splitByGroup } from './splits.ts';
import { emptyWindows } from './window-ops.ts';

/** Window length in cycles used when none is given (common in the C-MAPSS literature). */
export const CMAPSS_WINDOW_STEPS = 30;
/** RUL cap in cycles of the piecewise-linear target (Heimes 2008 used 130; 125 is the usual FD001 choice). */
export const CMAPSS_RUL_CAP = 125;

/** How windows are cut from one table. */
export interface CmapssWindowOptions {
  /** Indices into the table's columns to keep as features. */
  readonly columns: readonly number[];
  readonly windowSteps?: number;
  readonly rulCap?: number;
  /** 'all': every full window (a unit shorter than W gives its padded last window); 'last': one window per unit. */
  readonly mode: 'all' | 'last';
  /** True RUL at each unit's last row, in unit order (test files); absent: the unit ran to failure. */
  readonly truth?: Float64Array;
}

/**
 * Windows of one table. A unit shorter than W is padded at the front by repeating its first row.
 * Labels: min(cap, RUL) for run-to-failure units; the true RUL from `truth` (uncapped) for test units.
 */
export function cmapssWindows(t: CmapssTable, o: CmapssWindowOptions): WindowSet {
  const w = o.windowSteps ?? CMAPSS_WINDOW_STEPS;
  const cap = o.rulCap ?? CMAPSS_RUL_CAP;
  const units = unitRanges(t);
  if (o.truth && o.truth.length !== units.length) {
    throw new DataError(`${o.truth.length} RUL values for ${units.length} units in ${t.file}`, 'truth file');
  }
  const ends: { u: number; end: number }[] = [];
  units.forEach((r, u) => {
    const first = o.mode === 'last' ? r.end - 1 : Math.min(r.start + w - 1, r.end - 1);
    for (let e = first; e < r.end; e++) ends.push({ u, end: e });
  });
  const k = t.columns.length;
  const f = o.columns.length;
  const ws = emptyWindows(ends.length, w, o.columns.map((c) => t.columns[c]!), ['rul']);
  ends.forEach(({ u, end }, i) => {
    const r = units[u]!;
    for (let s = 0; s < w; s++) {
      const row = Math.max(r.start, end - (w - 1) + s); // front padding repeats the unit's first row
      for (let j = 0; j < f; j++) ws.x[(i * w + s) * f + j] = t.values[row * k + o.columns[j]!]!;
    }
    const toLast = t.cycle[r.end - 1]! - t.cycle[end]!;
    ws.y[i] = o.truth ? o.truth[u]! + toLast : Math.min(cap, toLast);
    ws.group[i] = r.unit;
    ws.time[i] = t.cycle[end]!;
  });
  return ws;
}

/** Inputs of {@link loadCmapss}: file texts with their names (for error messages). */
export interface CmapssSource {
  readonly train: { text: string; file: string };
  readonly test?: { text: string; file: string };
  readonly truth?: { text: string; file: string };
  readonly windowSteps?: number;
  readonly rulCap?: number;
  /** Share of training units held out for validation (and for test without a test file). Default 0.2. */
  readonly holdout?: number;
  readonly seed?: number;
}

/** A split ready for scaling, with the feature columns kept and the constant ones dropped. */
export interface CmapssDataset {
  readonly split: Split;
  readonly features: readonly string[];
  readonly dropped: readonly string[];
  readonly windowSteps: number;
  readonly rulCap: number;
}

/**
 * Reads train (and test + truth) files into a split by whole units. With a test file, its last
 * window per unit is the test part; without one, whole training units are held out as the test part.
 */
export function loadCmapss(src: CmapssSource, rng: Rng = seededRng(src.seed ?? 0, 'cmapss-split')): CmapssDataset {
  if (src.test && !src.truth) throw new DataError('a test file needs its RUL truth file', src.test.file);
  const train = parseCmapss(src.train.text, src.train.file);
  const flat = new Set(nearZeroVarianceColumns(train));
  const columns = train.columns.map((_, c) => c).filter((c) => !flat.has(c));
  const windowSteps = src.windowSteps ?? CMAPSS_WINDOW_STEPS;
  const rulCap = src.rulCap ?? CMAPSS_RUL_CAP;
  const holdout = src.holdout ?? 0.2;
  const all = cmapssWindows(train, { columns, windowSteps, rulCap, mode: 'all' });
  let split: Split;
  if (src.test && src.truth) {
    const testTable = parseCmapss(src.test.text, src.test.file);
    const truth = parseRulTruth(src.truth.text, src.truth.file);
    const tv = splitByGroup(all, { validation: holdout, test: 0 }, rng);
    split = { train: tv.train, validation: tv.validation, test: cmapssWindows(testTable, { columns, windowSteps, rulCap, mode: 'last', truth }) };
  } else {
    split = splitByGroup(all, { validation: holdout / 2, test: holdout / 2 }, rng);
  }
  return { split, features: columns.map((c) => train.columns[c]!), dropped: [...flat].map((c) => train.columns[c]!), windowSteps, rulCap };
}
