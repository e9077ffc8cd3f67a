import type { PlantLayout } from './layout.ts';
import { RNG_WORDS } from './rng.ts';

/** Slots of the engine's scalar bookkeeping, kept in a Float64Array so it snapshots like the rest. */
export const META = {
  tick: 0,
  eventSeq: 1,
  rawMaterialDev: 2,
  size: 4,
} as const;

/**
 * Every mutable value of a running plant, as typed arrays. Nothing else changes between ticks,
 * so a snapshot is these arrays and a fork is a copy of them.
 */
export interface EngineState {
  readonly meta: Float64Array;
  readonly model: Float64Array;
  readonly rng: Uint32Array;
  readonly spTarget: Float64Array;
  readonly spActual: Float64Array;
  /** Last measured value of each sensor (NaN when the last sample dropped out). */
  readonly values: Float64Array;
  readonly status: Uint8Array;
  readonly flags: Uint8Array;
  /** Sensor drift accumulated so far (random walk plus injected drift). */
  readonly drift: Float64Array;
  /** The alert level last raised per sensor, and consecutive OK samples since (hysteresis). */
  readonly alertLevel: Uint8Array;
  readonly okRun: Uint8Array;
  /** Injected sensor faults: bias, drift per second, dropout probability, stuck value (NaN = not stuck). */
  readonly sfBias: Float64Array;
  readonly sfDriftPerS: Float64Array;
  readonly sfDropout: Float64Array;
  readonly sfStuck: Float64Array;
}

export type StateArrayName = keyof EngineState;
export const STATE_ARRAY_NAMES: readonly StateArrayName[] = [
  'meta',
  'model',
  'rng',
  'spTarget',
  'spActual',
  'values',
  'status',
  'flags',
  'drift',
  'alertLevel',
  'okRun',
  'sfBias',
  'sfDriftPerS',
  'sfDropout',
  'sfStuck',
];

/** The arrays with one entry per setpoint (indexed like `PlantLayout.setpoints`). */
export const PER_SETPOINT_ARRAYS = ['spTarget', 'spActual'] as const satisfies readonly StateArrayName[];
/** The arrays with one entry per sensor (indexed like `PlantLayout.sensors`). */
export const PER_SENSOR_ARRAYS = ['values', 'status', 'flags', 'drift', 'alertLevel', 'okRun', 'sfBias', 'sfDriftPerS', 'sfDropout', 'sfStuck'] as const satisfies readonly StateArrayName[];

/** Random streams of asset i: its physics stream is `STREAMS_PER_ASSET * i`, its sensor stream the next one. */
export const STREAMS_PER_ASSET = 2;

/** The environment's stream comes after every asset's. */
export function environmentStream(layout: PlantLayout): number {
  return layout.models.length * STREAMS_PER_ASSET;
}

/** Random streams: one physics and one sensor stream per asset, then the environment's. */
export function rngStreamCount(layout: PlantLayout): number {
  return environmentStream(layout) + 1;
}

export function allocateState(layout: PlantLayout): EngineState {
  const nS = layout.sensors.length;
  const nSp = layout.setpoints.length;
  const sfStuck = new Float64Array(nS).fill(NaN);
  const values = new Float64Array(nS).fill(NaN);
  return {
    meta: new Float64Array(META.size),
    model: new Float64Array(layout.stateSize),
    rng: new Uint32Array(rngStreamCount(layout) * RNG_WORDS),
    spTarget: new Float64Array(nSp),
    spActual: new Float64Array(nSp),
    values,
    status: new Uint8Array(nS),
    flags: new Uint8Array(nS),
    drift: new Float64Array(nS),
    alertLevel: new Uint8Array(nS),
    okRun: new Uint8Array(nS),
    sfBias: new Float64Array(nS),
    sfDriftPerS: new Float64Array(nS),
    sfDropout: new Float64Array(nS),
    sfStuck,
  };
}

/**
 * A deep copy: shares no buffer with its source. One object literal in allocateState's property
 * order, so a fork's state has the same hidden class as a new engine's and the sampling hot path,
 * which reads these arrays for every sample, stays monomorphic when both run in one process.
 */
export function cloneState(s: EngineState): EngineState {
  return {
    meta: s.meta.slice(),
    model: s.model.slice(),
    rng: s.rng.slice(),
    spTarget: s.spTarget.slice(),
    spActual: s.spActual.slice(),
    values: s.values.slice(),
    status: s.status.slice(),
    flags: s.flags.slice(),
    drift: s.drift.slice(),
    alertLevel: s.alertLevel.slice(),
    okRun: s.okRun.slice(),
    sfBias: s.sfBias.slice(),
    sfDriftPerS: s.sfDriftPerS.slice(),
    sfDropout: s.sfDropout.slice(),
    sfStuck: s.sfStuck.slice(),
  };
}

/** Copies `src` into `dst` in place (same layout). */
export function copyStateInto(dst: EngineState, src: EngineState): void {
  for (const name of STATE_ARRAY_NAMES) (dst[name] as Float64Array).set(src[name] as Float64Array);
}
