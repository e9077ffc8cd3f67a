export type { AssetKpi } from './asset-kpi.ts';
export { KpiTracker, SPARKLINE_HOURS, type KpiFrame, type KpiTrackerOptions } from './kpi-tracker.ts';
export { DEFAULT_KPI_CONFIG, KpiConfigError, KpiConfigSchema, parseKpiConfig, type KpiConfig, type KpiConfigInput } from './kpi-config.ts';
export type { KpiSnapshot, KpiValues, LineKpis, MachineDowntime, PeriodInfo, PeriodKpis, SparkPoint } from './kpi-types.ts';
export { dayAt, shiftAt, shiftLabel, type Period } from './periods.ts';
export { availability, firstPassYield, idealUnitsIn, kpiValues, oee, performance, qualityRate, Tally, type Oee, type OeeTotals } from './tally.ts';
