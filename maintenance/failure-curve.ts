/**
 * P(a machine has failed by t hours from now), from its two served predictions taken as competing
 * causes: the failure-risk model's probability over its horizon, spread as a constant hazard
 * (1 − (1 − p)^(t/h)), and the RUL model's predictive distribution, normal with its σ (an "at
 * least" answer contributes only past its bound, where the model says nothing; we treat it as
 * no RUL evidence inside the horizon, which is what "more than capH" means).
 */
import type { UnitHealth } from './schedule-input.ts';

/** Standard normal CDF (Abramowitz & Stegun 26.2.17, |error| < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z >= 0 ? 1 - p : p;
}

/** P(failed by tH): 0 at t = 0, rising, below 1. */
export function failedBy(u: Pick<UnitHealth, 'risk' | 'riskHorizonH' | 'rulH' | 'rulSdH' | 'rulAtLeast'>, tH: number): number {
  if (tH <= 0) return 0;
  const byRisk = 1 - Math.pow(1 - Math.min(u.risk, 1 - 1e-9), tH / u.riskHorizonH);
  let byRul = 0;
  if (!u.rulAtLeast) {
    const sd = Math.max(u.rulSdH, 1e-6);
    // Conditioned on being alive now: (Φ((t−μ)/σ) − Φ(−μ/σ)) / (1 − Φ(−μ/σ)).
    const alive = normalCdf(-u.rulH / sd);
    byRul = (normalCdf((tH - u.rulH) / sd) - alive) / Math.max(1 - alive, 1e-12);
  }
  return 1 - (1 - byRisk) * (1 - Math.max(0, byRul));
}
