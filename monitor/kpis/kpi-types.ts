/**
 * KPI results as plain data: the KPI cards' snapshot (REST `/api/kpis`, the `quality` channel).
 * Defined here; protocol/kpis.ts carries the same shapes on the wire and
 * twin-api/protocol-conformance.ts keeps the two equal.
 */

/** KPI figures of one period as plain JSON; a ratio is null when its denominator is zero. */
export interface KpiValues {
  readonly units: number;
  readonly goodUnits: number;
  readonly defectiveUnits: number;
  readonly defects: number;
  /** Defects per 1,000 units produced. */
  readonly defectRatePer1000: number | null;
  /** Defects per type (physics DEFECT_TYPES: crack, bubble, chip, cloudiness, deformation, stain, stress_fracture). */
  readonly defectsByType: Readonly<Record<string, number>>;
  /** First-pass yield: units without a defect / units. */
  readonly fpy: number | null;
  /** Units per hour of calendar time (for the plant: all lines together, comparable with targetRatePerH). */
  readonly productionRatePerH: number | null;
  readonly targetRatePerH: number;
  /** Line efficiency: units made / units the target rate asks for over the planned time. */
  readonly efficiency: number | null;
  readonly plannedS: number;
  readonly downtimeS: number;
  readonly runS: number;
  readonly availability: number | null;
  readonly performance: number | null;
  readonly quality: number | null;
  readonly oee: number | null;
}

export interface PeriodInfo {
  readonly label: string;
  readonly start: string;
  readonly end: string;
}

/** One hour of the quality sparkline. */
export interface SparkPoint {
  /** Start of the hour, ISO 8601 UTC. */
  readonly hour: string;
  readonly units: number;
  readonly defects: number;
  readonly defectiveUnits: number;
  readonly fpy: number | null;
  readonly defectRatePer1000: number | null;
}

export interface PeriodKpis {
  readonly shift: KpiValues;
  /** The last completed shift, for trend arrows; null before the first shift change. */
  readonly previousShift: KpiValues | null;
  readonly day: KpiValues;
  readonly rolling: KpiValues;
  /** 24 hourly points, oldest first, ending with the current (partial) hour. */
  readonly sparkline: readonly SparkPoint[];
}

export interface LineKpis extends PeriodKpis {
  readonly line: string;
  readonly failed: boolean;
  readonly stopped: boolean;
  readonly targetUnitsPerH: number;
  readonly idealUnitsPerH: number;
}

export interface MachineDowntime {
  readonly asset: string;
  readonly failed: boolean;
  readonly shiftDowntimeS: number;
  readonly dayDowntimeS: number;
}

/** The `quality` channel payload and the REST KPI response. */
export interface KpiSnapshot {
  /** Simulated time of the snapshot, ISO 8601 UTC. */
  readonly at: string;
  readonly shift: PeriodInfo;
  readonly previousShift: PeriodInfo | null;
  readonly day: PeriodInfo;
  readonly rollingWindowMin: number;
  readonly lines: readonly LineKpis[];
  /** All lines together (machines have no output of their own; their downtime is listed apart). */
  readonly plant: PeriodKpis;
  readonly machines: readonly MachineDowntime[];
}
