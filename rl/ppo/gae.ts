/**
 * Generalised advantage estimation (Schulman et al. 2016, "High-Dimensional Continuous Control
 * Using Generalized Advantage Estimation", eq. 16): A_t = Σ_l (γλ)^l δ_{t+l}, δ_t = r_t + γ V(s_{t+1}) − V(s_t).
 * A terminated step has no future value; a truncated one (the horizon) keeps its bootstrap V(s_{t+1}),
 * and neither carries the advantage across into the next episode.
 */
export interface GaeInput {
  readonly rewards: readonly number[];
  /** V(s_t) for each step. */
  readonly values: readonly number[];
  /** V(s_{t+1}) for each step (the critic on the step's next observation). */
  readonly nextValues: readonly number[];
  /** The step ended the episode by failure: no value after it. */
  readonly terminated: readonly boolean[];
  /** The step ended the episode (terminated or truncated): the sum stops there. */
  readonly ended: readonly boolean[];
  readonly gamma: number;
  readonly lambda: number;
}

/** @example gae({ rewards: [1, 1], values: [0, 0], nextValues: [0, 0], terminated: [false, true], ended: [false, true], gamma: 1, lambda: 1 }) → { advantages: [2, 1], returns: [2, 1] } */
export function gae(input: GaeInput): { advantages: number[]; returns: number[] } {
  const n = input.rewards.length;
  for (const k of ['values', 'nextValues', 'terminated', 'ended'] as const) {
    if (input[k].length !== n) throw new RangeError(`gae: ${k} has ${input[k].length} entries, rewards ${n}`);
  }
  const advantages = new Array<number>(n).fill(0);
  let next = 0;
  for (let t = n - 1; t >= 0; t--) {
    const bootstrap = input.terminated[t] ? 0 : input.gamma * input.nextValues[t]!;
    const delta = input.rewards[t]! + bootstrap - input.values[t]!;
    next = delta + (input.ended[t] ? 0 : input.gamma * input.lambda * next);
    advantages[t] = next;
  }
  return { advantages, returns: advantages.map((a, t) => a + input.values[t]!) };
}
