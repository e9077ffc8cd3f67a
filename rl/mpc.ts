/**
 * Model-predictive control on forks of the twin by the cross-entropy method (Rubinstein 1999;
 * Botev et al. 2013, "The cross-entropy method for optimization"): each decision is a few hold
 * points per setpoint across the horizon; N plans are drawn from a Gaussian, shielded into the
 * envelope and rate limits, rolled out on the look-ahead (one job per plan, all through the
 * RolloutRunner), scored with the reward, and the Gaussian refitted to the best ~10 %. Warm-started
 * from the previous round's plan shifted by the time that has passed. Only the first hold point is
 * proposed (receding horizon); the plan is made again next round.
 */
import type { PlantRef } from '../lookahead/plant-key.ts';
import type { RolloutRunner } from '../lookahead/rollout-runner.ts';
import type { BranchTrace } from '../lookahead/run-branch.ts';
import type { Rng } from '../physics/model.ts';
import type { Candidate } from './proposal.ts';
import { reward, type RewardWeights } from './reward.ts';
import type { Envelope } from './safety-policy.ts';
import { trajectorySteps } from './trajectory.ts';

export interface MpcOptions {
  /**
   * Production may not fall (energy not rise) by more than this against holding, percent: the
   * verifier's non-inferiority margins, as a penalty of `safetyViolation` per percent beyond them,
   * so the planner does not spend its rollouts on plans the verifier would drop.
   */
  readonly productionMarginPct: number;
  readonly energyMarginPct: number;
  readonly horizonS: number;
  /** The look-ahead step, s. */
  readonly stepS: number;
  readonly holdPoints: number;
  readonly samples: number;
  readonly iterations: number;
  readonly eliteFrac: number;
}

/**
 * Horizon 2 h: the furnace's lag (10 min) and the defect response of the line settle within it.
 * One hold point: the executor applies one target per setpoint, so what is scored is what would be
 * proposed (with two, the first hold alone was proposed and raised defects on mould-heater-failure
 * where the two-step plan lowered them). 48 samples × 3 iterations: bench:rl measures the time.
 */
export const DEFAULT_MPC: MpcOptions = { horizonS: 7200, stepS: 10, holdPoints: 1, samples: 48, iterations: 3, eliteFrac: 0.1, productionMarginPct: 1, energyMarginPct: 2 };

export interface MpcInput {
  readonly runner: RolloutRunner;
  readonly plant: PlantRef;
  readonly snapshot: Uint8Array;
  readonly startS: number;
  readonly asset: string;
  readonly envelopes: readonly Envelope[];
  /** Targets in force, in envelope order. */
  readonly current: readonly number[];
  readonly weights: RewardWeights;
  /** Planning seeds: the rollouts' random streams (never the verification's). */
  readonly seeds: readonly number[];
  readonly rng: Rng;
  /** The previous round's hold points (envelope × hold), shifted in time by the caller, or null. */
  readonly warmStart: readonly (readonly number[])[] | null;
  readonly options?: Partial<MpcOptions>;
}

export interface MpcResult {
  readonly candidate: Candidate;
  /** Best hold points, envelope × hold: the next round's warm start. */
  readonly holds: number[][];
  readonly bestScore: number;
  /** Score of holding the targets in force, on the same seeds. */
  readonly holdScore: number;
  readonly rollouts: number;
}

/**
 * Mean reward of a plan's changed branch over the seeds. A failure the hold branch did not have is a
 * violation; so is each percent of production lost (energy added) beyond the margins.
 */
export function planScore(traces: readonly { readonly baseline: BranchTrace; readonly changed: BranchTrace }[], horizonS: number, weights: RewardWeights, margins: Pick<MpcOptions, 'productionMarginPct' | 'energyMarginPct'>): number {
  let sum = 0;
  for (const { baseline, changed } of traces) {
    const energy = changed.burnerMJ + changed.machineMJ;
    const baseEnergy = baseline.burnerMJ + baseline.machineMJ;
    const lostPct = baseline.units > 0 ? (100 * (baseline.units - changed.units)) / baseline.units : 0;
    const addedPct = baseEnergy > 0 ? (100 * (energy - baseEnergy)) / baseEnergy : 0;
    const violations = Math.max(0, changed.failures - baseline.failures) + Math.max(0, lostPct - margins.productionMarginPct) + Math.max(0, addedPct - margins.energyMarginPct);
    sum += reward({ units: changed.units, defects: sumDefects(changed), energyMJ: energy, durationS: horizonS, violations }, weights);
  }
  return sum / traces.length;
}

