/**
 * The safety shield (closed form, Alshiekh et al. 2018 "Safe RL via shielding", in its simplest
 * one-step form): every proposer's target goes through it — MPC, the learned policy, the rule-based
 * baseline, an operator's change — and comes out inside the envelope and within the rate limit:
 *
 *   u = clamp(a, max(lo, u_prev − r·Δt), min(hi, u_prev + r·Δt))
 *
 * A NaN or ±∞ request holds u_prev. A plant found outside its bounds is moved back towards them at
 * the full rate (the window above is then empty). The result is the feasible value closest to the
 * request, so a feasible request passes unchanged and shielding twice changes nothing. Approval
 * is not an input: it can flag a change, never widen what the shield lets through.
 */
import type { Envelope } from './safety-policy.ts';

export type ShieldReason = 'feasible' | 'not_finite' | 'bounds' | 'rate' | 'recovering';

export interface ShieldedValue {
  readonly setpoint: string;
  /** The value asked for (NaN and ±∞ included). */
  readonly requested: number;
  /** The value let through. */
  readonly value: number;
  /** Why `value` differs from `requested` ('feasible' when it does not). */
  readonly reason: ShieldReason;
  /** |value − u_prev| exceeds the envelope's approval threshold. */
  readonly needsApproval: boolean;
}

/**
 * One setpoint, one step of `dtS` seconds from `uPrev` (the target in force).
 * @example shieldValue(furnace, 1500, 1600, 3600) → { value: 1550, reason: 'rate', needsApproval: false }
 */
export function shieldValue(env: Envelope, uPrev: number, requested: number, dtS: number): ShieldedValue {
  // Not `rate · max(0, Δt)`: a NaN Δt (or ∞ · 0) would make the step, and so the value, NaN. No positive step: hold.
  const step = dtS > 0 && env.ratePerS > 0 ? env.ratePerS * dtS : 0;
  const target = Number.isFinite(requested) ? requested : uPrev;
  const lower = Math.max(env.lo, uPrev - step);
  const upper = Math.min(env.hi, uPrev + step);
  let value: number;
  let reason: ShieldReason;
  if (lower > upper) {
    // Outside the bounds and farther than one step from them: back towards them at the full rate.
    value = uPrev > env.hi ? uPrev - step : uPrev + step;
    reason = 'recovering';
  } else {
    value = Math.min(upper, Math.max(lower, target));
    if (!Number.isFinite(requested)) reason = 'not_finite';
    else if (value === requested) reason = 'feasible';
    else reason = (requested > upper ? upper === env.hi : lower === env.lo) ? 'bounds' : 'rate';
  }
  return { setpoint: env.setpoint, requested, value, reason, needsApproval: Math.abs(value - uPrev) > env.approvalAbove };
}

/** A whole action: one shielded value per envelope, `uPrev` and `requested` in the same order. */
export function shieldAction(envs: readonly Envelope[], uPrev: readonly number[], requested: readonly number[], dtS: number): ShieldedValue[] {
  if (uPrev.length !== envs.length || requested.length !== envs.length) throw new RangeError(`shield: ${envs.length} envelopes but ${uPrev.length} current and ${requested.length} requested values`);
  return envs.map((e, i) => shieldValue(e, uPrev[i]!, requested[i]!, dtS));
}

/**
 * The times and values by which a target is reached from `from` at the envelope's rate: one step per
 * `everyS` (the executor's ramp), the last exactly at the (shielded) target.
 * @example rampSteps(furnace, 1500, 1440, 600) → [1491.67, 1483.33, …, 1440] every 600 s
 */
export function rampSteps(env: Envelope, from: number, to: number, everyS: number): { readonly afterS: number; readonly value: number }[] {
  if (!(everyS > 0)) throw new RangeError(`ramp: everyS must be more than 0, got ${everyS}`);
  const out: { afterS: number; value: number }[] = [];
  let u = from;
  const goal = Math.min(env.hi, Math.max(env.lo, Number.isFinite(to) ? to : from));
  const step = env.ratePerS * everyS;
  for (let k = 1; u !== goal && k <= 100_000; k++) {
    // Within a rounding error of one step from the goal: land on it, not one step of 1e-13 later.
    u = Math.abs(goal - u) <= step * (1 + 1e-9) ? goal : shieldValue(env, u, goal, everyS).value;
    out.push({ afterS: k * everyS, value: u });
  }
  // A ramp cut off at the cap would end short of its target while the caller believes it arrived.
  if (u !== goal) throw new RangeError(`ramp: ${env.setpoint} cannot reach ${goal} from ${from} in 100000 steps of ${everyS} s`);
  return out;
}
