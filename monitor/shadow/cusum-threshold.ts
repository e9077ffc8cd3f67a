/**
 * CUSUM decision thresholds from a false-alarm budget, instead of a hand-picked h.
 *
 * For a one-sided CUSUM S = max(0, S + z − k) on iid standard-normal z, Siegmund's (1985)
 * approximation of the in-control average run length (samples until a false alarm) is
 *
 *   ARL0(k, h) ≈ (e^{2kb} − 2kb − 1) / (2k²),   b = h + 1.166
 *
 * (Siegmund, "Sequential Analysis", 1985, eq. 2.55; accurate to a few per cent for h ≥ 2; k = 0
 * gives b²). `cusumThreshold` inverts it: the smallest h whose ARL0 reaches a target.
 * The out-of-control delay for a mean shift δ > k is ≈ (h + 1.166) / (δ − k) samples (Wald).
 */

/** Siegmund's in-control ARL (samples) of a one-sided CUSUM with allowance k and threshold h (both in σ). */
export function cusumArlSamples(k: number, h: number): number {
  const b = h + 1.166;
  if (k === 0) return b * b;
  const x = 2 * k * b;
  return (Math.exp(x) - x - 1) / (2 * k * k);
}

/** The threshold h (in σ) whose in-control ARL is `arlSamples` (bisection; ARL0 grows monotonically with h). */
export function cusumThreshold(k: number, arlSamples: number): number {
  if (!(arlSamples > 1) || !Number.isFinite(arlSamples)) throw new Error(`cusumThreshold: arlSamples must be a finite number > 1, got ${arlSamples}`);
  if (!(k >= 0)) throw new Error(`cusumThreshold: allowance k must be ≥ 0, got ${k}`);
  let lo = 0;
  let hi = 1;
  while (cusumArlSamples(k, hi) < arlSamples) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (cusumArlSamples(k, mid) < arlSamples) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Expected detection delay (samples) of a mean shift `shift` (in σ, > k) with threshold h. */
export function cusumDelaySamples(k: number, h: number, shift: number): number {
  return shift > k ? (h + 1.166) / (shift - k) : Infinity;
}
