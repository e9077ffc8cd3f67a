import { DEFECT_TYPES, type DefectType } from '../../physics/model.ts';
import type { KpiValues } from './kpi-types.ts';

export type { KpiValues } from './kpi-types.ts';

/** Counts and times of one asset (or a sum of assets) over one period. Mutable, reused, no allocation per event. */
export class Tally {
  units = 0;
  /** Units with at least one defect (a unit with several defects counts once). */
  defectiveUnits = 0;
  defects = 0;
  readonly byType = new Float64Array(DEFECT_TYPES.length);
  /** Elapsed planned production time, seconds (all time is planned: the plant runs 24/7). */
  plannedS = 0;
  downS = 0;
  /** Units the asset could have made at its ideal rate during its run time. */
  idealUnits = 0;
  /** Units the target rate asks for over the planned time. */
  targetUnits = 0;

  reset(): void {
    this.units = this.defectiveUnits = this.defects = this.plannedS = this.downS = this.idealUnits = this.targetUnits = 0;
    this.byType.fill(0);
  }

  add(o: Tally): void {
    this.units += o.units;
    this.defectiveUnits += o.defectiveUnits;
    this.defects += o.defects;
    for (let i = 0; i < this.byType.length; i++) this.byType[i]! += o.byType[i]!;
    this.plannedS += o.plannedS;
    this.downS += o.downS;
    this.idealUnits += o.idealUnits;
    this.targetUnits += o.targetUnits;
  }

  copyFrom(o: Tally): void {
    this.reset();
    this.add(o);
  }
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

// The one definition of each KPI, from totals, for the KPI cards, what-if and the optimizer's reward.
// OEE = availability × performance × quality (Nakajima, "Introduction to TPM", 1988).

/**
 * First-pass yield: units made without a defect the first time / units made; null with no units.
 * A unit with several defects counts once.
 *
 * @example firstPassYield(1000, 37) // 0.963
 */
export function firstPassYield(units: number, defectiveUnits: number): number | null {
  return ratio(units - defectiveUnits, units);
}

/** OEE's quality factor: good units / units, the same figure as first-pass yield (no rework is counted good). */
export const qualityRate = firstPassYield;

/** Run time / planned time, run time = planned − downtime (failed or stopped); null with no planned time. */
export function availability(plannedS: number, downtimeS: number): number | null {
  return ratio(Math.max(0, plannedS - downtimeS), plannedS);
}

/** Units the ideal (nameplate) rate would make in `runS` seconds. */
export function idealUnitsIn(runS: number, idealUnitsPerH: number): number {
  return (idealUnitsPerH * runS) / 3600;
}

/**
 * Actual / ideal output over the run time: slow running counts here, not in availability; above 1
 * only if the ideal rate is set too low. `idealUnits` is idealUnitsIn(runS, rate), summed over
 * assets for a plant total (so each keeps its own ideal rate). Null when nothing could be made.
 */
export function performance(units: number, idealUnits: number): number | null {
  return ratio(units, idealUnits);
}

/** What OEE is computed from. */
export interface OeeTotals {
  readonly units: number;
  readonly defectiveUnits: number;
  readonly plannedS: number;
  readonly downtimeS: number;
  /** Units the ideal rate would make in the run time (idealUnitsIn). */
  readonly idealUnits: number;
}

/** The three OEE factors and their product. */
export interface Oee {
  readonly availability: number | null;
  readonly performance: number | null;
  readonly quality: number | null;
  readonly oee: number | null;
}

/**
 * OEE and its factors from totals. Nothing made in planned time is an OEE of 0, though performance
 * and quality are undefined (null); no planned time is no OEE.
 *
 * @example oee({ units: 850, defectiveUnits: 17, plannedS: 3600, downtimeS: 0, idealUnits: 1000 }).oee // 0.833
 */
export function oee(t: OeeTotals): Oee {
  const a = availability(t.plannedS, t.downtimeS);
  const p = performance(t.units, t.idealUnits);
  const q = qualityRate(t.units, t.defectiveUnits);
  const product = t.units === 0 ? (t.plannedS > 0 ? 0 : null) : a !== null && p !== null && q !== null ? a * p * q : null;
  return { availability: a, performance: p, quality: q, oee: product };
}

/**
 * Derives the KPIs of a tally with the functions above. Summed tallies (plant-wide) give the
 * run-time-weighted factors, not a mean of the lines' figures.
 */
export function kpiValues(t: Tally, targetRatePerH: number): KpiValues {
  const good = t.units - t.defectiveUnits;
  const runS = Math.max(0, t.plannedS - t.downS);
  const factors = oee({ units: t.units, defectiveUnits: t.defectiveUnits, plannedS: t.plannedS, downtimeS: t.downS, idealUnits: t.idealUnits });
  const byType = {} as Record<DefectType, number>;
  DEFECT_TYPES.forEach((d, i) => (byType[d] = t.byType[i]!));
  return {
    units: t.units,
    goodUnits: good,
    defectiveUnits: t.defectiveUnits,
    defects: t.defects,
    defectRatePer1000: t.units > 0 ? (t.defects / t.units) * 1000 : null,
    defectsByType: byType,
    fpy: factors.quality,
    // A plant tally sums the lines' planned time, so units / planned hours would be a per-line mean;
    // scaling the target rate (the lines' sum) by efficiency gives units per calendar hour instead.
    productionRatePerH: t.targetUnits > 0 ? (targetRatePerH * t.units) / t.targetUnits : t.plannedS > 0 ? t.units / (t.plannedS / 3600) : null,
    targetRatePerH,
    efficiency: ratio(t.units, t.targetUnits),
    plannedS: t.plannedS,
    downtimeS: t.downS,
    runS,
    ...factors,
  };
}
