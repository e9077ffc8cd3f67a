import type { Spread, WhatIfResult } from '../api/what-if-types.ts';

/** One row of the baseline-vs-changed table. */
export interface ComparisonRow {
  readonly label: string;
  readonly unit: string;
  readonly baseline: Spread;
  readonly changed: Spread;
  /** Changed minus baseline, paired by seed. */
  readonly delta: Spread;
  /** better / worse when the paired change exceeds its own spread; "within spread" otherwise. */
  readonly verdict: 'better' | 'worse' | 'within spread';
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

/** "12.3 ± 0.8" with p10–p90 for a title. */
export function spreadText(s: Spread, digits = 3): string {
  // Spreads below a millionth are float noise of identical branches (e.g. energy when only a line's pull changes).
  const f = (v: number) => (Math.abs(v) < 1e-6 ? '0' : Number(v.toPrecision(digits)).toString());
  return `${f(s.mean)} ± ${f(s.std)}`;
}
