/** KPIs on the wire: REST (`/api/kpis`) and the `quality` WebSocket channel. */
import { Type, type Static } from 'typebox';
import { List, Nullable, NumberRecord } from './schema-kit.ts';

const Ratio = Nullable(Type.Number({ description: 'null when its denominator is zero' }));

/** KPI figures of one period as plain JSON; a ratio is null when its denominator is zero. */
export const KpiValues = Type.Object({
  units: Type.Number(),
  goodUnits: Type.Number(),
  defectiveUnits: Type.Number(),
  defects: Type.Number(),
  /** Defects per 1,000 units produced. */
  defectRatePer1000: Ratio,
  /** Defects per type (physics DEFECT_TYPES: crack, bubble, chip, cloudiness, deformation, stain, stress_fracture). */
  defectsByType: NumberRecord(),
  /** First-pass yield: units without a defect / units. */
  fpy: Ratio,
  /** Units per hour of calendar time (for the plant: all lines together, comparable with targetRatePerH). */
  productionRatePerH: Ratio,
  targetRatePerH: Type.Number(),
  /** Line efficiency: units made / units the target rate asks for over the planned time. */
  efficiency: Ratio,
  plannedS: Type.Number(),
  downtimeS: Type.Number(),
  runS: Type.Number(),
  availability: Ratio,
  performance: Ratio,
  quality: Ratio,
  oee: Ratio,
});
export type KpiValues = Static<typeof KpiValues>;

export const PeriodInfo = Type.Object({ label: Type.String(), start: Type.String(), end: Type.String() });
export type PeriodInfo = Static<typeof PeriodInfo>;

/** One hour of the quality sparkline. */
export const SparkPoint = Type.Object({
  /** Start of the hour, ISO 8601 UTC. */
  hour: Type.String(),
  units: Type.Number(),
  defects: Type.Number(),
  defectiveUnits: Type.Number(),
  fpy: Ratio,
  defectRatePer1000: Ratio,
});
export type SparkPoint = Static<typeof SparkPoint>;

const periodKpiProperties = {
  shift: KpiValues,
  /** The last completed shift, for trend arrows; null before the first shift change. */
  previousShift: Nullable(KpiValues),
  day: KpiValues,
  rolling: KpiValues,
  /** 24 hourly points, oldest first, ending with the current (partial) hour. */
  sparkline: List(SparkPoint),
};
export const PeriodKpis = Type.Object(periodKpiProperties);
export type PeriodKpis = Static<typeof PeriodKpis>;

export const LineKpis = Type.Object({
  ...periodKpiProperties,
  line: Type.String(),
  failed: Type.Boolean(),
  stopped: Type.Boolean(),
  targetUnitsPerH: Type.Number(),
  idealUnitsPerH: Type.Number(),
});
export type LineKpis = Static<typeof LineKpis>;

export const MachineDowntime = Type.Object({ asset: Type.String(), failed: Type.Boolean(), shiftDowntimeS: Type.Number(), dayDowntimeS: Type.Number() });
export type MachineDowntime = Static<typeof MachineDowntime>;

/** The `quality` channel payload and the body of GET /api/kpis. */
export const KpiSnapshot = Type.Object({
  /** Simulated time of the snapshot, ISO 8601 UTC. */
  at: Type.String(),
  shift: PeriodInfo,
  previousShift: Nullable(PeriodInfo),
  day: PeriodInfo,
  rollingWindowMin: Type.Number(),
  lines: List(LineKpis),
  /** All lines together (machines have no output of their own; their downtime is listed apart). */
  plant: PeriodKpis,
  machines: List(MachineDowntime),
});
export type KpiSnapshot = Static<typeof KpiSnapshot>;
