/**
 * A maintenance schedule checked on the twin before anyone sees it: forks of the live plant run the
 * horizon doing nothing and with each schedule's jobs (machines renewed at their start), over the
 * same seeds, and the outcomes are compared seed by seed — failures the twin says happen, planned
 * downtime and cost, each with a 95 % interval. The forks run on the look-ahead's runner (the what-if
 * worker pool in the server): no second simulator.
 */
import type { RolloutRunner } from '../lookahead/rollout-runner.ts';
import type { PlantRef } from '../lookahead/plant-key.ts';
import type { SeedTrace } from '../lookahead/run-branch.ts';
import { meanCi95, type MeanInterval } from '../lookahead/stats.ts';
import type { MaintenanceCosts } from './schedule-input.ts';

/** A job as the twin runs it: its machine is renewed `startH` hours after the fork. */
export interface TwinJob {
  readonly unit: string;
  readonly startH: number;
  readonly hours: number;
}

export interface TwinCheckRequest {
  readonly runner: RolloutRunner;
  readonly plant: PlantRef;
  /** `snapshotToBinary(engine.snapshot())` of the live plant. */
  readonly snapshot: Uint8Array;
  /** The plant's own tick, s: job times are put on its grid. */
  readonly plantStepS: number;
  readonly horizonH: number;
  /** The look-ahead's coarse step (machine wear moves over hours; sensors are off in forks). */
  readonly stepS: number;
  readonly seeds: readonly number[];
  /** The machines metered (every machine considered, scheduled or not). */
  readonly machines: readonly string[];
  /** The schedules to compare with doing nothing, by name ("plan", "greedy"). */
  readonly schedules: Readonly<Record<string, readonly TwinJob[]>>;
  readonly costs: MaintenanceCosts;
}

/** One schedule's outcome on the twin against doing nothing, paired by seed. */
export interface ScheduleOnTwin {
  readonly jobs: number;
  readonly failures: MeanInterval;
  /** 100 × (failures doing nothing − with the schedule) / failures doing nothing; null when nothing fails doing nothing. */
  readonly failuresAvoidedPct: MeanInterval | null;
  /** Planned job hours (machines stopped for maintenance). */
  readonly plannedDowntimeH: number;
  /** Failures × failure cost + jobs × (job cost + downtime per hour × hours). */
  readonly cost: MeanInterval;
  /** 100 × (cost − cost doing nothing) / cost doing nothing; null when doing nothing costs nothing. */
  readonly costChangePct: MeanInterval | null;
}

export interface TwinCheck {
  readonly seeds: readonly number[];
  readonly horizonH: number;
  readonly stepS: number;
  readonly machines: number;
  readonly nothing: { readonly failures: MeanInterval; readonly cost: MeanInterval };
  readonly schedules: Readonly<Record<string, ScheduleOnTwin>>;
}

/** Runs every schedule on forks of the plant; rejects with the runner's error. */
export async function checkOnTwin(r: TwinCheckRequest): Promise<TwinCheck> {
  const horizonS = Math.round((r.horizonH * 3600) / r.plantStepS) * r.plantStepS;
  const names = Object.keys(r.schedules);
  const runs = await Promise.all(
    names.map((name) =>
      r.runner.run({
        plant: r.plant,
        snapshot: r.snapshot,
        plan: {
          steps: [],
          horizonS,
          stepS: r.stepS,
          seeds: r.seeds,
          scope: 'affected',
          cover: r.machines,
          // A job starting at or past the horizon does nothing inside it.
          maintenance: r.schedules[name]!.map((j) => ({ atS: Math.round((j.startH * 3600) / r.plantStepS) * r.plantStepS, asset: j.unit })).filter((m) => m.atS < horizonS),
        },
      }),
    ),
  );
  const failureCost = (n: number) => n * r.costs.failure;
  const baseline = (runs[0]?.seeds ?? []).map((s) => s.baseline.failures);
  const baseCost = baseline.map(failureCost);
  const schedules: Record<string, ScheduleOnTwin> = {};
  names.forEach((name, k) => {
    const jobs = r.schedules[name]!;
    const plannedDowntimeH = jobs.reduce((s, j) => s + j.hours, 0);
    const jobCost = jobs.length * r.costs.job + plannedDowntimeH * r.costs.downtimePerH;
    const seeds: readonly SeedTrace[] = runs[k]!.seeds;
    const failures = seeds.map((s) => s.changed.failures);
    const cost = failures.map((f) => failureCost(f) + jobCost);
    const meanBase = baseline.reduce((a, b) => a + b, 0) / Math.max(1, baseline.length);
    const meanBaseCost = meanBase * r.costs.failure;
    schedules[name] = {
      jobs: jobs.length,
      failures: meanCi95(failures),
      failuresAvoidedPct: meanBase > 0 ? meanCi95(seeds.map((s) => (100 * (s.baseline.failures - s.changed.failures)) / meanBase)) : null,
      plannedDowntimeH,
      cost: meanCi95(cost),
      costChangePct: meanBaseCost > 0 ? meanCi95(cost.map((c, i) => (100 * (c - baseCost[i]!)) / meanBaseCost)) : null,
    };
  });
  return { seeds: r.seeds, horizonH: horizonS / 3600, stepS: r.stepS, machines: r.machines.length, nothing: { failures: meanCi95(baseline), cost: meanCi95(baseCost) }, schedules };
}
