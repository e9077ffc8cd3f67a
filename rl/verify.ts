/**
 * Verification before a proposal reaches a person: the candidate's ramp (exactly as the executor
 * would send it) against holding the targets in force, paired by seed on the look-ahead, on seeds
 * the planner never saw, on the nominal twin and on perturbed ones. Shown only if no run violates a
 * constraint, the one-sided 95 % lower bound of the defect-rate improvement beats a margin,
 * production and energy are non-inferior within their margins, and shadow mode trusts the twin for
 * the asset. Either way the evidence is kept, with the reasons when it is dropped.
 */
import type { PlantRef } from '../lookahead/plant-key.ts';
import type { PlanStep } from '../lookahead/plan.ts';
import type { RolloutRunner } from '../lookahead/rollout-runner.ts';
import { sampleTimesS, type BranchTrace } from '../lookahead/run-branch.ts';
import { summarize } from '../lookahead/summarize.ts';
import { sumDefects } from './mpc.ts';
import { paired } from './paired-stats.ts';
import type { Candidate, DropReason, Effect, Evidence, ShadowTrust } from './proposal.ts';
import { RAMP_EVERY_S, rampSchedule } from './ramp-schedule.ts';
import type { VerifiedCandidate } from './recommendation.ts';
import type { Envelope } from './safety-policy.ts';

export interface VerifyOptions {
  readonly horizonS: number;
  readonly stepS: number;
  /** Least improvement (one-sided 95 % lower bound), defects per 1,000 units. */
  readonly marginPer1000: number;
  /** Production may fall by at most this much (one-sided 95 % bound of the relative change), percent. */
  readonly productionMarginPct: number;
  /** Energy may rise by at most this much, percent. */
  readonly energyMarginPct: number;
}

export const DEFAULT_VERIFY: VerifyOptions = { horizonS: 7200, stepS: 10, marginPer1000: 0.5, productionMarginPct: 1, energyMarginPct: 2 };

export interface VerifyInput {
  readonly runner: RolloutRunner;
  /** The nominal twin first, then the perturbed ones (perturbed-twins.ts). */
  readonly twins: readonly PlantRef[];
  readonly snapshot: Uint8Array;
  readonly asset: string;
  readonly envelopes: readonly Envelope[];
  readonly candidate: Candidate;
  /** Verification seeds; must not meet the planner's. */
  readonly seeds: readonly number[];
  readonly planningSeeds: readonly number[];
  readonly trust: ShadowTrust;
  readonly options?: Partial<VerifyOptions>;
}

const perH = (x: number, horizonS: number) => (x * 3600) / horizonS;
const per1000 = (b: BranchTrace) => (b.units > 0 ? (1000 * sumDefects(b)) / b.units : 0);
const mwh = (b: BranchTrace) => (b.burnerMJ + b.machineMJ) / 3600;
const rel = (changed: number, base: number) => (base > 0 ? (100 * (changed - base)) / base : 0);

/** Plan steps outside the envelope or faster than its rate (the shield makes them impossible; this checks it). */
export function envelopeViolations(steps: readonly PlanStep[], envelopes: readonly Envelope[], from: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  const last = new Map(from);
  const lastAt = new Map<string, number>();
  for (const s of steps) {
    const env = envelopes.find((e) => e.setpoint === s.setpoint);
    if (!env) {
      out.push(`${s.setpoint}: not covered by the safety policy`);
      continue;
    }
    if (s.value < env.lo - 1e-9 || s.value > env.hi + 1e-9) out.push(`${s.setpoint} = ${s.value} at ${s.atS} s is outside ${env.lo}..${env.hi} ${env.unit}`);
    const prev = last.get(s.setpoint);
    const dtS = s.atS - (lastAt.get(s.setpoint) ?? 0);
    if (prev !== undefined && Math.abs(s.value - prev) > env.ratePerS * dtS * (1 + 1e-9) + 1e-9) out.push(`${s.setpoint} moves ${Math.abs(s.value - prev)} ${env.unit} in ${dtS} s, faster than ${env.ratePerS * dtS}`);
    last.set(s.setpoint, s.value);
    lastAt.set(s.setpoint, s.atS);
  }
  return out;
}

