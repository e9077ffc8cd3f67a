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

// Alerts, KPIs and history are defined once, in protocol/, for the server and the viewer.
export type { AlertChange, AlertState, AlertView, Severity } from '../../../protocol/alerts.ts';
export type { KpiSnapshot, KpiValues, PeriodKpis, SparkPoint } from '../../../protocol/kpis.ts';
export type { HistoryResponse, HistorySeries } from '../../../protocol/history.ts';

/** GET /api/health */
export interface Health {
  readonly status: 'ok' | 'degraded';
  readonly engine: { readonly running: boolean; readonly simTime: string; readonly tick: number; readonly lagS: number; readonly speed: number | 'max' };
  readonly models: { readonly status: string; readonly detail?: string };
}
