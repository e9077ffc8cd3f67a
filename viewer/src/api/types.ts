// Shapes of twin-api's REST and channel payloads as the viewer reads them. The viewer may import only
// protocol/ of our code, so the payloads protocol/ does not define yet are mirrored here (read-only).

/** A sensor as the topology describes it. */
export interface SensorInfo {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly unit: string;
  readonly description: string;
  readonly periodS: number;
  readonly limits: Readonly<Record<'warning' | 'error' | 'critical', readonly [number | null, number | null]>>;
}

/** A setpoint with its safe bounds. */
export interface SetpointInfo {
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly description: string;
}

/** A line or machine of the plant. */
export interface AssetInfo {
  readonly id: string;
  readonly kind: 'line' | 'machine';
  readonly sensors: readonly SensorInfo[];
  readonly setpoints: readonly SetpointInfo[];
}

/** GET /api/plant/topology */
export interface Topology {
  readonly scenario: string;
  readonly start: string;
  readonly stepS: number;
  readonly assets: readonly AssetInfo[];
}

/** GET /api/plant/setpoints item. */
export interface SetpointValue extends SetpointInfo {
  readonly asset: string;
  readonly target: number;
  readonly actual: number;
}

/** GET /api/plant/latest */
export interface LatestSnapshot {
  readonly t: string;
  readonly tick: number;
  readonly samples: readonly { sensor_id: string; value: number | null; unit: string; status: 'OK' | 'WARNING' | 'ERROR' | 'CRITICAL' }[];
}

export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type AlertState = 'active' | 'acknowledged' | 'cleared' | 'dismissed';

/** An alert (REST and the `alerts` channel). */
export interface AlertView {
  readonly id: string;
  readonly rule: 'threshold' | 'rate_of_change' | 'anomaly' | 'failure' | 'model_drift';
  readonly severity: Severity;
  readonly state: AlertState;
  readonly asset: string;
  readonly sensor: string | null;
  readonly parameter: string | null;
  readonly openedAt: string;
  readonly lastAt: string;
  readonly clearedAt: string | null;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly unit: string;
  readonly direction: 'above' | 'below' | null;
  readonly message: string;
  readonly recommendedAction: string;
  readonly reopenCount: number;
  readonly contributors: readonly string[];
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: string | null;
  readonly dismissedBy: string | null;
  readonly dismissedAt: string | null;
  readonly justification: string | null;
}

/** Payload of the `alerts` channel. */
export interface AlertChange {
  readonly kind: 'opened' | 'reopened' | 'escalated' | 'updated' | 'cleared' | 'acknowledged' | 'dismissed';
  readonly alert: AlertView;
}

/** KPI values of one period. */
export interface KpiValues {
  readonly units: number;
  readonly goodUnits: number;
  readonly defectiveUnits: number;
  readonly defects: number;
  readonly defectRatePer1000: number;
  readonly fpy: number;
  readonly productionRatePerH: number;
  readonly targetRatePerH: number;
  readonly efficiency: number;
  readonly downtimeS: number;
  readonly availability: number;
  readonly performance: number;
  readonly quality: number;
  readonly oee: number;
}

/** One hour of the 24 h sparkline. */
export interface SparkPoint {
  readonly hour: string;
  readonly units: number;
  readonly defects: number;
  readonly fpy: number | null;
  readonly defectRatePer1000: number | null;
}

export interface PeriodKpis {
  readonly shift: KpiValues;
  readonly previousShift: KpiValues | null;
  readonly day: KpiValues;
  readonly rolling: KpiValues;
  readonly sparkline: readonly SparkPoint[];
}

/** GET /api/kpis and the `quality` channel. */
export interface KpiSnapshot {
  readonly at: string;
  readonly shift: { readonly label: string; readonly start: string; readonly end: string };
  readonly lines: readonly (PeriodKpis & { readonly line: string; readonly failed: boolean; readonly stopped: boolean })[];
  readonly plant: PeriodKpis;
  readonly machines: readonly { readonly asset: string; readonly failed: boolean; readonly shiftDowntimeS: number }[];
}

/** GET /api/plant/history series. */
export interface HistorySeries {
  readonly sensorId: string;
  readonly kind: 'buckets' | 'raw';
  readonly bucketMs?: number;
  readonly buckets?: readonly { tMs: number; min: number | null; max: number | null; avg: number | null; count: number }[];
  readonly points?: readonly { tMs: number; value: number | null }[];
}

/** GET /api/health */
export interface Health {
  readonly status: 'ok' | 'degraded';
  readonly engine: { readonly running: boolean; readonly simTime: string; readonly tick: number; readonly lagS: number; readonly speed: number | 'max' };
  readonly models: { readonly status: string; readonly detail?: string };
}