export async function verifyCandidate(input: VerifyInput): Promise<VerifiedCandidate> {
  const o = { ...DEFAULT_VERIFY, ...input.options };
  const seen = new Set(input.planningSeeds);
  const reused = input.seeds.filter((s) => seen.has(s));
  if (reused.length > 0) throw new RangeError(`verification seeds ${reused.join(', ')} were used for planning`);
  const c = input.candidate;
  const envOf = (id: string) => input.envelopes.find((e) => e.setpoint === id);
  const plan = rampSchedule(c.moves, envOf, 0, RAMP_EVERY_S).commands.filter((s) => s.atS < o.horizonS);
  const lookahead = { steps: plan, horizonS: o.horizonS, stepS: o.stepS, seeds: input.seeds, scope: 'affected' as const, cover: [input.asset] };
  const results = await Promise.all(input.twins.map((plant) => input.runner.run({ plant, snapshot: input.snapshot, plan: lookahead })));
  const runs = results.flatMap((r) => r.seeds);
  const shieldProblems = envelopeViolations(plan, input.envelopes, new Map(c.moves.map((m) => [m.setpoint, m.from])));
  const violations = shieldProblems.length + runs.filter((r) => r.changed.failures > r.baseline.failures).length;
  const improvement = paired(runs.map((r) => per1000(r.baseline) - per1000(r.changed)));
  const defects = paired(runs.map((r) => per1000(r.changed) - per1000(r.baseline)));
  const units = paired(runs.map((r) => perH(r.changed.units - r.baseline.units, o.horizonS)));
  const unitsPct = paired(runs.map((r) => rel(r.changed.units, r.baseline.units)));
  const energy = paired(runs.map((r) => mwh(r.changed) - mwh(r.baseline)));
  const energyPct = paired(runs.map((r) => rel(mwh(r.changed), mwh(r.baseline))));
  const effects: Effect[] = [
    { metric: 'defectsPer1000', unit: 'defects per 1,000 units', mean: defects.mean, low: defects.low, high: defects.high },
    { metric: 'unitsPerH', unit: 'units/h', mean: units.mean, low: units.low, high: units.high },
    { metric: 'energyMWh', unit: `MWh over ${o.horizonS / 3600} h`, mean: energy.mean, low: energy.low, high: energy.high },
  ];
  const times = sampleTimesS(o.horizonS, o.stepS);
  const curve = (pick: (r: (typeof runs)[number]) => BranchTrace, i: number) => runs.reduce((a, r) => a + (pick(r).series.units[i]! > 0 ? (1000 * pick(r).series.defects[i]!) / pick(r).series.units[i]! : 0), 0) / runs.length;
  const timeToEffectS = summarize(results[0]!, lookahead).timeToEffect.byQuantity.defect_rate.tS;
  const reasons: DropReason[] = [];
  if (c.moves.length === 0) reasons.push('no_change');
  if (violations > 0) reasons.push('constraint_violated');
  if (!(improvement.lower95 > o.marginPer1000)) reasons.push('improvement_not_significant');
  if (unitsPct.lower95 < -o.productionMarginPct) reasons.push('production_inferior');
  if (energyPct.upper95 > o.energyMarginPct) reasons.push('energy_inferior');
  if (!input.trust.trusted) reasons.push('twin_not_trusted');
  const evidence: Evidence = {
    effects,
    defectImprovementLower95: improvement.lower95,
    timeToEffectS,
    horizonS: o.horizonS,
    runs: runs.length,
    seeds: input.seeds,
    perturbations: input.twins.length - 1,
    violations,
    curves: { tS: times, holdDefectsPer1000: times.map((_, i) => curve((r) => r.baseline, i)), candidateDefectsPer1000: times.map((_, i) => curve((r) => r.changed, i)) },
    shadow: input.trust,
    rationale: rationale(c, improvement, unitsPct.mean, energyPct.mean, timeToEffectS, runs.length, input.twins.length - 1, input.trust),
  };
  return { candidate: c, plan, verdict: reasons.length === 0 ? { kind: 'proposal', evidence } : { kind: 'dropped', reasons, evidence } };
}

/** Plain words built only from the verification's numbers. */
function rationale(c: Candidate, imp: { mean: number; low: number; high: number }, unitsPct: number, energyPct: number, tteS: number | null, runs: number, perturbed: number, trust: ShadowTrust): string {
  if (c.moves.length === 0) return `Holding the setpoints of ${c.asset} is what the planner found best; there is nothing to change.`;
  const moves = c.moves.map((m) => `${m.setpoint} from ${m.from} to ${m.to} ${m.unit}`).join(', ');
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)} %`;
  const when = tteS === null ? 'with no lasting effect within the horizon' : `within ${Math.round(tteS / 60)} min`;
  const shadow = trust.trackingAccuracy === null ? 'no live measurements to check the twin against' : `shadow tracking ${Math.round(trust.trackingAccuracy * 100)} %`;
  return `Changing ${moves} is expected to ${imp.mean >= 0 ? 'cut' : 'raise'} defects by ${Math.abs(imp.mean).toFixed(1)} per 1,000 units (95 % interval ${imp.low.toFixed(1)} to ${imp.high.toFixed(1)}) ${when}, with production ${pct(unitsPct)} and energy ${pct(energyPct)}; verified on ${runs} runs on unseen seeds, ${perturbed} of the twins perturbed; ${shadow}.`;
}
