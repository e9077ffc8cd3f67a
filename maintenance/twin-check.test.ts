import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import { toyScenario } from '../engine/toy-model.test-helper.ts';
import { plantRef } from '../lookahead/plant-key.ts';
import { inProcessRolloutRunner } from '../lookahead/rollout-runner.ts';
import { checkOnTwin, type TwinCheckRequest } from './twin-check.ts';

// pump_001's bearing wears 400× its rate (it fails ~1.5 h in); fan_001 is healthy.
const scenario = toyScenario({
  durationS: 86_400,
  machines: [
    { id: 'pump_001', profile: 'pump', initial: { load: 80 }, ageH: 0 },
    { id: 'fan_001', profile: 'fan', initial: { load: 80 }, ageH: 0 },
  ],
  faults: [{ atS: 0, target: 'pump_001', type: 'bearing_wear', params: { rateMultiplier: 400 } }],
});

function request(schedules: TwinCheckRequest['schedules']): TwinCheckRequest {
  const e = createEngine(scenario);
  e.runUntil(60);
  return {
    runner: inProcessRolloutRunner(),
    plant: plantRef(scenario),
    snapshot: snapshotToBinary(e.snapshot()),
    plantStepS: e.stepS,
    horizonH: 4,
    stepS: 10,
    seeds: [1, 2, 3, 4],
    machines: ['pump_001', 'fan_001'],
    schedules,
    costs: { failure: 50_000, downtimePerH: 500, job: 2_000 },
  };
}

describe('a schedule checked on the twin', () => {
  it('counts the failures the forks have doing nothing and with each schedule, paired by seed', async () => {
    const c = await checkOnTwin(request({ plan: [{ unit: 'pump_001', startH: 0.5, hours: 4 }], late: [{ unit: 'pump_001', startH: 3, hours: 4 }], wrong: [{ unit: 'fan_001', startH: 0.5, hours: 2 }] }));
    expect(c.nothing.failures).toEqual({ mean: 1, lo: 1, hi: 1, n: 4 });
    expect(c.nothing.cost.mean).toBe(50_000);
    const plan = c.schedules['plan']!;
    expect(plan.failures.mean).toBe(0);
    expect(plan.failuresAvoidedPct).toEqual({ mean: 100, lo: 100, hi: 100, n: 4 });
    // One job: 2,000 + 4 h × 500 instead of a 50,000 failure.
    expect(plan.cost.mean).toBe(4_000);
    expect(plan.costChangePct!.mean).toBeCloseTo(-92, 9);
    expect(plan.plannedDowntimeH).toBe(4);
    // Too late: the failure happens first; the job is paid on top.
    expect(c.schedules['late']!.failuresAvoidedPct!.mean).toBe(0);
    expect(c.schedules['late']!.costChangePct!.mean).toBeCloseTo(8, 9);
    // The wrong machine: nothing avoided, cost up.
    expect(c.schedules['wrong']!.failures.mean).toBe(1);
    expect(c.schedules['wrong']!.cost.mean).toBe(53_000);
  });

  it('says "no figure" for a relative change when nothing fails doing nothing', async () => {
    const r = request({ plan: [{ unit: 'fan_001', startH: 0, hours: 2 }] });
    const c = await checkOnTwin({ ...r, machines: ['fan_001'] });
    expect(c.nothing.failures.mean).toBe(0);
    expect(c.schedules['plan']!.failuresAvoidedPct).toBeNull();
    expect(c.schedules['plan']!.costChangePct).toBeNull();
  });
});