export function sumDefects(b: BranchTrace): number {
  let n = 0;
  for (const k in b.defects) n += b.defects[k as keyof BranchTrace['defects']];
  return n;
}

/** @example await planMpc({ runner, plant, snapshot, startS, asset: 'Line_A', envelopes, current, weights, seeds: [1], rng, warmStart: null }) */
export async function planMpc(input: MpcInput): Promise<MpcResult> {
  const o = { ...DEFAULT_MPC, ...input.options };
  const { envelopes: envs, current } = input;
  const dims = envs.length * o.holdPoints;
  const at = (x: readonly number[], e: number) => x.slice(e * o.holdPoints, (e + 1) * o.holdPoints);
  const clip = (x: number[]) => x.map((v, d) => Math.min(envs[Math.floor(d / o.holdPoints)]!.hi, Math.max(envs[Math.floor(d / o.holdPoints)]!.lo, v)));
  const holdX = envs.flatMap((_, e) => Array<number>(o.holdPoints).fill(current[e]!));
  let mu = input.warmStart ? clip(input.warmStart.flat()) : holdX;
  // Spread: a quarter of the range, no more than half of what the rate allows over the horizon.
  let sigma = envs.flatMap((env) => Array<number>(o.holdPoints).fill(Math.min((env.hi - env.lo) / 4, (env.ratePerS * o.horizonS) / 2)));
  const score = async (xs: number[][]) =>
    Promise.all(
      xs.map(async (x) => {
        const steps = trajectorySteps(envs, current, envs.map((_, e) => at(x, e)), o.horizonS);
        const r = await input.runner.run({ plant: input.plant, snapshot: input.snapshot, plan: { steps, horizonS: o.horizonS, stepS: o.stepS, seeds: input.seeds, scope: 'affected', cover: [input.asset] } });
        return planScore(r.seeds, o.horizonS, input.weights, o);
      }),
    );
  let rollouts = 0;
  let best = { x: holdX, s: -Infinity };
  let holdScore = NaN;
  const nElite = Math.max(2, Math.round(o.samples * o.eliteFrac));
  for (let it = 0; it < o.iterations; it++) {
    const xs: number[][] = [];
    // The first round always weighs holding and the warm start, so the plan is never worse than either on these seeds.
    if (it === 0) xs.push(holdX, mu);
    while (xs.length < o.samples) xs.push(clip(mu.map((m, d) => m + sigma[d]! * input.rng.normal())));
    const scores = await score(xs);
    rollouts += xs.length;
    if (it === 0) holdScore = scores[0]!;
    const ranked = xs.map((x, i) => ({ x, s: scores[i]! })).sort((a, b) => b.s - a.s);
    if (ranked[0]!.s > best.s) best = ranked[0]!;
    const elite = ranked.slice(0, nElite).map((r) => r.x);
    mu = Array.from({ length: dims }, (_, d) => elite.reduce((a, x) => a + x[d]!, 0) / elite.length);
    // A floor keeps the search from collapsing before the last iteration (1 % of the range).
    sigma = Array.from({ length: dims }, (_, d) => {
      const env = envs[Math.floor(d / o.holdPoints)]!;
      const v = elite.reduce((a, x) => a + (x[d]! - mu[d]!) ** 2, 0) / elite.length;
      return Math.max(Math.sqrt(v), (env.hi - env.lo) / 100);
    });
  }
  const holds = envs.map((_, e) => at(best.x, e));
  const candidate: Candidate = {
    asset: input.asset,
    planner: 'mpc',
    plannedAtS: input.startS,
    objective: best.s,
    moves: envs.flatMap((env, e) => {
      const to = roundTo(holds[e]![0]!, env);
      // Less than half a percent of the range is not a change worth a person's attention.
      if (Math.abs(to - current[e]!) < (env.hi - env.lo) / 200) return [];
      return [{ setpoint: env.setpoint, unit: env.unit, from: current[e]!, to, needsApproval: Math.abs(to - current[e]!) > env.approvalAbove }];
    }),
  };
  return { candidate, holds, bestScore: best.s, holdScore, rollouts };
}

/** A target as an operator would type it: a thousandth of the range, inside the envelope. */
function roundTo(v: number, env: Envelope): number {
  const decimals = Math.max(0, -Math.floor(Math.log10((env.hi - env.lo) / 1000)));
  return Math.min(env.hi, Math.max(env.lo, Number(v.toFixed(decimals))));
}
