/**
 * Fault episodes for the knowledge benchmark, run on the engine: each a random fault (kind, line,
 * onset, magnitude) on one glass line of the reference plant, or a failure mode on one machine,
 * sometimes with a second concurrent fault, sensor dropouts, or a sensor fault that mimics a process
 * fault. The symptom is found from what an operator would see (a defect burst, a sensor past its
 * warning limit, a machine near failure), and the truth from the simulator's ground truth (the true
 * causes of the burst's defects, the injected sensor fault, the developing mode).
 */
import { createEngine } from '../engine/plant.ts';
import type { TwinEngine } from '../engine/engine.ts';
import { createRng, type StreamRng } from '../engine/rng.ts';
import type { Scenario } from '../engine/scenario.ts';
import { subScenario } from '../lookahead/sub-plant.ts';
import type { CausalGraph } from '../knowledge/causal-graph.ts';
import { EngineRecording } from '../knowledge/engine-recording.ts';
import type { SensorBins } from '../knowledge/series.ts';
import type { RcaSymptom } from '../knowledge/rca.ts';
import { BURST_WINDOW_S, findDefectBurst } from '../knowledge/defect-burst.ts';
import { majorityCause } from '../knowledge/simulator-causes.ts';

export const BIN_S = 60;
/** Every line episode forks a base run warmed up this long (its normal period). */
export const WARM_S = 6 * 3600;
const MAX_AFTER_ONSET_S = 4 * 3600;

const PROCESS_FAULTS = ['burner_drift_hot', 'burner_drift_cold', 'pressure_oscillation', 'mold_heater_failure', 'lehr_fan_failure', 'belt_overspeed', 'batch_contamination'] as const;
type ProcessFault = (typeof PROCESS_FAULTS)[number];
/** The variable each injected fault acts on (for sensor symptoms of a real process fault). */
const FAULT_VARIABLE: Readonly<Record<ProcessFault, string>> = {
  burner_drift_hot: 'furnace_temp',
  burner_drift_cold: 'furnace_temp',
  pressure_oscillation: 'pressure_variation',
  mold_heater_failure: 'mold_temp',
  lehr_fan_failure: 'cooling_rate',
  belt_overspeed: 'belt_speed',
  batch_contamination: 'raw_material',
};

export type EpisodeKind = 'defect' | 'defect_concurrent' | 'process_alert' | 'instrument_alert' | 'machine';

export interface Episode {
  readonly seed: number;
  readonly kind: EpisodeKind;
  readonly asset: string;
  readonly description: string;
  readonly symptom: RcaSymptom | { readonly kind: 'machine'; readonly asset: string };
  readonly atS: number;
  /** `variable:<asset>.<name>`, `instrument:<sensor>`, `none`, or `failure:<machine>.<mode>`. */
  readonly truth: string;
  readonly bins: ReadonlyMap<string, SensorBins>;
}

const pick = <T,>(rng: StreamRng, xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length) % xs.length]!;
const between = (rng: StreamRng, lo: number, hi: number) => lo + (hi - lo) * rng.uniform();

function faultOf(kind: ProcessFault, line: string, atS: number, rng: StreamRng): Scenario['faults'][number] {
  switch (kind) {
    case 'burner_drift_hot':
      return { atS, target: line, type: 'burner_drift', params: { ratePerH: between(rng, 30, 90), maxC: between(rng, 120, 200) } };
    case 'burner_drift_cold':
      return { atS, target: line, type: 'burner_drift', params: { ratePerH: -between(rng, 30, 90), maxC: between(rng, 80, 150) } };
    case 'pressure_oscillation':
      return { atS, target: line, type: 'pressure_oscillation', params: { amplitudeMPa: between(rng, 6, 14), periodS: between(rng, 4, 20) } };
    case 'mold_heater_failure':
      return { atS, target: line, type: 'mold_heater_failure', params: {} };
    case 'lehr_fan_failure':
      return { atS, target: line, type: 'lehr_fan_failure', params: { extraCoolingCPerMin: between(rng, 3.5, 7) } };
    case 'belt_overspeed':
      return { atS, target: line, type: 'belt_overspeed', params: { offsetMpm: between(rng, 33, 50) } };
    case 'batch_contamination':
      return { atS, target: line, type: 'batch_contamination', params: { severity: between(rng, 2.5, 5) } };
  }
}

