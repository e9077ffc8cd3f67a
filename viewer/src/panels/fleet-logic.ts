import type { AlertView, AssetInfo } from '../api/types.ts';
import type { Prediction, SensorReading } from '../live/store-types.ts';

/** A machine's state in the fleet grid. */
export type FleetState = 'ready' | 'degrading' | 'failing' | 'no-model';

export interface FleetTile {
  readonly id: string;
  readonly state: FleetState;
  /** Worst sensor status now (0 OK … 3 CRITICAL). */
  readonly worstStatus: number;
  readonly hasModel: boolean;
  readonly why: string;
}

/**
 * A machine's state: from its model when one predicts for it (failure probability above 50 % is
 * failing, above 20 % degrading); without a model, sensor evidence still counts (a failure alert or
 * an ERROR/CRITICAL reading is failing, a WARNING degrading), otherwise the tile says "no model" rather
 * than claiming the machine is fine.
 */
export function fleetState(asset: AssetInfo, readings: Readonly<Record<string, SensorReading>>, prediction: Prediction | undefined, activeAlerts: readonly AlertView[]): FleetTile {
  const worst = asset.sensors.reduce((w, s) => Math.max(w, readings[s.id]?.s ?? 0), 0);
  const failed = activeAlerts.some((a) => a.asset === asset.id && a.rule === 'failure');
  const base = { id: asset.id, worstStatus: worst, hasModel: prediction !== undefined };
  if (failed) return { ...base, state: 'failing', why: 'failure alert open' };
  const p = prediction?.failureProbability ?? null;
  if (prediction && p !== null) {
    if (p > 0.5) return { ...base, state: 'failing', why: `failure probability ${Math.round(p * 100)} %` };
    if (p > 0.2 || worst >= 2) return { ...base, state: 'degrading', why: p > 0.2 ? `failure probability ${Math.round(p * 100)} %` : 'sensor out of limits' };
    return { ...base, state: 'ready', why: 'model sees no risk' };
  }
  if (worst >= 2) return { ...base, state: 'failing', why: 'sensor beyond error limit' };
  if (worst === 1) return { ...base, state: 'degrading', why: 'sensor beyond warning limit' };
  return { ...base, state: 'no-model', why: 'sensors normal; no model' };
}

/** Tiles of every machine, worst first so trouble is at the top. */
export function fleetTiles(assets: readonly AssetInfo[], readings: Readonly<Record<string, SensorReading>>, predictions: Readonly<Record<string, Prediction>>, alerts: Readonly<Record<string, AlertView>>): FleetTile[] {
  const active = Object.values(alerts).filter((a) => a.state === 'active' || a.state === 'acknowledged');
  const order: Record<FleetState, number> = { failing: 0, degrading: 1, 'no-model': 2, ready: 3 };
  return assets
    .filter((a) => a.kind === 'machine')
    .map((a) => fleetState(a, readings, predictions[a.id], active))
    .sort((x, y) => order[x.state] - order[y.state] || x.id.localeCompare(y.id));
}
