import type { Prediction } from '../live/store-types.ts';
import { duration } from '../util/format.ts';

/** RUL estimate left now, in seconds: the estimate minus the simulated time since it was made (never below 0); null for none or a lower bound. */
export function rulCountdownS(p: Prediction | undefined, nowIso: string | null): number | null {
  if (!p || p.rul === null || p.rul.kind !== 'estimate') return null;
  const elapsedS = nowIso ? Math.max(0, (Date.parse(nowIso) - Date.parse(p.t)) / 1000) : 0;
  return Math.max(0, p.rul.hours * 3600 - elapsedS);
}

/**
 * The RUL as the inspector says it, with its unit: "> 20 h" when the model answered at the cap it
 * was trained with (a lower bound, refreshed each sample, so it does not count down), otherwise the
 * estimate counting down ("6 h 30 min"); "—" without a RUL model.
 */
export function rulText(p: Prediction | undefined, nowIso: string | null): string {
  if (p?.rul?.kind === 'at-least') return `> ${+p.rul.capH.toPrecision(3)} h`;
  return duration(rulCountdownS(p, nowIso));
}

/** What a RUL is, for its tooltip: the cap a lower bound stands for, or the cap an estimate lies under. */
export function rulNote(p: Prediction | undefined): string | null {
  const r = p?.rul;
  if (!r) return null;
  if (r.kind === 'at-least') return `The model is trained on lives capped at ${r.capH} h: it sees no wear, so all it can say is more than ${r.capH} h.`;
  return r.capH === undefined ? 'Model estimate.' : `Model estimate, below the ${r.capH} h the model is trained to.`;
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
