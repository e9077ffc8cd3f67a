import { describe, expect, it } from 'vitest';
import { builtinProfileResolver } from '../engine/plant.ts';
import { toyScenario } from '../engine/toy-model.test-helper.ts';
import { greedySchedule } from './greedy.ts';
import { jobOptions } from './job-options.ts';
import { fleetJobs, oracleHealth, runFleetTrial, type FleetTrialSpec, type MaintenancePolicy } from './fleet-trial.ts';
import { checkScheduleInput } from './schedule-input.ts';

// pump_001's bearing wears 400× its rate from the start (it fails about 0.9 h in; a renewal ends the fault); fan_001 is healthy.
const scenario = toyScenario({
  durationS: 86_400,
  machines: [
    { id: 'pump_001', profile: 'pump', initial: { load: 80 }, ageH: 0 },
    { id: 'fan_001', profile: 'fan', initial: { load: 80 }, ageH: 0 },
  ],
  faults: [{ atS: 0, target: 'pump_001', type: 'bearing_wear', params: { rateMultiplier: 400 } }],
});
const resolveProfile = builtinProfileResolver();
const costs = { failure: 50_000, downtimePerH: 500, job: 2_000 };

const spec = (p: Partial<FleetTrialSpec> = {}): FleetTrialSpec => ({
  scenario,
  resolveProfile,
  seed: 3,
  days: 0.5,
  stepS: 10,
  replanEveryH: 0.25,
  plannerInput: { teams: [{ id: 'A', skills: ['mechanical', 'electrical'] }], horizonDays: 0.25, calendar: { shiftsPerDay: 24, teamHoursPerShift: 1 }, windows: {}, precedences: [], costs, rulThresholdH: 1, riskThreshold: 0.7 },
  health: oracleHealth(0.25, 168),
  ...p,
});

const greedy: MaintenancePolicy = {
  kind: 'planner',
  plan: async (i) => {
    checkScheduleInput(i);
    return greedySchedule(i, jobOptions(i));
  },
};

describe('a maintenance policy tried on the twin over a period', () => {
  it('running to failure repairs each failure at once and runs on, paid at the failure cost', async () => {
    const o = await runFleetTrial(spec(), { kind: 'run_to_failure' });
    expect(o.failuresByUnit['pump_001']).toBe(1);
    expect(o.failuresByUnit['fan_001']).toBeUndefined();
    expect(o.jobs).toBe(0);
    expect(o.cost).toBe(o.failures * costs.failure);
  });

  it('is deterministic in its seed: the same seed gives the same outcome under the same policy', async () => {
    expect(await runFleetTrial(spec(), { kind: 'run_to_failure' })).toEqual(await runFleetTrial(spec(), { kind: 'run_to_failure' }));
  });

  it('a planner reading the twin’s remaining life services the worn pump before it fails, re-planning every quarter hour', async () => {
    const rtf = await runFleetTrial(spec(), { kind: 'run_to_failure' });
    const o = await runFleetTrial(spec(), greedy);
    expect(o.failures).toBeLessThan(rtf.failures);
    expect(o.jobs).toBeGreaterThan(0);
    expect(o.cost).toBe(o.failures * costs.failure + o.jobs * costs.job + o.jobHours * costs.downtimePerH);
    expect(o.cost).toBeLessThan(rtf.cost);
  });

  it('a fixed interval renews every machine on its clock, healthy or not', async () => {
    const o = await runFleetTrial(spec(), { kind: 'fixed_interval', intervalH: () => 4 });
    // The fan at 4 and 8 h; the pump fails first (0.9 h), and its repair restarts its clock: 4.9 and 8.9 h.
    expect(o.failures).toBe(1);
    expect(o.jobs).toBe(4);
    const jobs = fleetJobs(scenario, resolveProfile);
    expect(o.jobHours).toBe(2 * (jobs.get('pump_001')!.hours + jobs.get('fan_001')!.hours));
  });

  it('a short enough interval prevents the failure too, with many more jobs', async () => {
    const o = await runFleetTrial(spec(), { kind: 'fixed_interval', intervalH: () => 0.5 });
    expect(o.failures).toBe(0);
    expect(o.jobs).toBe(2 * 23);
  });

  it('drops a planned job whose machine was repaired after a failure since the plan was made', async () => {
    // A plan made at each re-plan for a job two hours later: the pump fails (≈1.5 h) before it, so the job is moot.
    const late: MaintenancePolicy = { kind: 'planner', plan: async (i) => i.units.filter((u) => u.id === 'pump_001').map((u) => ({ unit: u.id, team: 'A', startShift: 2, hoursByShift: [1], gain: 0, riskBefore: 0, riskAfter: 0, lostLifeCost: 0 })) };
    const o = await runFleetTrial(spec({ replanEveryH: 3 }), late);
    expect(o.failures).toBeGreaterThan(0);
    expect(o.jobs).toBeLessThan(4);
  });
});
