import type { AlertView } from '../../../protocol/alerts.ts';
import type { AssetInfo } from '../../../protocol/plant.ts';
import type { Prediction, SensorReading } from '../live/store-types.ts';

/** A machine's state in the fleet grid. */
export type FleetState = 'ready' | 'degrading' | 'failing' | 'loading' | 'no-model';

export interface FleetTile {
  readonly id: string;
  readonly state: FleetState;
  /** Worst sensor status now (0 OK … 3 CRITICAL). */
  readonly worstStatus: number;
  readonly hasModel: boolean;
  readonly why: string;
}

/** Which of a machine's models serve: some ready, else some loading (being trained), else none. */
export function modelAvailability(prediction: Prediction | undefined): 'ready' | 'loading' | 'missing' {
  const statuses = Object.values(prediction?.status ?? {});
  return statuses.includes('ready') ? 'ready' : statuses.includes('loading') ? 'loading' : 'missing';
}

/**
 * A machine's state: from its models when one serves it (the predictions' per-task status says so;
 * failure probability above 50 % is failing, above 20 % degrading; without a failure model an
 * anomaly score over 1 is degrading); without one, sensor evidence still counts (a failure alert or
 * an ERROR/CRITICAL reading is failing, a WARNING degrading), otherwise the tile says "model loading"
 * while its model trains, or "no model", rather than claiming the machine is fine.
 */
export function fleetState(asset: AssetInfo, readings: Readonly<Record<string, SensorReading>>, prediction: Prediction | undefined, activeAlerts: readonly AlertView[]): FleetTile {
  const worst = asset.sensors.reduce((w, s) => Math.max(w, readings[s.id]?.s ?? 0), 0);
  const failed = activeAlerts.some((a) => a.asset === asset.id && a.rule === 'failure');
  const models = modelAvailability(prediction);
  const base = { id: asset.id, worstStatus: worst, hasModel: models === 'ready' };
  if (failed) return { ...base, state: 'failing', why: 'failure alert open' };
  const p = prediction?.failureProbability ?? null;
  const anomaly = prediction?.anomalyScore ?? null;
  if (models === 'ready' && p !== null) {
    if (p > 0.5) return { ...base, state: 'failing', why: `failure probability ${Math.round(p * 100)} %` };
    if (p > 0.2 || worst >= 2) return { ...base, state: 'degrading', why: p > 0.2 ? `failure probability ${Math.round(p * 100)} %` : 'sensor out of limits' };
    return { ...base, state: 'ready', why: 'model sees no risk' };
  }
  if (worst >= 2) return { ...base, state: 'failing', why: 'sensor beyond error limit' };
  if (models === 'ready' && anomaly !== null) {
    if (anomaly > 1 || worst === 1) return { ...base, state: 'degrading', why: anomaly > 1 ? `anomaly score ${anomaly.toFixed(2)}` : 'sensor beyond warning limit' };
    return { ...base, state: 'ready', why: 'anomaly model sees nothing unusual' };
  }
  if (worst === 1) return { ...base, state: 'degrading', why: 'sensor beyond warning limit' };
  if (models === 'ready') return { ...base, state: 'ready', why: 'models serve; no risk reported' };
  if (models === 'loading') return { ...base, state: 'loading', why: 'sensors normal; model training' };
  return { ...base, state: 'no-model', why: 'sensors normal; no model' };
}

/** Tiles of every machine, worst first so trouble is at the top. */
export function fleetTiles(assets: readonly AssetInfo[], readings: Readonly<Record<string, SensorReading>>, predictions: Readonly<Record<string, Prediction>>, alerts: Readonly<Record<string, AlertView>>): FleetTile[] {
  const active = Object.values(alerts).filter((a) => a.state === 'active' || a.state === 'acknowledged');
  const order: Record<FleetState, number> = { failing: 0, degrading: 1, loading: 2, 'no-model': 3, ready: 4 };
  return assets
    .filter((a) => a.kind === 'machine')
    .map((a) => fleetState(a, readings, predictions[a.id], active))
    .sort((x, y) => order[x.state] - order[y.state] || x.id.localeCompare(y.id));
}
