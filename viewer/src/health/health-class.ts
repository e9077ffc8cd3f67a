/**
 * The one definition of a machine's health class, shared by the fleet grid and the 3D hall so the
 * two never disagree: from its models when one serves it, otherwise from sensor evidence, and
 * "model loading" / "no model" rather than claiming a machine is fine.
 */
import type { AlertView } from '../../../protocol/alerts.ts';
import type { AssetInfo } from '../../../protocol/plant.ts';
import type { Prediction, RulView, SensorReading } from '../live/store-types.ts';

/** A machine's health class. */
export type HealthClass = 'ready' | 'degrading' | 'failing' | 'loading' | 'no-model';

/** The classes worst first, so trouble sorts to the top. */
export const HEALTH_CLASSES: readonly HealthClass[] = ['failing', 'degrading', 'loading', 'no-model', 'ready'];

/** A class and the evidence that decided it, in words. */
export interface HealthVerdict {
  readonly state: HealthClass;
  readonly why: string;
}

/** Failure probability (within the model's horizon) above which a machine is failing, and degrading. */
export const FAILING_PROBABILITY = 0.5;
export const DEGRADING_PROBABILITY = 0.2;
/**
 * A RUL point estimate under a day is degrading: the failure label's horizon and a maintenance crew's
 * planning day. A censored RUL ("more than the cap") is no evidence of wear, whatever the cap.
 */
export const RUL_DEGRADING_H = 24;

/** Which of a machine's models serve: some ready, else some loading (being trained), else none. */
export function modelAvailability(prediction: Prediction | undefined): 'ready' | 'loading' | 'missing' {
  const statuses = Object.values(prediction?.status ?? {});
  return statuses.includes('ready') ? 'ready' : statuses.includes('loading') ? 'loading' : 'missing';
}

/** Whether a RUL says the machine wears: a point estimate under RUL_DEGRADING_H; never a censored one. */
export function rulShowsWear(rul: RulView | null): boolean {
  return rul !== null && rul.kind === 'estimate' && rul.hours < RUL_DEGRADING_H;
}

/**
 * A machine's class: a failure alert is failing; with a failure model, probability above 50 % is
 * failing, above 20 % (or an ERROR reading) degrading; without one, an ERROR/CRITICAL reading is
 * failing, an anomaly score over 1 or a WARNING degrading. A RUL estimate under a day is degrading
 * wherever the machine would otherwise be ready.
 */
export function machineHealth(asset: AssetInfo, readings: Readonly<Record<string, SensorReading>>, prediction: Prediction | undefined, activeAlerts: readonly AlertView[]): HealthVerdict & { readonly worstStatus: number; readonly hasModel: boolean } {
  const worst = asset.sensors.reduce((w, s) => Math.max(w, readings[s.id]?.s ?? 0), 0);
  const models = modelAvailability(prediction);
  return { ...classify(asset.id, worst, models, prediction, activeAlerts), worstStatus: worst, hasModel: models === 'ready' };
}

function classify(id: string, worst: number, models: 'ready' | 'loading' | 'missing', prediction: Prediction | undefined, activeAlerts: readonly AlertView[]): HealthVerdict {
  if (activeAlerts.some((a) => a.asset === id && a.rule === 'failure')) return { state: 'failing', why: 'failure alert open' };
  const p = prediction?.failureProbability ?? null;
  const anomaly = prediction?.anomalyScore ?? null;
  const rul = models === 'ready' ? (prediction?.rul ?? null) : null;
  // A model sees no risk, unless its RUL estimate says the machine wears.
  const readyUnlessWorn = (why: string): HealthVerdict => (rulShowsWear(rul) ? { state: 'degrading', why: `remaining useful life about ${Math.round(rul!.hours)} h` } : { state: 'ready', why });
  const pct = (x: number) => `failure probability ${Math.round(x * 100)} %`;
  if (models === 'ready' && p !== null) {
    if (p > FAILING_PROBABILITY) return { state: 'failing', why: pct(p) };
    if (p > DEGRADING_PROBABILITY) return { state: 'degrading', why: pct(p) };
    if (worst >= 2) return { state: 'degrading', why: 'sensor out of limits' };
    return readyUnlessWorn('model sees no risk');
  }
  if (worst >= 2) return { state: 'failing', why: 'sensor beyond error limit' };
  if (models === 'ready' && anomaly !== null) {
    if (anomaly > 1) return { state: 'degrading', why: `anomaly score ${anomaly.toFixed(2)}` };
    if (worst === 1) return { state: 'degrading', why: 'sensor beyond warning limit' };
    return readyUnlessWorn('anomaly model sees nothing unusual');
  }
  if (worst === 1) return { state: 'degrading', why: 'sensor beyond warning limit' };
  if (models === 'ready') return readyUnlessWorn('models serve; no risk reported');
  if (models === 'loading') return { state: 'loading', why: 'sensors normal; model training' };
  return { state: 'no-model', why: 'sensors normal; no model' };
}

/** Alerts that still count as evidence: active or acknowledged, not cleared. */
export function activeAlertsOf(alerts: Readonly<Record<string, AlertView>>): AlertView[] {
  return Object.values(alerts).filter((a) => a.state === 'active' || a.state === 'acknowledged');
}
