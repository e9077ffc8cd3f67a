/**
 * TwinEnv: one line or machine of the twin as a Gymnasium-style environment (gymnasium/core.py's
 * Env: reset → { obs, info }, step → { obs, reward, cost, terminated, truncated, info }), for
 * learned policies and for checking any proposer episode by episode. The plant is the asset's own
 * sub-plant (lookahead/sub-plant.ts) with metered models, so reward and energy come from the same
 * meters and reward definition as the look-ahead and the MPC. Every action goes through the shield
 * and reaches the setpoints as the executor's ramp would (one command a minute at the policy rate).
 *
 * Observations are what an operator or a served model could see, never ground truth: the asset's
 * latest measured sensor values, the last period's inspected defect rate and output, and the served
 * models' predictions when a `predict` function is given.
 */
import type { TwinEngine } from '../engine/engine.ts';
import type { Scenario } from '../engine/scenario.ts';
import { buildMeteredPlant, type MeteredPlant } from '../lookahead/metered-plant.ts';
import { resetMeter, totalDefects } from '../lookahead/meter.ts';
import type { Rng } from '../physics/model.ts';
import { RAMP_EVERY_S } from './ramp-schedule.ts';
import { rewardTerms, DEFAULT_REWARD_WEIGHTS, type RewardTerms, type RewardWeights } from './reward.ts';
import { DEFAULT_SAFETY_POLICY, envelopes, type Envelope, type SafetyPolicy } from './safety-policy.ts';
import { shieldValue, type ShieldedValue } from './shield.ts';
import { BoxSpace } from './spaces.ts';

export interface TwinEnvOptions {
  /** The line or machine the agent acts on. */
  readonly asset: string;
  readonly policy?: SafetyPolicy;
  /** Simulated seconds between decisions (default 600). */
  readonly decisionS?: number;
  /** Episode length after the reset point, s (default 7,200): `truncated` then. */
  readonly horizonS?: number;
  readonly weights?: RewardWeights;
  /** Served models' predictions for the asset (e.g. defect risk, failure risk), named by `predictionNames`. */
  readonly predict?: (engine: TwinEngine) => readonly number[];
  readonly predictionNames?: readonly string[];
}

export interface ResetOptions {
  readonly seed: number;
  readonly scenario: Scenario;
  /** Simulated time to start from, s since the scenario start (default 0); the run there is silent. */
  readonly from?: number;
}

export interface StepInfo {
  readonly tS: number;
  readonly shielded: readonly ShieldedValue[];
  readonly terms: RewardTerms;
  readonly units: number;
  readonly defects: number;
  readonly energyMJ: number;
}

export interface StepResult {
  readonly obs: number[];
  readonly reward: number;
  /** Constraint violations in the period: the asset's failures (the shield leaves none in the setpoints). */
  readonly cost: number;
  /** The asset failed: the episode cannot go on. */
  readonly terminated: boolean;
  /** The horizon was reached. */
  readonly truncated: boolean;
  readonly info: StepInfo;
}

export class TwinEnv {
  readonly actionSpace: BoxSpace;
  readonly observationSpace: BoxSpace;
  private readonly envs: readonly Envelope[];
  private readonly decisionS: number;
  private readonly horizonS: number;
  private readonly weights: RewardWeights;
  private plant: MeteredPlant | null = null;
  private startS = 0;
  private last = { units: 0, defects: 0 };

  /** `template`: a scenario with the asset, for the spaces (reset may bring another of the same plant). */
  constructor(
    template: Scenario,
    private readonly opts: TwinEnvOptions,
  ) {
    this.decisionS = opts.decisionS ?? 600;
    this.horizonS = opts.horizonS ?? 7200;
    this.weights = opts.weights ?? DEFAULT_REWARD_WEIGHTS;
    if (!(this.decisionS >= RAMP_EVERY_S)) throw new RangeError(`env: decisionS must be at least ${RAMP_EVERY_S} s, got ${this.decisionS}`);
    const probe = buildMeteredPlant(template, new Set([opts.asset]), new Set([opts.asset])).engine;
    const views = probe.setpoints().filter((s) => s.asset === opts.asset);
    if (views.length === 0) throw new RangeError(`env: "${opts.asset}" is not an asset of ${template.name} with setpoints`);
    this.envs = envelopes(opts.policy ?? DEFAULT_SAFETY_POLICY, views);
    if (this.envs.length === 0) throw new RangeError(`env: the safety policy covers none of ${opts.asset}'s setpoints`);
    this.actionSpace = new BoxSpace(
      this.envs.map((e) => e.setpoint),
      this.envs.map((e) => e.lo),
      this.envs.map((e) => e.hi),
    );
    const sensors = probe.layout.sensors.filter((s) => s.asset === opts.asset).map((s) => s.id);
    const names = [...sensors, `${opts.asset}.defects_per_1000`, `${opts.asset}.units_per_h`, ...this.envs.map((e) => `${e.setpoint}.target`), ...(opts.predictionNames ?? [])];
    this.observationSpace = new BoxSpace(
      names,
      names.map((n) => (n.endsWith('_per_1000') || n.endsWith('units_per_h') ? 0 : -Infinity)),
      names.map(() => Infinity),
    );
  }

