import type { PredictionContribution, PredictionData } from '../../../protocol/ws.ts';
import type { Prediction, RulView } from './store-types.ts';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const inputsOf = (list: readonly PredictionContribution[] | undefined) =>
  (Array.isArray(list) ? list : [])
    .filter((c) => c && typeof c.feature === 'string')
    .map((c) => ({ name: c.feature, weight: num(c.contribution) ?? 0 }))
    .slice(0, 5);

/** The RUL of a payload; anything but hours with a known kind reads as none, and a lower bound without its cap too. */
function rulOf(r: PredictionData['rul'] | undefined): RulView | null {
  const hours = num(r?.hours);
  if (!r || hours === null || r.unit !== 'h') return null;
  const capH = num(r.capH);
  if (r.kind === 'at-least') return capH === null ? null : { kind: 'at-least', hours: capH, capH };
  if (r.kind === 'estimate') return capH === null ? { kind: 'estimate', hours } : { kind: 'estimate', hours, capH };
  return null;
}

/**
 * Reads a `predictions` payload (protocol/ws.ts PredictionData). Fields of tasks whose model is not
 * ready are absent and read as null; a payload naming no asset is ignored.
 */
export function toPrediction(data: unknown, t: string): Prediction | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Partial<PredictionData>;
  if (typeof d.asset !== 'string') return null;
  const ready = Object.values(d.status ?? {}).some((s) => s === 'ready');
  // The inputs that explain the headline figure: failure risk, else RUL, else the anomaly's sensors.
  const explanation = d.failureProbability?.explanation ?? d.rul?.explanation ?? d.anomaly?.topSensors ?? d.defects?.explanation;
  return {
    asset: d.asset,
    t,
    rul: rulOf(d.rul),
    failureProbability: num(d.failureProbability?.value),
    anomalyScore: num(d.anomaly?.score),
    topInputs: inputsOf(explanation),
    model: ready && typeof d.kind === 'string' ? d.kind : null,
    accuracy: null,
    status: d.status ?? {},
    defectRisk: Object.fromEntries(Object.entries(d.defects?.probabilities ?? {}).filter(([, v]) => num(v) !== null)),
  };
}

/** Splits a `predictions` payload that may carry one asset or a list of them (GET /api/predictions). */
export function predictionsOf(data: unknown, t: string): Prediction[] {
  const list = Array.isArray(data) ? data : [data];
  return list.map((d) => toPrediction(d, t)).filter((p): p is Prediction => p !== null);
}
