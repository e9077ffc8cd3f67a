/**
 * Whether shadow mode trusts the twin for the assets a proposal touches: their tracked sensors
 * predict the live measurements (one-step-ahead within 2σ) often enough, and shadow mode flags none
 * of them. With no live measurement yet for an asset there is nothing to judge by: not trusted.
 */
import type { ShadowState } from '../monitor/shadow/shadow-view.ts';
import type { ShadowTrust } from './proposal.ts';

/**
 * 2σ holds 95 % of a calibrated residual; a twin whose one-step estimates fall within it for fewer than
 * 85 % of recent samples is off by more than noise (the spec's noise, plus a margin for sensors that
 * quantize or drop out).
 */
export const MIN_TRACKING_ACCURACY = 0.85;

/** @example shadowTrust(tracker.state(), ['Line_A']) → { trackingAccuracy: 0.96, flagged: [], trusted: true } */
export function shadowTrust(state: ShadowState, assets: readonly string[], minAccuracy = MIN_TRACKING_ACCURACY): ShadowTrust {
  const touched = new Set(assets);
  const within = state.sensors.filter((s) => touched.has(s.asset) && s.tracked && s.within2Sigma !== null).map((s) => s.within2Sigma!);
  const trackingAccuracy = within.length === 0 ? null : within.reduce((a, b) => a + b, 0) / within.length;
  const flagged = state.flaggedAssets.filter((f) => touched.has(f.asset)).map((f) => ({ asset: f.asset, flag: f.flag }));
  return { trackingAccuracy, flagged, trusted: trackingAccuracy !== null && trackingAccuracy >= minAccuracy && flagged.length === 0 };
}
