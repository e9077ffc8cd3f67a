/**
 * The fused loop's proof of sameness: it runs beside the engine from the same t = 0 state and, after
 * the same simulated time, every word the two share must agree: model state, random-stream words,
 * setpoints, and the sensors' measured values, status, flags, drift and alert state.
 */
import type { TwinEngine } from '../../engine/engine.ts';
import { createEngine } from '../../engine/plant.ts';
import { META, type EngineState } from '../../engine/state.ts';
import type { Scenario } from '../../engine/scenario.ts';
import { FusedPlant } from './fused-plant.ts';

/** Largest relative difference the check accepts (where floating-point order may differ). */
export const FUSED_REL_TOLERANCE = 1e-9;

export interface FusedCheck {
  readonly ticks: number;
  readonly wordsCompared: number;
  /** Words that differ at all, and the largest relative difference |a − b| / max(|a|, |b|). */
  readonly wordsDiffering: number;
  readonly maxRelDiff: number;
  /** Where the largest difference is, e.g. "model[Line_A+12]" or "values[pump_001.flow_m3h]". */
  readonly worst: string;
}

/** A fused plant at the engine's current state (t = 0 for a fresh engine): its arrays copied. */
export function fusedPlantOf(engine: TwinEngine): FusedPlant {
  return new FusedPlant(engine.scenario, engine.layout, engine.snapshot().state);
}

/** Runs the engine and a fused plant from the same start for `simS` and compares their states. */
export function checkFusedPlant(scenario: Scenario, simS: number): FusedCheck & { readonly unitsProduced: number } {
  const engine = createEngine(scenario);
  const fused = fusedPlantOf(engine);
  const ticks = Math.round(simS / scenario.stepS);
  engine.step(ticks);
  fused.run(ticks);
  let units = 0;
  for (const u of fused.unitsProduced) units += u;
  return { ...compareStates(engine, fused), unitsProduced: units };
}

/** Compares the engine's state with the fused plant's, word for word. */
export function compareStates(engine: TwinEngine, fused: FusedPlant): FusedCheck {
  const a = engine.snapshot().state;
  const b = fused.st;
  const L = engine.layout;
  const ticks = fused.tick;
  const modelWord = (w: number): string => {
    let i = 0;
    while (i + 1 < L.stateOff.length && L.stateOff[i + 1]! <= w) i++;
    return `${L.models[i]!.asset}+${w - L.stateOff[i]!}`;
  };
  let words = 0;
  let differing = 0;
  let maxRel = 0;
  let worst = '';
  const compare = (name: keyof EngineState, label: (i: number) => string, only?: readonly number[]): void => {
    const x = a[name];
    const y = b[name];
    const idx = only ?? Array.from({ length: x.length }, (_, i) => i);
    for (const i of idx) {
      words++;
      const u = x[i]!;
      const v = y[i]!;
      if (u === v || (Number.isNaN(u) && Number.isNaN(v))) continue;
      differing++;
      const rel = Number.isNaN(u) || Number.isNaN(v) ? Infinity : Math.abs(u - v) / Math.max(Math.abs(u), Math.abs(v));
      if (rel > maxRel || worst === '') {
        maxRel = Math.max(maxRel, rel);
        worst = `${name}[${label(i)}] engine ${u} fused ${v}`;
      }
    }
  };
  const sensor = (k: number): string => L.sensors[k]!.id;
  compare('model', modelWord);
  compare('rng', (i) => `word ${i}`);
  compare('spActual', (j) => L.setpoints[j]!.id);
  for (const name of ['values', 'status', 'flags', 'drift', 'alertLevel', 'okRun'] as const) compare(name, sensor);
  compare('meta', (i) => (i === META.tick ? 'tick' : 'rawMaterialDev'), [META.tick, META.rawMaterialDev]);
  if (engine.tick !== fused.tick) {
    differing++;
    maxRel = Infinity;
    worst = `tick: engine ${engine.tick}, fused ${fused.tick}`;
  }
  return { ticks, wordsCompared: words, wordsDiffering: differing, maxRelDiff: maxRel, worst };
}
