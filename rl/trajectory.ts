/**
 * The setpoint trajectory a plan of hold points describes: each setpoint ramps from its target in
 * force towards hold point h from time h·horizon/H on, at its envelope's rate, one step per
 * RAMP_EVERY_S — the pace the executor keeps, so a rollout simulates what the plant would be sent.
 */
import type { PlanStep } from '../lookahead/plan.ts';
import { RAMP_EVERY_S } from './ramp-schedule.ts';
import type { Envelope } from './safety-policy.ts';
import { shieldValue } from './shield.ts';

/**
 * `holds[e][h]`: hold point h of envelope e. Values outside the envelope are shielded like any request.
 * @example trajectorySteps([furnace], [1500], [[1470, 1460]], 3600) → ramp 1500 → 1470 from 60 s, → 1460 from 1800 s
 */
export function trajectorySteps(envs: readonly Envelope[], current: readonly number[], holds: readonly (readonly number[])[], horizonS: number): PlanStep[] {
  const steps: PlanStep[] = [];
  envs.forEach((env, e) => {
    const points = holds[e]!;
    const segmentS = Math.floor(horizonS / points.length / RAMP_EVERY_S) * RAMP_EVERY_S;
    let u = current[e]!;
    for (let t = RAMP_EVERY_S; t < horizonS; t += RAMP_EVERY_S) {
      const h = Math.min(points.length - 1, Math.floor((t - RAMP_EVERY_S) / Math.max(segmentS, RAMP_EVERY_S)));
      const next = shieldValue(env, u, points[h]!, RAMP_EVERY_S).value;
      if (next !== u) steps.push({ atS: t, setpoint: env.setpoint, value: next });
      u = next;
    }
  });
  return steps.sort((a, b) => a.atS - b.atS || (a.setpoint < b.setpoint ? -1 : 1));
}
