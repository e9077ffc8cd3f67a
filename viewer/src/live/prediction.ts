import type { Prediction } from './store-types.ts';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Reads a `predictions` payload tolerantly: ml/ is still being written, so field names may differ
 * (rulS or rulH, failureProbability or pFail, topInputs or contributors). Returns null when the
 * payload names no asset.
 */
export function toPrediction(data: unknown, t: string): Prediction | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const asset = typeof d['asset'] === 'string' ? d['asset'] : typeof d['machine'] === 'string' ? d['machine'] : null;
  if (!asset) return null;
  const rulH = num(d['rulH']);
  const inputs = (Array.isArray(d['topInputs']) ? d['topInputs'] : Array.isArray(d['contributors']) ? d['contributors'] : []) as unknown[];
  return {
    asset,
    t,
    rulS: num(d['rulS']) ?? (rulH !== null ? rulH * 3600 : null),
    failureProbability: num(d['failureProbability']) ?? num(d['pFail']),
    anomalyScore: num(d['anomalyScore']) ?? num(d['anomaly']),
    topInputs: inputs
      .map((i) => (typeof i === 'string' ? { name: i, weight: 0 } : i && typeof i === 'object' ? { name: String((i as Record<string, unknown>)['name'] ?? '?'), weight: num((i as Record<string, unknown>)['weight']) ?? 0 } : null))
      .filter((i): i is { name: string; weight: number } => i !== null)
      .slice(0, 5),
    model: typeof d['model'] === 'string' ? d['model'] : null,
    accuracy: num(d['accuracy']),
  };
}

/** Splits a `predictions` payload that may carry one asset or a list of them. */
export function predictionsOf(data: unknown, t: string): Prediction[] {
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { predictions?: unknown }).predictions) ? (data as { predictions: unknown[] }).predictions : [data];
  return list.map((d) => toPrediction(d, t)).filter((p): p is Prediction => p !== null);
}
