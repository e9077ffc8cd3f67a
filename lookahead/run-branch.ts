/**
 * One branch of one seed: a fork of a restored plant with fresh random streams, run in virtual
 * time at a coarse step with the plan's setpoint changes landing exactly at their times.
 */
import type { TwinEngine } from '../engine/engine.ts';
import { DEFECT_TYPES, type DefectType } from '../physics/model.ts';
import { resetMeter } from './meter.ts';
import type { MeteredPlant } from './metered-plant.ts';
import { timeline, type MaintenanceStep, type PlanStep } from './plan.ts';

/** What one branch of one seed produced: totals, and cumulative series at each sample time. */
export interface BranchTrace {
  readonly units: number;
  readonly defectiveUnits: number;
  readonly defects: Readonly<Record<DefectType, number>>;
  readonly burnerMJ: number;
  readonly machineMJ: number;
  /** Failures of the covered machines within the horizon (the twin's failure events). */
  readonly failures: number;
  /**
   * Remaining useful life of the covered machines from the twin's wear state (its simulated ground
   * truth: the least over machines and failure modes, hours at rated conditions) at the fork and at
   * the horizon; null when no machine is covered.
   */
  readonly rulStartH: number | null;
  readonly rulEndH: number | null;
  /** Cumulative since the fork, at the sample times. */
  readonly series: { readonly units: readonly number[]; readonly defects: readonly number[]; readonly energyMJ: readonly number[] };
}

/** Both branches of one seed: the same random streams, so their difference is paired. */
export interface SeedTrace {
  readonly seed: number;
  readonly baseline: BranchTrace;
  readonly changed: BranchTrace;
}

/** Sample times for the time-to-effect series, seconds after the fork: a round interval giving at most ~240 samples. */
export function sampleTimesS(horizonS: number, stepS: number): number[] {
  const nice = [10, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600];
  const every = nice.find((n) => n % stepS === 0 && n >= horizonS / 240) ?? 3600;
  const out: number[] = [];
  for (let t = every; t < horizonS - 1e-9; t += every) out.push(t);
  out.push(horizonS);
  return out;
}

const EPS = 1e-6;
const onGrid = (tS: number, stepS: number) => Math.abs(tS / stepS - Math.round(tS / stepS)) < 1e-9;

/**
 * Runs one branch from `plant` (restored at the fork): fresh random streams from `seed`, then
 * `horizonS` of virtual time with each of `steps` (in time order, on the plant's tick grid) applied
 * when the branch reaches its `atS`. Between stops it ticks at the plant's own step until the time is
 * on the coarse grid, then at `stepS`, and back at the plant's step for a remainder shorter than
 * `stepS`: so a change off the coarse grid splits the coarse step, and the horizon is met exactly.
 * `maintenance` jobs (in time order) renew their machines at their times, before a step at the same time.
 * @example runBranch(plant, 7, [{ atS: 0, setpoint: 'Line_A.furnace_temp', value: 1420 }], 3600, 10, sampleTimesS(3600, 10))
 */
