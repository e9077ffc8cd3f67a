/**
 * A maintenance policy tried on the twin over weeks, as a plant would live it: one simulated fleet
 * runs the whole period under the policy; a machine that fails is repaired at once (a corrective
 * job, paid at the failure cost) and runs on; a planner re-plans every `replanEveryH` from the
 * fleet's health at that moment and only the jobs starting before the next re-plan are carried out
 * (a rolling horizon, as a maintenance planner re-plans each morning). The same seed under every
 * policy gives the same fleet and the same random streams, so outcomes compare seed by seed.
 *
 * The health the planner reads is injected: `oracleHealth` takes the twin's own remaining life
 * (its simulated ground truth), which is what a benchmark of the planner, not of the models, needs.
 */
import type { TwinEngine } from '../engine/engine.ts';
import { createEngine, type ProfileResolver } from '../engine/plant.ts';
import type { Scenario } from '../engine/scenario.ts';
import type { JobOption } from './job-options.ts';
import { jobFor } from './job-table.ts';
import { shiftHours, type JobSpec, type ScheduleInput, type UnitHealth } from './schedule-input.ts';

/** What a policy does at a re-plan: the jobs (starting within the planner's horizon) it would carry out. */
export type Planner = (input: ScheduleInput) => Promise<readonly JobOption[]>;

export type MaintenancePolicy =
  | { readonly kind: 'run_to_failure' }
  /** Renews each machine once `intervalH(unit)` hours have passed since its last renewal (at the start: its age). */
  | { readonly kind: 'fixed_interval'; readonly intervalH: (unit: string) => number }
  | { readonly kind: 'planner'; readonly plan: Planner };

export interface FleetTrialSpec {
  /** The plant: only its machines are simulated by the caller's choice (lines may be left out). */
  readonly scenario: Scenario;
  readonly resolveProfile: ProfileResolver;
  readonly seed: number;
  readonly days: number;
  /** The twin's step for the trial (machine wear moves over hours; sensors are off). */
  readonly stepS: number;
  readonly replanEveryH: number;
  /** The planner's input but for the units: teams, calendar, horizon, costs, rules. */
  readonly plannerInput: Omit<ScheduleInput, 'units'>;
  /** The fleet's health as the planner sees it at a re-plan. */
  readonly health: (e: TwinEngine, jobs: ReadonlyMap<string, JobSpec>) => UnitHealth[];
}

export interface FleetTrialOutcome {
  readonly seed: number;
  readonly failures: number;
  readonly failuresByUnit: Readonly<Record<string, number>>;
  /** Planned jobs carried out (corrective repairs after failures are not counted here). */
  readonly jobs: number;
  readonly jobHours: number;
  /** failures × failure cost + jobs × job cost + job hours × downtime cost per hour. */
  readonly cost: number;
}

/** The job of each machine of the scenario that has failure modes. */
export function fleetJobs(scenario: Scenario, resolveProfile: ProfileResolver): Map<string, JobSpec> {
  const out = new Map<string, JobSpec>();
  for (const m of scenario.machines) {
    const job = jobFor(resolveProfile(m.profile).document.failureModes);
    if (job) out.set(m.id, job);
  }
  return out;
}

/**
 * The twin's own remaining life per machine (hours at rated conditions, its ground truth), given to
 * the planner as a distribution with σ = `sdFraction` × the estimate and no separate risk model.
 */
export function oracleHealth(sdFraction: number, riskHorizonH: number): FleetTrialSpec['health'] {
  return (e, jobs) => {
    const t = e.truth();
    const units: UnitHealth[] = [];
    t.assets.forEach((id, i) => {
      const job = jobs.get(id);
      const rulH = t.rulH[i]!;
      if (!job || !Number.isFinite(rulH)) return;
      units.push({ id, line: null, risk: 0, riskHorizonH, rulH: Math.max(0, rulH), rulSdH: Math.max(1, sdFraction * rulH), rulAtLeast: false, job });
    });
    return units;
  };
}

interface Due {
  readonly atS: number;
  readonly unit: string;
  readonly hours: number;
  /** The unit's renewal count when planned: a repair since then makes the job moot. */
  readonly renewals: number;
}

export async function runFleetTrial(spec: FleetTrialSpec, policy: MaintenancePolicy): Promise<FleetTrialOutcome> {
  const jobs = fleetJobs(spec.scenario, spec.resolveProfile);
  let e = createEngine({ ...spec.scenario, seed: spec.seed }, spec.resolveProfile);
  if (spec.stepS !== e.stepS) e = e.fork({ stepS: spec.stepS, sensors: false });
  const endS = spec.days * 86_400;
  const costs = spec.plannerInput.costs;
  const failuresByUnit: Record<string, number> = {};
  const renewals = new Map<string, number>();
  const lastRenewalS = new Map<string, number>();
  let failures = 0;
  let planned = 0;
  let jobHours = 0;
  const renew = (unit: string) => {
    e.apply({ kind: 'maintenance', target: unit }, 'scenario');
    renewals.set(unit, (renewals.get(unit) ?? 0) + 1);
    lastRenewalS.set(unit, e.tS);
  };
  // A failed machine is repaired on the tick it fails: its failure cost covers the repair.
  const sub = e.events$.subscribe((ev) => {
    if (ev.type !== 'failure') return;
    failures++;
    failuresByUnit[ev.asset] = (failuresByUnit[ev.asset] ?? 0) + 1;
    renew(ev.asset);
  });
  const doJob = (unit: string, hours: number) => {
    renew(unit);
    planned++;
    jobHours += hours;
  };
  try {
    if (policy.kind === 'run_to_failure') e.runUntil(endS);
    else if (policy.kind === 'fixed_interval') {
      // Age at the start counts as time since the last renewal.
      const ageH = new Map(spec.scenario.machines.map((m) => [m.id, m.ageH ?? 0]));
      const dueAtS = (unit: string) => (lastRenewalS.has(unit) ? lastRenewalS.get(unit)! : -ageH.get(unit)! * 3600) + policy.intervalH(unit) * 3600;
      while (e.tS < endS) {
        for (const [unit, job] of jobs) if (dueAtS(unit) <= e.tS) doJob(unit, job.hours);
        e.step(1);
      }
    } else {
      const hShift = shiftHours(spec.plannerInput.calendar);
      while (e.tS < endS - 1e-9) {
        const fromS = e.tS;
        const input: ScheduleInput = { ...spec.plannerInput, units: spec.health(e, jobs) };
        const untilS = Math.min(endS, fromS + spec.replanEveryH * 3600);
        const due: Due[] = (await policy.plan(input))
          .map((j) => ({ atS: fromS + j.startShift * hShift * 3600, unit: j.unit, hours: j.hoursByShift.reduce((a, b) => a + b, 0), renewals: renewals.get(j.unit) ?? 0 }))
          .filter((d) => d.atS < untilS)
          .sort((a, b) => a.atS - b.atS);
        for (const d of due) {
          if (d.atS > e.tS) e.runUntil(d.atS);
          if ((renewals.get(d.unit) ?? 0) === d.renewals) doJob(d.unit, d.hours);
        }
        e.runUntil(untilS);
      }
    }
  } finally {
    sub.unsubscribe();
  }
  return { seed: spec.seed, failures, failuresByUnit, jobs: planned, jobHours, cost: failures * costs.failure + planned * costs.job + jobHours * costs.downtimePerH };
}