/** Sensors whose fault would pass for a process change: a reading past its warning limit. */
const MIMIC_SENSORS = ['furnace.zone2_temp', 'furnace.crown_temp', 'forming.belt_speed', 'forming.mold_temp', 'annealing.cooling_rate', 'forming.gob_temp'] as const;

/** Base runs of each line in normal operation, forked by the episodes (their shared normal period). */
export class LineBases {
  private readonly bases = new Map<string, { engine: TwinEngine; rec: EngineRecording }>();
  constructor(
    private readonly plant: Scenario,
    private readonly baseSeeds: readonly number[],
    /** The plant's causal graph: which sensors read the variable a fault acts on. */
    readonly graph: CausalGraph,
  ) {}

  get(line: string, seed: number): { engine: TwinEngine; rec: EngineRecording } {
    const key = `${line}:${seed}`;
    let b = this.bases.get(key);
    if (!b) {
      const engine = createEngine({ ...subScenario(this.plant, new Set([line])), faults: [], actions: [], seed, durationS: WARM_S + MAX_AFTER_ONSET_S + 3600 });
      const rec = new EngineRecording(engine, WARM_S + MAX_AFTER_ONSET_S + 3600, BIN_S);
      engine.runUntil(WARM_S);
      b = { engine, rec };
      this.bases.set(key, b);
    }
    return b;
  }

  lines(): string[] {
    return this.plant.lines.map((l) => l.id);
  }

  baseSeed(rng: StreamRng): number {
    return pick(rng, this.baseSeeds);
  }
}

/** First time a sensor's 1-minute mean is past its warning limit in `direction` (from `fromS`). */
function firstPast(engine: TwinEngine, rec: EngineRecording, sensorId: string, fromS: number): { atS: number; direction: 'above' | 'below' } | null {
  const k = engine.layout.sensorIndex.get(sensorId)!;
  const [lo, hi] = engine.layout.sensors[k]!.limits.warning;
  const b = rec.binsOf(k);
  for (let i = Math.floor(fromS / BIN_S); i < b.values.length; i++) {
    const v = b.values[i]!;
    if (!Number.isFinite(v)) continue;
    if (hi !== null && v > hi) return { atS: (i + 1) * BIN_S, direction: 'above' };
    if (lo !== null && v < lo) return { atS: (i + 1) * BIN_S, direction: 'below' };
  }
  return null;
}

