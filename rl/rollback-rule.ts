/**
 * When an applied change is undone. Over the rollback window the line's defect rate since the change
 * began is compared with the level verification expected from holding the old setpoints: a rise of
 * more than `worseningPct` rolls back. Early in the window few units are made, and 6 defects where
 * 5 were expected is noise, not a worsening; so before the window closes it rolls back only when
 * the one-sided 95 % lower confidence bound of the observed rate is above the limit, and at the
 * close on the rate itself. A constraint about to be hit rolls back at once.
 */

export interface RollbackSettings {
  /** Simulated seconds the change is watched after the ramp ends (default 1,800: 30 min). */
  readonly windowS: number;
  /** Rise of the defect rate over the verified hold level that undoes the change, percent (default 20). */
  readonly worseningPct: number;
  /** Units below which the rate is not judged at the window's close (default 50). */
  readonly minUnits: number;
}

export const DEFAULT_ROLLBACK: RollbackSettings = { windowS: 1800, worseningPct: 20, minUnits: 50 };

export interface WatchInput {
  readonly units: number;
  readonly defects: number;
  /** Verified defects per 1,000 units of the hold branch. */
  readonly holdDefectsPer1000: number;
  readonly nowS: number;
  readonly windowEndS: number;
  /** A constraint about to be hit (a CRITICAL alert on the asset, a setpoint at its bound), or null. */
  readonly constraint: string | null;
}

export type WatchVerdict = { readonly kind: 'watch' } | { readonly kind: 'keep' } | { readonly kind: 'roll_back'; readonly reason: string };

/** One-sided 95 % lower confidence bound of a Poisson mean from `k` events (Wilson–Hilferty). */
export function poissonLower95(k: number): number {
  if (k <= 0) return 0;
  const z = 1.6449;
  return k * (1 - 1 / (9 * k) - z / (3 * Math.sqrt(k))) ** 3;
}

/**
 * @example judge({ units: 400, defects: 15, holdDefectsPer1000: 14, nowS: 900, windowEndS: 1800, constraint: null }) → watch
 */
export function judge(w: WatchInput, s: RollbackSettings = DEFAULT_ROLLBACK): WatchVerdict {
  if (w.constraint !== null) return { kind: 'roll_back', reason: `constraint: ${w.constraint}` };
  const limitPer1000 = w.holdDefectsPer1000 * (1 + s.worseningPct / 100);
  const rate = (k: number) => (w.units > 0 ? (1000 * k) / w.units : 0);
  const worse = (per1000: number, how: string) => ({
    kind: 'roll_back' as const,
    reason: `defects ${how} ${per1000.toFixed(1)} per 1,000 over ${w.units} units, more than ${s.worseningPct} % above the verified ${w.holdDefectsPer1000.toFixed(1)}`,
  });
  if (w.units > 0 && rate(poissonLower95(w.defects)) > limitPer1000) return worse(rate(poissonLower95(w.defects)), 'at least');
  if (w.nowS < w.windowEndS) return { kind: 'watch' };
  if (w.units >= s.minUnits && rate(w.defects) > limitPer1000) return worse(rate(w.defects), 'at');
  return { kind: 'keep' };
}
