/**
 * Verification decides what reaches a person. On Line_A in the crack storm (9 h: the burner has
 * drifted hot for three hours), a 60 °C furnace cut is verified on unseen seeds across the nominal
 * and perturbed twins; the same cut is dropped when any single run breaks a constraint, when shadow
 * mode does not trust the twin, or when there is nothing to change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { createRng } from '../engine/rng.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import { plantRef, type PlantRef } from '../lookahead/plant-key.ts';
import { inProcessRolloutRunner, type RolloutRunner } from '../lookahead/rollout-runner.ts';
import { subScenario } from '../lookahead/sub-plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { perturbedTwins } from './perturbed-twins.ts';
import type { Candidate, ShadowTrust } from './proposal.ts';
import { DEFAULT_SAFETY_POLICY, envelopes, type Envelope } from './safety-policy.ts';
import { envelopeViolations, verifyCandidate } from './verify.ts';

const storm = subScenario({ ...loadLibraryScenario('furnace-overheat-crack-storm'), actions: [] }, new Set(['Line_A']));
const trusted: ShadowTrust = { trackingAccuracy: 0.97, flagged: [], trusted: true };
const cut = (to: number): Candidate => ({ asset: 'Line_A', planner: 'mpc', plannedAtS: 9 * 3600, objective: 0, moves: to === 1500 ? [] : [{ setpoint: 'Line_A.furnace_temp', unit: '°C', from: 1500, to, needsApproval: false }] });

/** The real look-ahead, with one run's candidate branch given a machine failure (a constraint hit). */
function withOneFailure(runner: RolloutRunner): RolloutRunner {
  let done = false;
  return {
    close: () => runner.close(),
    run: async (job) => {
      const r = await runner.run(job);
      if (done) return r;
      done = true;
      const [first, ...rest] = r.seeds;
      return { ...r, seeds: [{ ...first!, changed: { ...first!.changed, failures: first!.baseline.failures + 1 } }, ...rest] };
    },
  };
}

describe('verification of a candidate', () => {
  const runner = inProcessRolloutRunner();
  let snapshot: Uint8Array;
  let twins: PlantRef[];
  let envs: Envelope[];
  beforeAll(() => {
    const engine = createEngine(storm);
    engine.stepSilently(Math.round((9 * 3600) / engine.stepS));
    snapshot = snapshotToBinary(engine.snapshot());
    twins = [plantRef(storm), ...perturbedTwins(storm, 2, createRng(5, 'verify-test')).map(plantRef)];
    envs = envelopes(DEFAULT_SAFETY_POLICY, engine.setpoints().filter((s) => s.asset === 'Line_A'));
  });
  const verify = (candidate: Candidate, over: { runner?: RolloutRunner; trust?: ShadowTrust } = {}) =>
    verifyCandidate({ runner: over.runner ?? runner, twins, snapshot, asset: 'Line_A', envelopes: envs, candidate, seeds: [501, 502], planningSeeds: [1, 2, 3], trust: over.trust ?? trusted });

  it('shows a furnace cut that lowers cracks on every twin, with its evidence', async () => {
    const v = await verify(cut(1440));
    expect(v.verdict.kind, v.verdict.kind === 'dropped' ? v.verdict.reasons.join(', ') : '').toBe('proposal');
    const ev = v.verdict.evidence;
    expect(ev.runs).toBe(6);
    expect(ev.perturbations).toBe(2);
    expect(ev.violations).toBe(0);
    expect(ev.defectImprovementLower95).toBeGreaterThan(0.5);
    expect(ev.effects.find((e) => e.metric === 'defectsPer1000')!.mean).toBeLessThan(0);
    expect(ev.curves.tS.length).toBe(ev.curves.holdDefectsPer1000.length);
    // The plan is the executor's ramp: 60 °C at 50 °C/h, one command a minute: 72 of them.
    expect(v.plan.length).toBe(72);
    expect(v.plan.at(-1)).toMatchObject({ atS: 72 * 60, value: 1440 });
    expect(ev.rationale).toMatch(/^Changing Line_A\.furnace_temp from 1500 to 1440 °C is expected to cut defects by \d+\.\d per 1,000 units/);
  });

  it('never shows a candidate that broke a constraint in any one run, however good the rest', async () => {
    const v = await verify(cut(1440), { runner: withOneFailure(runner) });
    expect(v.verdict.kind).toBe('dropped');
    expect(v.verdict.kind === 'dropped' && v.verdict.reasons).toContain('constraint_violated');
    expect(v.verdict.evidence.violations).toBe(1);
  });

  it('drops a candidate when shadow mode does not trust the twin for the line', async () => {
    const v = await verify(cut(1440), { trust: { trackingAccuracy: 0.6, flagged: [{ asset: 'Line_A', flag: 'model_drift' }], trusted: false } });
    expect(v.verdict.kind === 'dropped' && v.verdict.reasons).toEqual(['twin_not_trusted']);
  });

  it('drops holding as nothing to change', async () => {
    const v = await verify(cut(1500));
    expect(v.verdict.kind === 'dropped' && v.verdict.reasons).toContain('no_change');
  });

  it('refuses to verify on a seed the planner used', async () => {
    await expect(verifyCandidate({ runner, twins, snapshot, asset: 'Line_A', envelopes: envs, candidate: cut(1440), seeds: [3, 501], planningSeeds: [1, 2, 3], trust: trusted })).rejects.toThrow('verification seeds 3 were used for planning');
  });

  it('finds plan steps outside the envelope or faster than its rate', () => {
    const furnace = envs.find((e) => e.setpoint === 'Line_A.furnace_temp')!;
    const from = new Map([[furnace.setpoint, 1500]]);
    expect(envelopeViolations([{ atS: 60, setpoint: furnace.setpoint, value: 1499.5 }], [furnace], from)).toEqual([]);
    expect(envelopeViolations([{ atS: 60, setpoint: furnace.setpoint, value: 1400 }], [furnace], from)[0]).toMatch(/moves 100 °C in 60 s, faster than/);
    expect(envelopeViolations([{ atS: 60, setpoint: furnace.setpoint, value: 1700 }], [furnace], new Map([[furnace.setpoint, 1700]]))[0]).toMatch(/outside 1350\.\.1650 °C/);
    expect(envelopeViolations([{ atS: 60, setpoint: 'Line_A.nope', value: 1 }], [furnace], from)).toEqual(['Line_A.nope: not covered by the safety policy']);
  });
});
