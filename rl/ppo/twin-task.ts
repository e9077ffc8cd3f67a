/**
 * TwinEnv as a PPO training task with domain randomisation per episode: a random incident of the
 * given set (actions stripped by the caller), a fork time 1–3 h after its fault's onset, the plant's
 * disturbances and physics drawn anew by perturbedTwins, and a fresh plant seed — so the policy
 * cannot learn one exact model. Actions are moves relative to the targets in force: a ∈ [−1, 1]
 * moves a target by a · span/4, clipped to the envelope, and the env's shield does the rest.
 */
import type { Scenario } from '../../engine/scenario.ts';
import type { Rng } from '../../physics/model.ts';
import { TwinEnv, type TwinEnvOptions } from '../env.ts';
import { perturbedTwins } from '../perturbed-twins.ts';
import type { PpoEnv } from './ppo.ts';

/** Training plant seeds: 700,000–799,999, apart from the benchmark's plant seeds (900,001–900,004). */
export const TRAIN_SEED_BASE = 700_000;

/** The fraction of the envelope's span one decision may ask for (a = ±1). */
export const MOVE_SPAN_FRACTION = 0.25;

/** Absolute targets for a relative action, from the observation's `<setpoint>.target` entries. */
export function relativeTargets(env: TwinEnv, obs: readonly number[], action: readonly number[]): number[] {
  const a = env.actionSpace;
  return a.names.map((id, i) => {
    const k = env.observationSpace.indexOf(`${id}.target`);
    const lo = a.low[i]!;
    const hi = a.high[i]!;
    const v = obs[k]! + Math.max(-1, Math.min(1, action[i] ?? 0)) * MOVE_SPAN_FRACTION * (hi - lo);
    return Math.max(lo, Math.min(hi, v));
  });
}

export interface TwinTaskOptions extends Omit<TwinEnvOptions, 'asset'> {
  /** Incidents whose first line fault names the asset acted on; all must give the same spaces. */
  readonly incidents: readonly Scenario[];
}

export function randomisedTwinTask(opts: TwinTaskOptions): PpoEnv & { readonly envs: readonly TwinEnv[] } {
  if (opts.incidents.length === 0) throw new RangeError('twin task: incidents is empty');
  const items = opts.incidents.map((s) => {
    const fault = s.faults.find((f) => s.lines.some((l) => l.id === f.target));
    if (!fault) throw new RangeError(`twin task: incident ${s.name} has no fault on a line`);
    return { scenario: s, fault, env: new TwinEnv(s, { ...opts, asset: fault.target }) };
  });
  const obsSize = items[0]!.env.observationSpace.shape[0];
  const actSize = items[0]!.env.actionSpace.shape[0];
  for (const it of items) {
    if (it.env.observationSpace.shape[0] !== obsSize || it.env.actionSpace.shape[0] !== actSize) throw new RangeError(`twin task: incident ${it.scenario.name} has other spaces than ${items[0]!.scenario.name}`);
  }
  let current = items[0]!;
  let obs: number[] = [];
  return {
    obsSize,
    actSize,
    envs: items.map((i) => i.env),
    reset(rng: Rng) {
      // Drawn in sequence from one stream (first draws of nearby seeds are alike in engine/rng.ts).
      current = items[Math.min(items.length - 1, Math.floor(rng.uniform() * items.length))]!;
      const from = Math.round((current.fault.atS + 3600 * (1 + 2 * rng.uniform())) / 60) * 60;
      const plant = perturbedTwins(current.scenario, 1, rng)[0]!;
      const seed = TRAIN_SEED_BASE + Math.floor(rng.uniform() * 100_000);
      obs = current.env.reset({ seed, scenario: plant, from }).obs;
      return obs;
    },
    step(action) {
      const r = current.env.step(relativeTargets(current.env, obs, action));
      obs = r.obs;
      return { obs: r.obs, reward: r.reward, terminated: r.terminated, truncated: r.truncated };
    },
  };
}