  /** Builds the asset's sub-plant with `seed` and runs it silently to `from`. */
  reset(o: ResetOptions): { obs: number[]; info: { tS: number } } {
    const scenario = { ...o.scenario, seed: o.seed };
    this.plant = buildMeteredPlant(scenario, new Set([this.opts.asset]), new Set([this.opts.asset]));
    const e = this.plant.engine;
    const from = o.from ?? 0;
    if (from > 0) e.stepSilently(Math.round(from / e.stepS));
    this.startS = e.tS;
    this.last = { units: 0, defects: 0 };
    resetMeter(this.plant.meter);
    return { obs: this.observe(), info: { tS: e.tS } };
  }

  /** `action`: one target per action dimension (any numbers: the shield makes them safe). */
  step(action: readonly number[]): StepResult {
    const p = this.plant;
    if (!p) throw new Error('env: call reset() before step()');
    if (action.length !== this.envs.length) throw new RangeError(`env: the action has ${action.length} values, the space ${this.envs.length} (${this.actionSpace.names.join(', ')})`);
    const e = p.engine;
    const targets = this.targets();
    const shielded = this.envs.map((env, i) => shieldValue(env, targets[i]!, action[i]!, this.decisionS));
    resetMeter(p.meter);
    // The executor's pace: one command a minute towards the shielded target at the policy rate.
    for (let t = 0; t < this.decisionS; t += RAMP_EVERY_S) {
      this.envs.forEach((env, i) => {
        const u = e.setpoints().find((s) => s.id === env.setpoint)!.target;
        const next = shieldValue(env, u, shielded[i]!.value, RAMP_EVERY_S).value;
        if (next !== u) e.apply({ kind: 'setpoint', setpoint: env.setpoint, value: next }, 'optimizer');
      });
      e.runFor(Math.min(RAMP_EVERY_S, this.decisionS - t));
    }
    const m = p.meter;
    const defects = totalDefects(m);
    const energyMJ = m.burnerMJ + m.machineMJ;
    const cost = m.failures;
    const terms = rewardTerms({ units: m.units, defects, energyMJ, durationS: this.decisionS, violations: cost }, this.weights);
    this.last = { units: m.units, defects };
    return {
      obs: this.observe(),
      reward: terms.total,
      cost,
      terminated: m.failures > 0,
      truncated: e.tS - this.startS >= this.horizonS - 1e-9,
      info: { tS: e.tS, shielded, terms, units: m.units, defects, energyMJ },
    };
  }

  private targets(): number[] {
    const views = this.plant!.engine.setpoints();
    return this.envs.map((env) => views.find((s) => s.id === env.setpoint)!.target);
  }

  private observe(): number[] {
    const e = this.plant!.engine;
    const values = e.values;
    const sensors = this.observationSpace.names.slice(0, e.layout.sensors.filter((s) => s.asset === this.opts.asset).length).map((id) => values[e.layout.sensorIndex.get(id)!]!);
    const { units, defects } = this.last;
    const perH = (units * 3600) / this.decisionS;
    return [...sensors, units > 0 ? (1000 * defects) / units : 0, perH, ...this.targets(), ...(this.opts.predict ? this.opts.predict(e) : [])];
  }
}

/** What checkEnv found wrong; empty when the environment is sound. */
export interface EnvCheck {
  readonly problems: readonly string[];
  readonly steps: number;
}

/**
 * gymnasium.utils.env_checker in spirit: reset with the same seed twice gives the same observation;
 * the same actions give the same rewards, costs and observations; observations lie in the space and
 * sampled actions in theirs; a bad action length is refused.
 */
export function checkEnv(make: () => TwinEnv, reset: ResetOptions, rng: Rng, steps = 3): EnvCheck {
  const problems: string[] = [];
  const a = make();
  const b = make();
  const ra = a.reset(reset);
  const rb = b.reset(reset);
  const same = (x: readonly number[], y: readonly number[]) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
  if (!same(ra.obs, rb.obs)) problems.push('reset: the same seed gave different observations');
  if (!a.observationSpace.contains(ra.obs)) problems.push(`reset: the observation is outside the observation space (${outside(a.observationSpace, ra.obs)})`);
  for (let k = 0; k < steps; k++) {
    const action = a.actionSpace.sample(rng);
    if (!a.actionSpace.contains(action)) problems.push(`step ${k}: a sampled action is outside the action space`);
    const sa = a.step(action);
    const sb = b.step(action);
    if (!same(sa.obs, sb.obs) || sa.reward !== sb.reward || sa.cost !== sb.cost) problems.push(`step ${k}: the same action gave different results`);
    if (!a.observationSpace.contains(sa.obs)) problems.push(`step ${k}: the observation is outside the observation space (${outside(a.observationSpace, sa.obs)})`);
    if (!Number.isFinite(sa.reward)) problems.push(`step ${k}: the reward is not finite (${sa.reward})`);
  }
  try {
    a.step([]);
    problems.push('step: an action of the wrong length was accepted');
  } catch {
    // refused, as it must be
  }
  return { problems, steps };
}

function outside(space: BoxSpace, x: readonly number[]): string {
  return space.names.filter((_, i) => !(x[i]! >= space.low[i]! && x[i]! <= space.high[i]!)).join(', ');
}
