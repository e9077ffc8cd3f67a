import type { AlertView } from '../../../protocol/alerts.ts';
import type { AssetInfo } from '../../../protocol/plant.ts';
import { activeAlertsOf, HEALTH_CLASSES, machineHealth, type HealthClass } from '../health/health-class.ts';
import type { Prediction, SensorReading } from '../live/store-types.ts';

/** A machine's state in the fleet grid: its health class (health/health-class.ts, which the 3D hall colours by too). */
export type FleetState = HealthClass;

export interface FleetTile {
  readonly id: string;
  readonly state: FleetState;
  /** Worst sensor status now (0 OK … 3 CRITICAL). */
  readonly worstStatus: number;
  readonly hasModel: boolean;
  readonly why: string;
}

/** A machine's tile: its health class with the evidence (see machineHealth). */
export function fleetState(asset: AssetInfo, readings: Readonly<Record<string, SensorReading>>, prediction: Prediction | undefined, activeAlerts: readonly AlertView[]): FleetTile {
  return { id: asset.id, ...machineHealth(asset, readings, prediction, activeAlerts) };
}

/** Tiles of every machine, worst first so trouble is at the top. */
export function fleetTiles(assets: readonly AssetInfo[], readings: Readonly<Record<string, SensorReading>>, predictions: Readonly<Record<string, Prediction>>, alerts: Readonly<Record<string, AlertView>>): FleetTile[] {
  const active = activeAlertsOf(alerts);
  return assets
    .filter((a) => a.kind === 'machine')
    .map((a) => fleetState(a, readings, predictions[a.id], active))
    .sort((x, y) => HEALTH_CLASSES.indexOf(x.state) - HEALTH_CLASSES.indexOf(y.state) || x.id.localeCompare(y.id));
}
