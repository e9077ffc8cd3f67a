import type { Rng } from '../physics/model.ts';
import { EngineError } from './commands.ts';
import { FLAG_FRESH, FLAG_MISSING } from './frame.ts';
import { FEATURE, SENSOR, SENSOR_WORDS, type PlantLayout } from './layout.ts';
import type { EngineState } from './state.ts';

export { FLAG_FRESH, FLAG_MISSING };

// Local copies: the hot path below reads plain constants, not imported bindings.
const FRESH = FLAG_FRESH;
const FRESH_MISSING = FLAG_FRESH | FLAG_MISSING;
const NOISE = FEATURE.noise;
const DRIFT = FEATURE.drift;
const SPIKE = FEATURE.spike;
const QUANTIZE = FEATURE.quantize;

export const SENSOR_FAULT_TYPES = ['sensor_stuck', 'sensor_drift', 'sensor_bias', 'sensor_dropout', 'sensor_repair'] as const;

/** Consecutive OK samples needed before an alert clears (hysteresis against chatter). */
export const CLEAR_AFTER_OK_SAMPLES = 3;

/**
 * Turns a true value into a measurement: drift (random walk plus injected drift), bias, Gaussian
 * noise, spikes, quantization, dropouts and stuck-at, then classifies it against the status limits.
 * Writes values/status/flags in place. Returns the alert transition: the new status if it rose
 * above the last alert level, −1 if the sensor has been OK long enough to clear, 0 otherwise.
 */
export function sampleSensor(st: EngineState, L: PlantLayout, k: number, trueValue: number, rng: Rng): number {
  ONE_VALUE[0] = trueValue;
  return measure(st, L, k, ONE_VALUE, 0, rng);
}

const ONE_VALUE = new Float64Array(1);

/**
 * Samples the sensors `ks[0 .. n)` whose true values are `trueValues[0 .. n)`, in that order, each
 * with its model's sensor stream `rngs[L.sensorModel[k]]`, as `sampleSensor` does one by one. Writes
 * each sample's alert transition to `alerts[j]`; returns how many are non-zero.
 *
 * The engine's path: the true values travel in a Float64Array rather than as arguments, which V8
 * would box into a heap number per sample when the call is not inlined.
 */
export function sampleSensors(
  st: EngineState,
  L: PlantLayout,
  ks: Int32Array,
  trueValues: Float64Array,
  n: number,
  rngs: readonly Rng[],
  alerts: Int8Array,
): number {
  const sensorModel = L.sensorModel;
  let raised = 0;
  for (let j = 0; j < n; j++) {
    const k = ks[j]!;
    const alert = measure(st, L, k, trueValues, j, rngs[sensorModel[k]!]!);
    alerts[j] = alert;
    if (alert !== 0) raised++;
  }
  return raised;
}

/**
 * One sample of sensor `k` from the true value `trueValues[j]`. It runs ~160 times per simulated
 * second in the reference plant, so it reads the sensor's packed parameter block, skips the noise
 * stages the sensor does not have, and keeps rarely used stages (drift) out of line so that V8
 * inlines the random draws of the common ones.
 */
