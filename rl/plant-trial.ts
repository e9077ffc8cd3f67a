/**
 * How a proposer is judged: its moves, ramped exactly as the executor would send them, run on a
 * "plant" — a twin with other disturbances and other seeds than any the proposer planned or verified
 * on — against holding the setpoints in force (the fixed-setpoints baseline), paired by seed. The
 * figures are the look-ahead's meters and the reward's one definition; nothing here is measured on
 * the twin the proposer used.
 */
import type { PlantRef } from '../lookahead/plant-key.ts';
import type { RolloutRunner } from '../lookahead/rollout-runner.ts';
import type { BranchTrace } from '../lookahead/run-branch.ts';
import { sumDefects } from './mpc.ts';
import type { SetpointMove } from './proposal.ts';
import { RAMP_EVERY_S, rampSchedule } from './ramp-schedule.ts';
import { reward, type RewardWeights } from './reward.ts';
import type { Envelope } from './safety-policy.ts';
import { envelopeViolations } from './verify.ts';

export interface TrialInput {
  readonly runner: RolloutRunner;
  /** The stand-in plant: a perturbed scenario (perturbed-twins.ts) the proposer did not see. */
  readonly plant: PlantRef;
  readonly snapshot: Uint8Array;
  readonly asset: string;
  readonly envelopes: readonly Envelope[];
  readonly moves: readonly SetpointMove[];
  /** The plant's seeds: none of the planner's or verifier's. */
  readonly seeds: readonly number[];
  readonly horizonS: number;
  readonly stepS: number;
  readonly weights: RewardWeights;
}

/** One branch's outcome over the horizon. */
export interface BranchOutcome {
  readonly units: number;
  readonly defects: number;
  readonly defectsPer1000: number;
  readonly energyMJ: number;
  readonly failures: number;
  readonly reward: number;
}

export interface TrialResult {
  /** Per plant seed: holding (fixed setpoints) and the moves. */
  readonly seeds: readonly { readonly seed: number; readonly hold: BranchOutcome; readonly moved: BranchOutcome }[];
  /** Commands outside the envelope or faster than its rate, plus failures the moves added: must be 0. */
  readonly violations: number;
}

function outcome(b: BranchTrace, horizonS: number, weights: RewardWeights, violations: number): BranchOutcome {
  const defects = sumDefects(b);
  const energyMJ = b.burnerMJ + b.machineMJ;
  return { units: b.units, defects, defectsPer1000: b.units > 0 ? (1000 * defects) / b.units : 0, energyMJ, failures: b.failures, reward: reward({ units: b.units, defects, energyMJ, durationS: horizonS, violations }, weights) };
}

/** @example const t = await plantTrial({ runner, plant: plantRef(perturbed), snapshot, asset: 'Line_A', envelopes, moves, seeds: [900_001], horizonS: 7200, stepS: 10, weights }) */
export async function plantTrial(input: TrialInput): Promise<TrialResult> {
  const envOf = (id: string) => input.envelopes.find((e) => e.setpoint === id);
  const steps = rampSchedule(input.moves, envOf, 0, RAMP_EVERY_S).commands.filter((c) => c.atS < input.horizonS);
  const shield = envelopeViolations(steps, input.envelopes, new Map(input.moves.map((m) => [m.setpoint, m.from]))).length;
  const r = await input.runner.run({ plant: input.plant, snapshot: input.snapshot, plan: { steps, horizonS: input.horizonS, stepS: input.stepS, seeds: input.seeds, scope: 'affected', cover: [input.asset] } });
  let added = 0;
  const seeds = r.seeds.map((s) => {
    const extra = Math.max(0, s.changed.failures - s.baseline.failures);
    added += extra;
    return { seed: s.seed, hold: outcome(s.baseline, input.horizonS, input.weights, 0), moved: outcome(s.changed, input.horizonS, input.weights, extra) };
  });
  return { seeds, violations: shield + added };
}

/** Means over seeds of a trial: the moves' defect rate, production and energy against holding, percent. */
export function trialChange(t: TrialResult): { readonly defectsPct: number; readonly productionPct: number; readonly energyPct: number; readonly rewardGain: number } {
  const mean = (f: (s: TrialResult['seeds'][number]) => number) => t.seeds.reduce((a, s) => a + f(s), 0) / t.seeds.length;
  const pct = (moved: number, hold: number) => (hold > 0 ? (100 * (moved - hold)) / hold : 0);
  return {
    defectsPct: pct(mean((s) => s.moved.defectsPer1000), mean((s) => s.hold.defectsPer1000)),
    productionPct: pct(mean((s) => s.moved.units), mean((s) => s.hold.units)),
    energyPct: pct(mean((s) => s.moved.energyMJ), mean((s) => s.hold.energyMJ)),
    rewardGain: mean((s) => s.moved.reward - s.hold.reward),
  };
}
