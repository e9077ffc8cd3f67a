import type { Spread, WhatIfResult } from '../../../protocol/what-if.ts';

/** One row of the baseline-vs-changed table. */
export interface ComparisonRow {
  readonly label: string;
  readonly unit: string;
  /** Null when the metric has no value: first-pass yield of a branch that made no units (a machine-only change). */
  readonly baseline: Spread | null;
  readonly changed: Spread | null;
  /** Changed minus baseline, paired by seed. */
  readonly delta: Spread | null;
  /** better / worse when the paired change exceeds its own spread; "within spread" otherwise; "no units" without a value. */
  readonly verdict: 'better' | 'worse' | 'within spread' | 'no units';
}

type Key = 'defectsPer1000' | 'firstPassYieldPct' | 'unitsPerH' | 'energyMWh';
const ROWS: readonly { key: Key; label: string; unit: string; higherIsBetter: boolean }[] = [
  { key: 'defectsPer1000', label: 'Defect rate', unit: 'per 1,000', higherIsBetter: false },
  { key: 'firstPassYieldPct', label: 'Quality (first-pass yield)', unit: '%', higherIsBetter: true },
  { key: 'unitsPerH', label: 'Production rate', unit: 'units/h', higherIsBetter: true },
  { key: 'energyMWh', label: 'Energy', unit: 'MWh', higherIsBetter: false },
];

/**
 * The comparison of a what-if run. A change counts only when the mean paired difference is larger
 * than the spread of that difference across seeds (one std): smaller moves are noise of the futures.
 */
export function compareWhatIf(r: WhatIfResult): ComparisonRow[] {
  return ROWS.map(({ key, label, unit, higherIsBetter }) => {
    const delta = r.delta[key];
    if (delta === null) return { label, unit, baseline: r.baseline[key], changed: r.changed[key], delta, verdict: 'no units' };
    const significant = Math.abs(delta.mean) > delta.std && delta.mean !== 0;
    const up = delta.mean > 0;
    return { label, unit, baseline: r.baseline[key], changed: r.changed[key], delta, verdict: !significant ? 'within spread' : up === higherIsBetter ? 'better' : 'worse' };
  });
}

/** Changes worth sending: setpoints moved away from their current target, clamped to their bounds. */
export function pendingChanges(values: Readonly<Record<string, number>>, specs: readonly { id: string; min: number; max: number; target: number }[]): { setpoint: string; value: number }[] {
  return specs
    .filter((s) => values[s.id] !== undefined && values[s.id] !== s.target)
    .map((s) => ({ setpoint: s.id, value: Math.min(s.max, Math.max(s.min, values[s.id]!)) }));
}

/** "12.3 ± 0.8"; "n/a" for a metric without a value. */
export function spreadText(s: Spread | null, digits = 3): string {
  if (s === null) return 'n/a';
  // Spreads below a millionth are float noise of identical branches (e.g. energy when only a line's pull changes).
  const f = (v: number) => (Math.abs(v) < 1e-6 ? '0' : Number(v.toPrecision(digits)).toString());
  return `${f(s.mean)} ± ${f(s.std)}`;
}

/** "p10–p90 11.5–13.1" for a title; the reason when there is no value. */
export function spreadRange(s: Spread | null): string {
  return s === null ? 'no units were made in this branch' : `p10–p90 ${s.p10.toFixed(2)}–${s.p90.toFixed(2)}`;
}
