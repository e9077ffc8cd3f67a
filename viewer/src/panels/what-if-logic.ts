import type { Spread, WhatIfResult } from '../../../protocol/what-if.ts';
import { shortDuration } from './what-if-duration.ts';

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

type TimeToEffect = WhatIfResult['timeToEffect'];
type EffectQuantity = keyof TimeToEffect['byQuantity'];
type DefectType = keyof WhatIfResult['baseline']['defectsPer1000ByType'];

const EFFECT_LABELS: Readonly<Record<EffectQuantity, string>> = { defect_rate: 'defect rate', production_rate: 'production', power: 'power' };

/** One metric's time to effect. */
export interface EffectRow {
  readonly quantity: EffectQuantity;
  /** "defect rate: 3 h 10 min" or "production: no lasting effect within 4 h". */
  readonly text: string;
  readonly tS: number | null;
  /** "12 of 16 seeds departed" — how many futures agree. */
  readonly seedsText: string;
}

/**
 * Time to effect per metric, earliest first, the ones without a lasting effect last. Each quantity
 * has its own: power answers a setpoint in a minute while the defect rate follows the glass through
 * the annealing lehr hours later, so the old headline (the earliest over all) said "1 min" for a
 * change whose defect effect came after 3 h.
 */
export function effectRows(tte: TimeToEffect, horizonS: number, seedCount: number): EffectRow[] {
  const rows = (Object.keys(EFFECT_LABELS) as EffectQuantity[]).map((quantity) => {
    const q = tte.byQuantity[quantity];
    const label = EFFECT_LABELS[quantity];
    const text = q.tS === null ? `${label}: no lasting effect within ${shortDuration(horizonS)}` : `${label}: ${shortDuration(q.tS)}`;
    return { quantity, tS: q.tS, text, seedsText: `${q.seedsDeparted} of ${seedCount} seeds departed` };
  });
  return rows.sort((x, y) => (x.tS ?? Infinity) - (y.tS ?? Infinity));
}

/** One defect type, baseline vs changed, per 1,000 units. */
export interface DefectRow {
  readonly type: DefectType;
  readonly label: string;
  readonly baseline: Spread;
  readonly changed: Spread;
  readonly delta: Spread;
}

/** Defects per 1,000 by type; types that neither branch ever made are left out (all zero says nothing). */
export function defectRows(r: WhatIfResult): DefectRow[] {
  return (Object.keys(r.baseline.defectsPer1000ByType) as DefectType[])
    .map((type) => ({ type, label: type.replace('_', ' '), baseline: r.baseline.defectsPer1000ByType[type], changed: r.changed.defectsPer1000ByType[type], delta: r.delta.defectsPer1000ByType[type] }))
    .filter((d) => d.baseline.mean !== 0 || d.changed.mean !== 0 || d.baseline.p90 !== 0 || d.changed.p90 !== 0);
}

/** A machine figure baseline vs changed. */
export interface MachineRow {
  readonly key: 'rul' | 'risk';
  readonly label: string;
  readonly baseline: string;
  readonly changed: string;
  readonly delta: string;
}

/** The basis of the machine figures, said plainly: the twin knows its own wear; a real plant's would be an estimate. */
export const MACHINE_BASIS = "from the twin's wear state (its simulated ground truth), not a model estimate";

/** Remaining life at the horizon and failure risk within it, baseline vs changed; empty when no machine is covered. */
export function machineRows(r: WhatIfResult): MachineRow[] {
  if (r.machineHealth === null) return [];
  const rows: MachineRow[] = [];
  if (r.baseline.rulEndH !== null && r.changed.rulEndH !== null) {
    rows.push({ key: 'rul', label: `Remaining life at horizon (h; ${Number(r.machineHealth.rulAtForkH.toPrecision(4))} h at fork)`, baseline: spreadText(r.baseline.rulEndH), changed: spreadText(r.changed.rulEndH), delta: spreadText(r.delta.rulEndH) });
  }
  const pp = (v: number) => `${v > 0 ? '+' : ''}${Number(v.toPrecision(3))} pp`;
  rows.push({ key: 'risk', label: 'Failure risk within horizon (% of seeds)', baseline: `${Number(r.baseline.failureRiskPct.toPrecision(3))} %`, changed: `${Number(r.changed.failureRiskPct.toPrecision(3))} %`, delta: pp(r.delta.failureRiskPct) });
  return rows;
}

/** The plan that ran, one change a line: "Line_A.furnace_temp → 1551 at fork, for 2 h, then back". The server echoes it, so this shows what it applied, not what was typed. */
export function planLines(changes: WhatIfResult['request']['changes']): string[] {
  return changes.map((c) => {
    const at = c.atS === 0 ? 'at fork' : `after ${shortDuration(c.atS)}`;
    const hold = c.durationS === undefined ? 'stays' : `for ${shortDuration(c.durationS)}, then back`;
    return `${c.setpoint} → ${Number(c.value.toPrecision(5))} ${at}, ${hold}`;
  });
}