export function runBranch(plant: MeteredPlant, seed: number, steps: readonly PlanStep[], horizonS: number, stepS: number, samples: readonly number[], maintenance: readonly MaintenanceStep[] = []): BranchTrace {
  const { meter } = plant;
  resetMeter(meter);
  let e: TwinEngine = plant.engine.fork({ seed, sensors: false });
  const machines = coveredMachines(plant);
  const rulStartH = machines.length > 0 ? leastRulH(e, machines) : null;
  const baseS = e.stepS;
  const t0 = e.tS;
  const coarse = stepS > baseS && onGrid(stepS, baseS);
  const series = { units: [] as number[], defects: [] as number[], energyMJ: [] as number[] };
  let next = 0;
  const record = (tS: number) => {
    while (next < samples.length && t0 + samples[next]! <= tS + EPS) {
      series.units.push(meter.units);
      let d = 0;
      for (const t of DEFECT_TYPES) d += meter.defects[t];
      series.defects.push(d);
      series.energyMJ.push(meter.burnerMJ + meter.machineMJ);
      next++;
    }
  };
  const advanceTo = (end: number) => {
    if (coarse && e.stepS === baseS) {
      while (!onGrid(e.tS, stepS) && e.tS + baseS <= end + EPS) {
        e.step(1);
        record(e.tS);
      }
      if (onGrid(e.tS, stepS) && e.tS + stepS <= end + EPS) e = e.fork({ stepS, sensors: false });
    }
    while (e.tS + e.stepS <= end + EPS) {
      // Step to the next sample time in one call (the engine's loop is tighter than ours).
      const target = Math.min(end, t0 + (samples[next] ?? horizonS));
      const n = Math.max(1, Math.floor((target - e.tS) / e.stepS + EPS));
      e.step(n);
      record(e.tS);
    }
    if (e.tS < end - EPS) {
      if (e.stepS !== baseS) e = e.fork({ stepS: baseS, sensors: false });
      while (e.tS < end - EPS) {
        e.step(1);
        record(e.tS);
      }
    }
  };
  const events = timeline(steps);
  // The target each timed step found, to return to after its duration.
  const before = new Map<number, number>();
  const stops = [...new Set([...events.map((ev) => ev.atS), ...maintenance.map((m) => m.atS)])].sort((a, b) => a - b);
  let i = 0;
  let j = 0;
  for (const atS of stops) {
    advanceTo(t0 + atS);
    for (; j < maintenance.length && maintenance[j]!.atS === atS; j++) e.apply({ kind: 'maintenance', target: maintenance[j]!.asset });
    for (; i < events.length && events[i]!.atS === atS; i++) {
      const ev = events[i]!;
      if (ev.revertOf !== undefined) {
        e.setSetpoint(ev.setpoint, before.get(ev.revertOf)!);
        continue;
      }
      if (steps[ev.id]!.durationS !== undefined) before.set(ev.id, targetOf(e, ev.setpoint));
      e.setSetpoint(ev.setpoint, ev.value);
    }
  }
  advanceTo(t0 + horizonS);
  record(Number.POSITIVE_INFINITY);
  return {
    units: meter.units,
    defectiveUnits: meter.defectiveUnits,
    defects: { ...meter.defects },
    burnerMJ: meter.burnerMJ,
    machineMJ: meter.machineMJ,
    failures: meter.failures,
    rulStartH,
    rulEndH: machines.length > 0 ? leastRulH(e, machines) : null,
    series,
  };
}

const targetOf = (e: TwinEngine, id: string): number => e.setpoints().find((s) => s.id === id)!.target;

/** Model indices of the machines the meter covers. */
function coveredMachines(plant: MeteredPlant): number[] {
  const out: number[] = [];
  plant.engine.layout.models.forEach((m, i) => {
    if (m.kind !== 'line' && (plant.metered === null || plant.metered.has(m.asset))) out.push(i);
  });
  return out;
}

/** The least true RUL over these models (the first machine to fail sets the plant's risk). */
function leastRulH(e: TwinEngine, models: readonly number[]): number | null {
  const { rulH } = e.truth();
  let least = Infinity;
  for (const i of models) if (!Number.isNaN(rulH[i]!)) least = Math.min(least, rulH[i]!);
  return least === Infinity ? null : least;
}

/** `a` plus `b`: two disjoint parts of one plant. */
export function addTraces(a: BranchTrace, b: BranchTrace): BranchTrace {
  const add = (x: readonly number[], y: readonly number[]) => x.map((v, i) => v + (y[i] ?? 0));
  return {
    units: a.units + b.units,
    defectiveUnits: a.defectiveUnits + b.defectiveUnits,
    defects: Object.fromEntries(DEFECT_TYPES.map((t) => [t, a.defects[t] + b.defects[t]])) as Record<DefectType, number>,
    burnerMJ: a.burnerMJ + b.burnerMJ,
    machineMJ: a.machineMJ + b.machineMJ,
    failures: a.failures + b.failures,
    rulStartH: leastOf(a.rulStartH, b.rulStartH),
    rulEndH: leastOf(a.rulEndH, b.rulEndH),
    series: { units: add(a.series.units, b.series.units), defects: add(a.series.defects, b.series.defects), energyMJ: add(a.series.energyMJ, b.series.energyMJ) },
  };
}

const leastOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
