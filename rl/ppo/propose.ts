/**
 * The trained policy as a proposer: at the fork, the policy's deterministic (mean) action on the
 * env's observation becomes moves in the proposer's shape, each clipped to its envelope (the rate
 * is the executor's ramp, as for the MPC's moves), so a plant trial measures it exactly like the MPC.
 */
import type { SetpointMove } from '../proposal.ts';
import type { Envelope } from '../safety-policy.ts';
import { shieldValue } from '../shield.ts';
import type { TwinEnv } from '../env.ts';
import type { GaussianPolicy } from './policy.ts';
import { relativeTargets } from './twin-task.ts';

/** @example ppoMoves(policy, env, env.reset({ seed, scenario, from: atS }).obs, envelopes, targets) */
export function ppoMoves(policy: GaussianPolicy, env: TwinEnv, obs: readonly number[], envs: readonly Envelope[], targets: Readonly<Record<string, number>>): SetpointMove[] {
  const wanted = relativeTargets(env, obs, policy.act(obs));
  const moves: SetpointMove[] = [];
  env.actionSpace.names.forEach((id, i) => {
    const e = envs.find((x) => x.setpoint === id);
    const from = targets[id];
    if (!e || from === undefined) return;
    // Infinite time: only the envelope's bounds apply; the ramp schedule paces the rate.
    const to = shieldValue(e, from, wanted[i]!, Number.POSITIVE_INFINITY).value;
    if (Math.abs(to - from) > 1e-9) moves.push({ setpoint: id, unit: e.unit, from, to, needsApproval: Math.abs(to - from) > e.approvalAbove });
  });
  return moves;
}