function measure(st: EngineState, L: PlantLayout, k: number, trueValues: Float64Array, j: number, rng: Rng): number {
  const p = L.sensorParams;
  const b = k * SENSOR_WORDS;
  const features = L.sensorFeatures[k]!;

  if (features & DRIFT || st.sfDriftPerS[k] !== 0) stepDrift(st, p, b, k, features, rng);
  let v = trueValues[j]! + p[b + SENSOR.bias]! + st.sfBias[k]! + st.drift[k]!;
  if (features & NOISE) v += p[b + SENSOR.std]! * rng.normal();
  if (features & SPIKE) {
    // One draw decides both whether and which way: given u < p, u < p/2 is a fair coin.
    const u = rng.uniform();
    const spikeP = p[b + SENSOR.spikeProb]!;
    if (u < spikeP) v += (u < 0.5 * spikeP ? -1 : 1) * p[b + SENSOR.spikeAbs]!;
  }
  // floor(x + 0.5) rather than Math.round: the same rounding (ties up), but V8 inlines floor to one
  // instruction while Math.round cost ~14 ns per sample here.
  if (features & QUANTIZE) v = Math.floor(v * p[b + SENSOR.invQuantum]! + 0.5) * p[b + SENSOR.quantum]!;
  const stuck = st.sfStuck[k]!;
  if (stuck === stuck) v = stuck; // not NaN: the sensor repeats its frozen reading
  const dropP = p[b + SENSOR.dropoutProb]! + st.sfDropout[k]!;
  if (dropP > 0 && rng.uniform() < dropP) {
    st.values[k] = NaN;
    st.flags[k] = FRESH_MISSING;
    return 0; // a missing sample says nothing about status
  }
  st.values[k] = v;
  st.flags[k] = FRESH;

  let status = 0;
  if (v < p[b + SENSOR.warnLo]! || v > p[b + SENSOR.warnHi]!) {
    status = 1;
    if (v < p[b + SENSOR.errorLo]! || v > p[b + SENSOR.errorHi]!) {
      status = 2;
      if (v < p[b + SENSOR.critLo]! || v > p[b + SENSOR.critHi]!) status = 3;
    }
  }
  st.status[k] = status;

  const level = st.alertLevel[k]!;
  if (status > level) {
    st.alertLevel[k] = status;
    st.okRun[k] = 0;
    return status;
  }
  if (level > 0) {
    if (status === 0) {
      const run = st.okRun[k]! + 1;
      if (run >= CLEAR_AFTER_OK_SAMPLES) {
        st.alertLevel[k] = 0;
        st.okRun[k] = 0;
        return -1;
      }
      st.okRun[k] = run;
    } else {
      st.okRun[k] = 0;
    }
  }
  return 0;
}

/** Advances the drift of sensor `k` by one sample: its random walk plus any injected drift. */
function stepDrift(st: EngineState, p: Float64Array, b: number, k: number, features: number, rng: Rng): void {
  let drift = st.drift[k]!;
  if (features & DRIFT) drift += p[b + SENSOR.driftStep]! * rng.normal();
  drift += st.sfDriftPerS[k]! * p[b + SENSOR.driftDtS]!;
  st.drift[k] = drift;
}

function param(params: Readonly<Record<string, number>>, name: string, type: string): number {
  const v = params[name];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new EngineError('BAD_FAULT', `${type} needs a finite number "${name}"`);
  }
  return v;
}

/** Puts an instrument fault on sensor `k` (or repairs it). */
export function applySensorFault(st: EngineState, k: number, type: string, params: Readonly<Record<string, number>>): void {
  switch (type) {
    case 'sensor_stuck':
      st.sfStuck[k] = Number.isNaN(st.values[k]!) ? (params['value'] ?? 0) : st.values[k]!;
      break;
    case 'sensor_drift':
      st.sfDriftPerS[k] = param(params, 'ratePerH', type) / 3600;
      break;
    case 'sensor_bias':
      st.sfBias[k] = param(params, 'offset', type);
      break;
    case 'sensor_dropout': {
      const p = param(params, 'prob', type);
      if (p < 0 || p > 1) throw new EngineError('BAD_FAULT', `sensor_dropout "prob" must be within 0..1, got ${p}`);
      st.sfDropout[k] = p;
      break;
    }
    case 'sensor_repair':
      st.sfStuck[k] = NaN;
      st.sfDriftPerS[k] = 0;
      st.sfBias[k] = 0;
      st.sfDropout[k] = 0;
      st.drift[k] = 0;
      break;
    default:
      throw new EngineError('BAD_FAULT', `unknown sensor fault "${type}"`);
  }
}
