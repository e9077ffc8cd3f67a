/**
 * Actuator dynamics: the actual value follows the target through a first-order lag, and its
 * speed of change is capped by a physical rate limit (a valve, a drive or a burner cannot jump).
 * Exact discretization of dy/dt = (u − y)/τ over dt: y += (u − y)·(1 − e^(−dt/τ))
 * (Åström & Murray, Feedback Systems, 2nd ed., §2.2).
 */
export function actuate(actual: number, target: number, dtS: number, lagS: number, rateLimitPerS: number): number {
  const alpha = lagS > 0 ? 1 - Math.exp(-dtS / lagS) : 1;
  let delta = (target - actual) * alpha;
  const maxDelta = rateLimitPerS * dtS;
  if (delta > maxDelta) delta = maxDelta;
  else if (delta < -maxDelta) delta = -maxDelta;
  const next = actual + delta;
  // Snap when within float noise so "settled" is exact and comparisons downstream are stable.
  return Math.abs(target - next) < 1e-9 * (1 + Math.abs(target)) ? target : next;
}
