export type { AssetKpi } from './asset-kpi.ts';
export { KpiTracker, SPARKLINE_HOURS, type KpiFrame, type KpiTrackerOptions } from './kpi-tracker.ts';
export { DEFAULT_KPI_CONFIG, KpiConfigError, KpiConfigSchema, parseKpiConfig, type KpiConfig, type KpiConfigInput } from './kpi-config.ts';
export type { KpiSnapshot, LineKpis, MachineDowntime, PeriodInfo, PeriodKpis, SparkPoint } from './kpi-snapshot.ts';
export { dayAt, shiftAt, shiftLabel, type Period } from './periods.ts';
export { kpiValues, Tally, type KpiValues } from './tally.ts';
