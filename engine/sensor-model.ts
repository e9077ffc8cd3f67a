import type { Rng } from '../physics/model.ts';
import { EngineError } from './commands.ts';
import { FLAG_FRESH, FLAG_MISSING } from './frame.ts';

// Local copies: the hot path below reads plain constants, not imported bindings.
const FRESH = FLAG_FRESH;
const FRESH_MISSING = FLAG_FRESH | FLAG_MISSING;
import type { PlantLayout } from './layout.ts';
import type { EngineState } from './state.ts';

export { FLAG_FRESH, FLAG_MISSING };

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
  let drift = st.drift[k]!;
  const driftStep = L.noiseDriftStep[k]!;
  if (driftStep > 0) drift += driftStep * rng.normal();
  const sfDrift = st.sfDriftPerS[k]!;
  if (sfDrift !== 0) drift += sfDrift * (L.periodS[k]! || L.stepS);
  st.drift[k] = drift;

  let v = trueValue + L.noiseBias[k]! + st.sfBias[k]! + drift;
  const std = L.noiseStd[k]!;
  if (std > 0) v += std * rng.normal();
  const spikeP = L.noiseSpikeProb[k]!;
  if (spikeP > 0 && rng.uniform() < spikeP) v += (rng.uniform() < 0.5 ? -1 : 1) * L.noiseSpikeAbs[k]!;
  const q = L.noiseQuantum[k]!;
  if (q > 0) v = Math.round(v / q) * q;
  const stuck = st.sfStuck[k]!;
  if (stuck === stuck) v = stuck; // not NaN: the sensor repeats its frozen reading
  const dropP = L.noiseDropout[k]! + st.sfDropout[k]!;
  if (dropP > 0 && rng.uniform() < dropP) {
    st.values[k] = NaN;
    st.flags[k] = FRESH_MISSING;
    return 0; // a missing sample says nothing about status
  }
  st.values[k] = v;
  st.flags[k] = FRESH;

  let status = 0;
  if (v < L.limLo[0][k]! || v > L.limHi[0][k]!) {
    status = 1;
    if (v < L.limLo[1][k]! || v > L.limHi[1][k]!) {
      status = 2;
      if (v < L.limLo[2][k]! || v > L.limHi[2][k]!) status = 3;
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