/** One line episode of the given seed, or null when no symptom showed (it is counted, not scored). */
export function lineEpisode(bases: LineBases, seed: number, kind: Exclude<EpisodeKind, 'machine'>): Episode | null {
  const rng = createRng(seed, `knowledge-episode:${kind}`);
  const line = pick(rng, bases.lines());
  const base = bases.get(line, bases.baseSeed(rng));
  const onsetS = WARM_S + between(rng, 10 * 60, 60 * 60);
  const faults: Scenario['faults'][number][] = [];
  const sensorOf = (name: string) => `${line}.${name}`;
  let main: ProcessFault | null = null;
  let mimic: string | null = null;
  if (kind === 'instrument_alert') {
    mimic = sensorOf(pick(rng, MIMIC_SENSORS));
    const k = base.engine.layout.sensorIndex.get(mimic);
    if (k === undefined) return null;
    const c = base.engine.layout.sensors[k]!;
    const [lo, hi] = c.limits.warning;
    const now = base.engine.values[k]!;
    const up = hi !== null && (lo === null || rng.uniform() < 0.5);
    const gap = up ? hi! - now : now - lo!;
    const offset = (up ? 1 : -1) * gap * between(rng, 1.1, 1.6);
    faults.push(rng.uniform() < 0.5 ? { atS: onsetS, target: mimic, type: 'sensor_bias', params: { offset } } : { atS: onsetS, target: mimic, type: 'sensor_drift', params: { ratePerH: offset / between(rng, 0.5, 2) } });
  } else {
    main = pick(rng, PROCESS_FAULTS);
    faults.push(faultOf(main, line, onsetS, rng));
    if (kind === 'defect_concurrent') {
      const other = pick(rng, PROCESS_FAULTS.filter((f) => f !== main && FAULT_VARIABLE[f] !== FAULT_VARIABLE[main!]));
      faults.push(faultOf(other, line, onsetS + between(rng, -1800, 1800), rng));
    }
  }
  // Sensor trouble that is not the fault: a dropout on one or two instruments, half the time.
  const dropouts = rng.uniform() < 0.5 ? 1 + Math.floor(rng.uniform() * 2) : 0;
  const lineSensors = base.engine.layout.sensors.filter((s) => s.asset === line && s.period.kind === 'periodic');
  for (let i = 0; i < dropouts; i++) faults.push({ atS: WARM_S + 60, target: pick(rng, lineSensors).id, type: 'sensor_dropout', params: { prob: between(rng, 0.05, 0.3) } });

  const scenario: Scenario = { ...base.engine.scenario, faults: [...base.engine.scenario.faults, ...faults].sort((a, b) => a.atS - b.atS) };
  const engine = base.engine.fork({ scenario, seed });
  const rec = new EngineRecording(engine, WARM_S + MAX_AFTER_ONSET_S + 3600, BIN_S, base.rec);
  const endS = onsetS + MAX_AFTER_ONSET_S;
  const describe = faults.filter((f) => f.type !== 'sensor_dropout').map((f) => `${f.type}@${Math.round(f.atS)}s ${f.target} ${JSON.stringify(f.params)}`).join(' + ');
  let result: Episode | null = null;
  if (kind === 'defect' || kind === 'defect_concurrent') {
    for (let t = onsetS; t < endS && !result; t += 600) {
      engine.runUntil(Math.min(endS, t + 600));
      const burst = findDefectBurst(rec.defects, onsetS);
      if (burst) {
        const truth = majorityCause(rec.defects, burst.type, burst.atS - BURST_WINDOW_S, burst.atS, line);
        result = { seed, kind, asset: line, description: describe, symptom: { kind: 'defect', asset: line, defect: burst.type }, atS: burst.atS, truth, bins: rec.bins() };
      }
    }
  } else {
    const watch = mimic ? [mimic] : bases.graph.sensorsOf(`variable:${line}.${FAULT_VARIABLE[main!]}`).map((m) => m.sensor);
    for (let t = onsetS; t < endS && !result; t += 600) {
      engine.runUntil(Math.min(endS, t + 600));
      const hits = watch.map((id) => ({ id, hit: firstPast(engine, rec, id, onsetS) })).filter((h) => h.hit !== null).sort((a, b) => a.hit!.atS - b.hit!.atS);
      const first = hits[0];
      if (first) {
        const truth = mimic ? `instrument:${mimic}` : `variable:${line}.${FAULT_VARIABLE[main!]}`;
        result = { seed, kind, asset: line, description: describe, symptom: { kind: 'sensor', sensorId: first.id, direction: first.hit!.direction }, atS: first.hit!.atS, truth, bins: rec.bins() };
      }
    }
  }
  engine.dispose();
  return result;
}

/** A machine episode: one failure mode accelerated on one machine; the symptom when its true RUL has fallen to 30-60 % of what it was at onset. */
export function machineEpisode(plant: Scenario, machines: readonly { id: string; modes: readonly string[] }[], seed: number): Episode | null {
  const rng = createRng(seed, 'knowledge-episode:machine');
  const m = pick(rng, machines);
  const mode = pick(rng, m.modes);
  const onsetS = 4 * 3600;
  const scenario: Scenario = { ...subScenario(plant, new Set([m.id])), faults: [], actions: [], seed, durationS: 72 * 3600 };
  const engine = createEngine(scenario);
  const rec = new EngineRecording(engine, 72 * 3600, BIN_S);
  engine.runUntil(onsetS);
  engine.apply({ kind: 'fault', target: m.id, type: mode, params: { rateMultiplier: Math.round(between(rng, 150, 600)) } });
  let rulAtOnset = NaN;
  const frac = between(rng, 0.3, 0.6);
  let atS: number | null = null;
  for (let t = onsetS; t < 70 * 3600 && atS === null; t += 600) {
    engine.runUntil(t + 600);
    const truth = engine.truth();
    const rul = truth.rulH[0]!;
    if (!Number.isFinite(rulAtOnset)) rulAtOnset = rul;
    if (rul <= frac * rulAtOnset && engine.tS >= onsetS + 3600) atS = engine.tS;
  }
  const bins = rec.bins();
  engine.dispose();
  if (atS === null) return null;
  return { seed, kind: 'machine', asset: m.id, description: `${mode} ×accelerated on ${m.id}`, symptom: { kind: 'machine', asset: m.id }, atS, truth: `failure:${m.id}.${mode}`, bins };
}
