import { DEFECT_TYPES, type DefectType } from '../../physics/model.ts';
import type { KpiValues } from '../../protocol/kpis.ts';

export type { KpiValues } from '../../protocol/kpis.ts';

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

/**
 * First-pass yield: the share of units made without any defect, 0..1; null when no unit was made
 * (nothing to judge, not a perfect yield). The one definition, for the KPI cards and the what-if.
 * @example firstPassYield(200, 5) → 0.975
 */
export function firstPassYield(units: number, defectiveUnits: number): number | null {
  return ratio(units - defectiveUnits, units);
}

/**
 * Derives the KPIs of a tally. OEE = availability × performance × quality (Nakajima), with
 * - availability = run time / planned time, run time = planned time − downtime (failed or stopped);
 * - performance = actual rate / ideal rate over the run time = units / (ideal rate × run time), so
 *   slow running counts here and not in availability; it exceeds 1 only if the ideal rate is set too low;
 * - quality = first-pass yield = good units / units.
 * Summed tallies (plant-wide) give the run-time-weighted factors, not a mean of the lines' figures.
 */
export function kpiValues(t: Tally, targetRatePerH: number): KpiValues {
  const good = t.units - t.defectiveUnits;
  const runS = Math.max(0, t.plannedS - t.downS);
  const availability = ratio(runS, t.plannedS);
  const performance = ratio(t.units, t.idealUnits);
  const quality = firstPassYield(t.units, t.defectiveUnits);
  const byType = {} as Record<DefectType, number>;
  DEFECT_TYPES.forEach((d, i) => (byType[d] = t.byType[i]!));
  return {
    units: t.units,
    goodUnits: good,
    defectiveUnits: t.defectiveUnits,
    defects: t.defects,
    defectRatePer1000: t.units > 0 ? (t.defects / t.units) * 1000 : null,
    defectsByType: byType,
    fpy: quality,
    // A plant tally sums the lines' planned time, so units / planned hours would be a per-line mean;
    // scaling the target rate (the lines' sum) by efficiency gives units per calendar hour instead.
    productionRatePerH: t.targetUnits > 0 ? (targetRatePerH * t.units) / t.targetUnits : t.plannedS > 0 ? t.units / (t.plannedS / 3600) : null,
    targetRatePerH,
    efficiency: ratio(t.units, t.targetUnits),
    plannedS: t.plannedS,
    downtimeS: t.downS,
    runS,
    availability,
    performance,
    quality,
    // Nothing made in planned time is an OEE of 0, though performance and quality are undefined.
    oee: t.units === 0 ? (t.plannedS > 0 ? 0 : null) : availability !== null && performance !== null && quality !== null ? availability * performance * quality : null,
  };
}
