/**
 * Recording simulator runs for datasets: sensor values sampled every few minutes (forward-filled over
 * dropouts), the ground truth per asset (true RUL, active faults) at the same instants, and the
 * events labels are made of (failures, defects, fault onsets). Each run is the scenario under another
 * seed, so machines draw other lives; a failed machine is repaired at once and starts a new life.
 *
 * Cost, measured on the 2-core development machine (reference plant: 3 lines, 26 machines, 304
 * sensors, 60 s step): about 2.5 ms of wall time per simulated hour per run, e.g. 4 runs × 500 h in
 * 4.9 s (≈ 22 machine failures per 500 h run, mostly CNC tool wear); cutting a task's windows from those runs takes
 * 50–400 ms for ~35 000 windows.
 */
import { createEngine } from '../../engine/plant.ts';
import type { SensorChannel } from '../../physics/model.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { seededRng } from './rng.ts';

/** How to simulate the runs a dataset is built from. */
export interface SimRunOptions {
  readonly scenario: Scenario;
  readonly hours: number;
  /** Independent runs (scenario seed + r). Default 4. */
  readonly runs?: number;
  /** Base seed; default the scenario's. */
  readonly seed?: number;
  /** Seconds between recorded samples. Default 600 (10 min). */
  readonly sampleEveryS?: number;
  /** Engine base step: 60 s, the coarsest at which the models stay stable (engine/engine.ts ForkOptions). */
  readonly stepS?: number;
  /** Random faults injected per run at random times (for anomaly sets). Default 0. */
  readonly injectFaults?: number;
  /** Wear acceleration (rateMultiplier) of injected machine faults. Default 20. */
  readonly accelerate?: number;
}

/** A labelled event as recorded: failures, defects (detail = defect type), fault onsets, maintenance. */
export interface SimEvent {
  readonly type: 'failure' | 'defect' | 'fault_onset' | 'maintenance';
  readonly asset: string;
  readonly tS: number;
  readonly detail: string;
}

/** One recorded run. Matrices are row-major by sample. */
export interface SimRun {
  readonly run: number;
  readonly sensors: readonly SensorChannel[];
  readonly assets: readonly string[];
  /** Machine profile (type) of each machine asset. */
  readonly machineType: ReadonlyMap<string, string>;
  readonly samples: number;
  readonly tS: Float64Array;
  readonly timeMs: Float64Array;
  /** samples × sensors, forward-filled over missing samples. */
  readonly values: Float32Array;
  /** samples × assets: true RUL in hours (NaN for lines, Infinity before any wear mode is bounded). */
  readonly rulH: Float64Array;
  /** samples × assets: 1 while the asset has an active fault or is failed. */
  readonly faulty: Uint8Array;
  readonly events: readonly SimEvent[];
}

/** Typical parameters of each glass-line fault, from the incident library (scenarios/library/). */
export const LINE_FAULT_PARAMS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  burner_drift: { ratePerH: 30, maxC: 180 },
  pressure_oscillation: { amplitudeMPa: 12, periodS: 45 },
  mold_heater_failure: {},
  lehr_fan_failure: { extraCoolingCPerMin: 8 },
  belt_overspeed: { offsetMpm: 35 },
  batch_contamination: { severity: 2.5 },
};

/** Simulates `runs` runs of `hours` each and records them (deterministic in the options). */
export function recordSimRuns(o: SimRunOptions): SimRun[] {
  const runs = o.runs ?? 4;
  const out: SimRun[] = [];
  for (let r = 0; r < runs; r++) out.push(recordOne(o, r));
  return out;
}

function recordOne(o: SimRunOptions, run: number): SimRun {
  const seed = ((o.seed ?? o.scenario.seed) + run) >>> 0;
  const stepS = o.stepS ?? 60;
  const every = Math.max(1, Math.round((o.sampleEveryS ?? 600) / stepS));
  const engine = createEngine({ ...o.scenario, seed, stepS, durationS: Math.max(o.scenario.durationS, o.hours * 3600) });
  const sensors = engine.layout.sensors;
  const assets = engine.truth().assets;
  const machineType = new Map(o.scenario.machines.map((m) => [m.id, m.profile]));
  const samples = Math.floor((o.hours * 3600) / (stepS * every));
  const values = new Float32Array(samples * sensors.length);
  const rulH = new Float64Array(samples * assets.length);
  const faulty = new Uint8Array(samples * assets.length);
  const tS = new Float64Array(samples);
  const timeMs = new Float64Array(samples);
  const events: SimEvent[] = [];
  const failed: string[] = [];
  const sub = engine.events$.subscribe((e) => {
    if (e.type === 'failure') failed.push(e.asset);
    if (e.type === 'failure' || e.type === 'defect' || e.type === 'fault_onset' || e.type === 'maintenance') {
      const detail = e.type === 'defect' ? e.defect : e.type === 'failure' ? e.mode : e.type === 'fault_onset' ? e.fault : e.kind;
      events.push({ type: e.type, asset: e.asset, tS: e.tS, detail });
    }
  });
  const injections = plannedFaults(o, seed, engine.layout.models, samples * every);
  const last = Float32Array.from(engine.values);
  for (let s = 0; s < samples; s++) {
    for (let k = 0; k < every; k++) {
      for (const inj of injections) if (inj.tick === engine.tick) engine.apply({ kind: 'fault', target: inj.asset, type: inj.type, params: inj.params });
      engine.step(1);
      if (failed.length) for (const a of failed.splice(0)) engine.apply({ kind: 'maintenance', target: a }); // renewal: a new life
    }
    const v = engine.values;
    for (let j = 0; j < sensors.length; j++) if (!Number.isNaN(v[j]!)) last[j] = v[j]!;
    values.set(last, s * sensors.length);
    const truth = engine.truth();
    for (let a = 0; a < assets.length; a++) {
      rulH[s * assets.length + a] = truth.rulH[a]!;
      faulty[s * assets.length + a] = (truth.activeFaults[assets[a]!]?.length ?? 0) > 0 || truth.rulH[a] === 0 ? 1 : 0;
    }
    tS[s] = engine.tS;
    timeMs[s] = engine.startMs + engine.tS * 1000;
  }
  sub.unsubscribe();
  engine.dispose();
  return { run, sensors, assets, machineType, samples, tS, timeMs, values, rulH, faulty, events };
}

/** Random fault injections: asset, type and tick drawn from a seeded stream. */
function plannedFaults(o: SimRunOptions, seed: number, models: readonly { asset: string; kind: string; faultTypes: readonly string[] }[], ticks: number) {
  const rng = seededRng(seed, 'sim-dataset-faults');
  const planned: { tick: number; asset: string; type: string; params: Readonly<Record<string, number>> }[] = [];
  const candidates = models.filter((m) => m.faultTypes.some((t) => m.kind === 'machine' || t in LINE_FAULT_PARAMS));
  for (let i = 0; i < (o.injectFaults ?? 0) && candidates.length > 0; i++) {
    const m = candidates[Math.floor(rng.uniform() * candidates.length)]!;
    const types = m.kind === 'machine' ? m.faultTypes : m.faultTypes.filter((t) => t in LINE_FAULT_PARAMS);
    const type = types[Math.floor(rng.uniform() * types.length)]!;
    const params = m.kind === 'machine' ? { rateMultiplier: o.accelerate ?? 20 } : LINE_FAULT_PARAMS[type]!;
    // Inject in the middle half of the run, so there are normal windows before and labelled ones after.
    planned.push({ tick: 1 + Math.floor((0.25 + 0.5 * rng.uniform()) * ticks), asset: m.asset, type, params });
  }
  return planned;
}
