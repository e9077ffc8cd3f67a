import type { Rng } from '../physics/model.ts';
import { EngineError } from './commands.ts';
import { FLAG_FRESH, FLAG_MISSING } from './frame.ts';
import { FEATURE, SENSOR as SENSOR_OFFSETS, SENSOR_WORDS, type PlantLayout } from './layout.ts';
import type { EngineState } from './state.ts';

export { FLAG_FRESH, FLAG_MISSING };

// Local copies: the hot path below reads plain constants, not imported bindings (V8 reads an import
// through its module cell, with a TDZ check, on every use).
const SENSOR = SENSOR_OFFSETS;
const FRESH = FLAG_FRESH;
const FRESH_MISSING = FLAG_FRESH | FLAG_MISSING;
const NOISE = FEATURE.noise;
const DRIFT = FEATURE.drift;
const SPIKE = FEATURE.spike;
const QUANTIZE = FEATURE.quantize;
const FAULT = FEATURE.fault;
const DRIFT_OR_FAULT = DRIFT | FAULT;

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
  ONE_SENSOR[0] = k;
  ONE_VALUE[0] = trueValue;
  ONE_FEATURES[0] = L.sensorFeatures[k]! | FAULT; // no engine keeps track of its faults: read them
  ONE_RNG[0] = rng;
  sampleSensors(st, L, ONE_SENSOR, ONE_VALUE, ONE_FEATURES, ONE_STREAM, ONE_RNG, 1, ONE_ALERT);
  return ONE_ALERT[0]!;
}

const ONE_SENSOR = new Int32Array(1);
const ONE_VALUE = new Float64Array(1);
const ONE_FEATURES = new Uint8Array(1);
const ONE_STREAM = new Int32Array(1);
const ONE_RNG: Rng[] = [];
const ONE_ALERT = new Int8Array(1);

/**
 * Samples the sensors `ks[0 .. n)`, in that order, as `sampleSensor` does one by one: sample j has
 * the true value `trueValues[j]`, the FEATURE bits `features[j]` (its layout's, plus `fault` if the
 * sensor may have fault state, see `hasFaultState`) and draws from `rngs[streams[j]]` (its model's
 * sensor stream). Writes each sample's alert transition to `alerts[j]`; returns how many are non-zero.
 *
 * The engine's path, run ~160 times per simulated second in the reference plant: true values travel
 * in a Float64Array (V8 boxes a double argument of a call it does not inline), each sensor's
 * parameters are one packed block, the stages a sensor lacks are skipped, and the rare drift stage
 * is out of line so that V8 inlines the common random draws into this loop.
 */
export function sampleSensors(
  st: EngineState,
  L: PlantLayout,
  ks: Int32Array,
  trueValues: Float64Array,
  features: Uint8Array,
  streams: Int32Array,
  rngs: readonly Rng[],
  n: number,
  alerts: Int8Array,
): number {
  const p = L.sensorParams;
  let raised = 0;
  for (let j = 0; j < n; j++) {
    const k = ks[j]!;
    const rng = rngs[streams[j]!]!;
    const f = features[j]!;
    const b = k * SENSOR_WORDS;

    let v = trueValues[j]! + p[b + SENSOR.bias]!;
    if (f & DRIFT_OR_FAULT) {
      if (f & DRIFT || st.sfDriftPerS[k] !== 0) stepDrift(st, p, b, k, f, rng);
      v = v + st.sfBias[k]! + st.drift[k]!;
    }
    if (f & NOISE) v += p[b + SENSOR.std]! * rng.normal();
    if (f & SPIKE) {
      // One draw decides both whether and which way: given u < p, u < p/2 is a fair coin.
      const u = rng.uniform();
      const spikeP = p[b + SENSOR.spikeProb]!;
      if (u < spikeP) v += (u < 0.5 * spikeP ? -1 : 1) * p[b + SENSOR.spikeAbs]!;
    }
    // floor(x + 0.5) rather than Math.round: the same rounding (ties up), but V8 inlines floor to one
    // instruction while Math.round cost ~14 ns per sample here.
    if (f & QUANTIZE) v = Math.floor(v * p[b + SENSOR.invQuantum]! + 0.5) * p[b + SENSOR.quantum]!;
    let dropP = p[b + SENSOR.dropoutProb]!;
    if (f & FAULT) {
      const stuck = st.sfStuck[k]!;
      if (stuck === stuck) v = stuck; // not NaN: the sensor repeats its frozen reading
      dropP += st.sfDropout[k]!;
    }
    if (dropP > 0 && rng.uniform() < dropP) {
      st.values[k] = NaN;
      st.flags[k] = FRESH_MISSING;
      alerts[j] = 0; // a missing sample says nothing about status
      continue;
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

    // Alert hysteresis: raise on a rise above the last alert level, clear after enough OK samples.
    // (Inline rather than a helper: V8's inlining budget for this loop goes to the random draws.)
    let alert = 0;
    const level = st.alertLevel[k]!;
    if (status > level) {
      st.alertLevel[k] = status;
      st.okRun[k] = 0;
      alert = status;
    } else if (level > 0) {
      const run = status === 0 ? st.okRun[k]! + 1 : 0;
      if (run >= CLEAR_AFTER_OK_SAMPLES) {
        st.alertLevel[k] = 0;
        st.okRun[k] = 0;
        alert = -1;
      } else {
        st.okRun[k] = run;
      }
    }
    alerts[j] = alert;
    if (alert !== 0) raised++;
  }
  return raised;
}

/**
 * Whether sensor `k` may have fault state that sampling must read: an injected fault, or drift
 * (a random walk's, or left by an injected drift). Engines keep this as the `fault` feature bit.
 */
export function hasFaultState(st: EngineState, k: number): boolean {
  const stuck = st.sfStuck[k]!;
  return st.sfBias[k] !== 0 || st.sfDriftPerS[k] !== 0 || st.sfDropout[k] !== 0 || stuck === stuck || st.drift[k] !== 0;
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
