import type { Prediction } from '../live/store-types.ts';

/** RUL left now, in seconds for the duration display: the prediction's RUL minus the simulated time since it was made (never below 0). */
export function rulCountdownS(p: Prediction | undefined, nowIso: string | null): number | null {
  if (!p || p.rulH === null) return null;
  const elapsedS = nowIso ? Math.max(0, (Date.parse(nowIso) - Date.parse(p.t)) / 1000) : 0;
  return Math.max(0, p.rulH * 3600 - elapsedS);
}

/** Gauge band of a failure probability: above 50 % failing, above 20 % degrading. */
export function failureBand(prob: number | null): 'good' | 'warn' | 'bad' | 'none' {
  if (prob === null) return 'none';
  return prob > 0.5 ? 'bad' : prob > 0.2 ? 'warn' : 'good';
}

/** Text of a sensor's limits: "warn < 2.8 · err < 4.5 · crit < 5.63" style, skipping open sides. */
export function limitText(limits: Readonly<Record<'warning' | 'error' | 'critical', readonly [number | null, number | null]>>): string {
  const side = ([lo, hi]: readonly [number | null, number | null]) =>
    lo !== null && hi !== null ? `${+lo.toPrecision(4)}–${+hi.toPrecision(4)}` : lo !== null ? `≥ ${+lo.toPrecision(4)}` : hi !== null ? `≤ ${+hi.toPrecision(4)}` : null;
  const parts = [['ok', limits.warning], ['err', limits.error], ['crit', limits.critical]] as const;
  return parts.map(([n, l]) => { const t = side(l); return t ? `${n} ${t}` : null; }).filter(Boolean).join(' · ') || 'no limits';
}
