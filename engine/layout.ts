import type { AssetModel, SensorChannel, SetpointSpec } from '../physics/model.ts';
import { fnv1a32 } from './rng.ts';

/**
 * The immutable shape of a plant: where each model's state lives, the global sensor and setpoint
 * tables, and the sampling schedule. Built once; shared (read-only) by an engine and all its forks.
 */
export interface PlantLayout {
  readonly stepS: number;
  readonly models: readonly AssetModel[];
  /** Offset of each model's state in the model state array. */
  readonly stateOff: Int32Array;
  readonly stateSize: number;
  /** Offset of each model's first setpoint in the setpoint arrays. */
  readonly spOff: Int32Array;
  readonly setpoints: readonly SetpointSpec[];
  readonly setpointIndex: ReadonlyMap<string, number>;
  readonly sensors: readonly SensorChannel[];
  readonly sensorIndex: ReadonlyMap<string, number>;
  /** For each sensor: its model and its index within that model. */
  readonly sensorModel: Int32Array;
  readonly sensorLocal: Int32Array;
  /** Periodic sensors grouped by period in ticks. */
  readonly periodGroups: readonly { readonly periodTicks: number; readonly sensors: Int32Array }[];
  /** Per model: its per-unit sensors (sampled when the model reports a produced unit). */
  readonly perUnit: readonly Int32Array[];
  readonly assetIndex: ReadonlyMap<string, number>;
  /**
   * Each sensor's noise and limit parameters, packed: sensor k's block is
   * `sensorParams[k * SENSOR_WORDS + SENSOR.*]`, so one sample reads one or two cache lines.
   */
  readonly sensorParams: Float64Array;
  /** Per sensor, which noise stages it has (FEATURE bits), so a sample skips the others. */
  readonly sensorFeatures: Uint8Array;
  /** Hash of everything a snapshot depends on, to refuse restoring into a different plant. */
  readonly fingerprint: string;
}

/**
 * Words of one sensor's block in `PlantLayout.sensorParams`. The first eight are what every sample
 * reads (one 64-byte cache line when the block is so aligned); the rest serve rarer paths.
 */
export const SENSOR = {
  /** Gaussian noise std, constant bias, quantization step and its inverse (0 when none). */
  std: 0,
  bias: 1,
  invQuantum: 2,
  quantum: 3,
  dropoutProb: 4,
  spikeProb: 5,
  /** Status limits: lo/hi per level (warning, error, critical); ±Infinity when unbounded. */
  warnLo: 6,
  warnHi: 7,
  errorLo: 8,
  errorHi: 9,
  critLo: 10,
  critHi: 11,
  /** Spike height in the sensor's unit (spikeMag × normal span). */
  spikeAbs: 12,
  /** Drift random-walk step per sample (driftPerSqrtH × sqrt(period in hours)). */
  driftStep: 13,
  /** Seconds between samples, for injected drift (per-unit sensors: one base step). */
  driftDtS: 14,
} as const;
/** Stride of `sensorParams` (15 words rounded up to 128 bytes, two cache lines). */
export const SENSOR_WORDS = 16;

/**
 * Bits of `PlantLayout.sensorFeatures`: the noise stages a sensor has. `fault` is never set in the
 * layout: an engine sets it on its own copy while a sensor has an injected fault or carries drift,
 * so that sampling reads the fault words only then.
 */
export const FEATURE = { noise: 1, drift: 2, spike: 4, quantize: 8, dropout: 16, fault: 32 } as const;

function lo(b: readonly [number | null, number | null]): number {
  return b[0] ?? -Infinity;
}
function hi(b: readonly [number | null, number | null]): number {
  return b[1] ?? Infinity;
}

export function buildLayout(models: readonly AssetModel[], stepS: number): PlantLayout {
  if (!(stepS > 0)) throw new Error(`stepS must be positive, got ${stepS}`);
  const assetIndex = new Map<string, number>();
  const stateOff = new Int32Array(models.length);
  const spOff = new Int32Array(models.length);
  const setpoints: SetpointSpec[] = [];
  const sensors: SensorChannel[] = [];
  const sensorModelList: number[] = [];
  const sensorLocalList: number[] = [];
  let stateSize = 0;
  models.forEach((m, i) => {
    if (assetIndex.has(m.asset)) throw new Error(`duplicate asset id "${m.asset}"`);
    assetIndex.set(m.asset, i);
    stateOff[i] = stateSize;
    stateSize += m.stateSize;
    spOff[i] = setpoints.length;
    setpoints.push(...m.setpoints);
    m.sensors.forEach((s, k) => {
      sensors.push(s);
      sensorModelList.push(i);
      sensorLocalList.push(k);
    });
  });
  const setpointIndex = new Map(setpoints.map((s, i) => [s.id, i] as const));
  if (setpointIndex.size !== setpoints.length) throw new Error('duplicate setpoint id');
  const sensorIndex = new Map(sensors.map((s, i) => [s.id, i] as const));
  if (sensorIndex.size !== sensors.length) throw new Error('duplicate sensor id');

  const n = sensors.length;
  const groups = new Map<number, number[]>();
  const perUnit: number[][] = models.map(() => []);
  const periodS = new Float64Array(n);
  sensors.forEach((s, k) => {
    if (s.period.kind === 'per_unit') {
      perUnit[sensorModelList[k]!]!.push(k);
      return;
    }
    const ticks = Math.max(1, Math.round(s.period.periodS / stepS));
    periodS[k] = ticks * stepS;
    const g = groups.get(ticks) ?? [];
    g.push(k);
    groups.set(ticks, g);
  });

  const params = new Float64Array(n * SENSOR_WORDS);
  const features = new Uint8Array(n);
  sensors.forEach((s, k) => {
    const p = k * SENSOR_WORDS;
    const { warning, error, critical } = s.limits;
    const span = Number.isFinite(hi(warning) - lo(warning))
      ? hi(warning) - lo(warning)
      : Math.max(1, Math.abs(hi(warning)) || Math.abs(lo(warning)) || 1);
    const quantum = s.noise.quantum ?? 0;
    const periodH = (periodS[k] || 4) / 3600;
    params[p + SENSOR.std] = s.noise.std;
    params[p + SENSOR.bias] = s.noise.bias ?? 0;
    params[p + SENSOR.quantum] = quantum;
    params[p + SENSOR.invQuantum] = quantum > 0 ? 1 / quantum : 0;
    params[p + SENSOR.dropoutProb] = s.noise.dropoutProb ?? 0;
    params[p + SENSOR.spikeProb] = s.noise.spikeProb ?? 0;
    params[p + SENSOR.spikeAbs] = (s.noise.spikeMag ?? 0.5) * span;
    params[p + SENSOR.driftStep] = (s.noise.driftPerSqrtH ?? 0) * Math.sqrt(periodH);
    params[p + SENSOR.driftDtS] = periodS[k] || stepS;
    params[p + SENSOR.warnLo] = lo(warning);
    params[p + SENSOR.warnHi] = hi(warning);
    params[p + SENSOR.errorLo] = lo(error);
    params[p + SENSOR.errorHi] = hi(error);
    params[p + SENSOR.critLo] = lo(critical);
    params[p + SENSOR.critHi] = hi(critical);
    features[k] =
      (params[p + SENSOR.std]! > 0 ? FEATURE.noise : 0) |
      (params[p + SENSOR.driftStep]! > 0 ? FEATURE.drift : 0) |
      (params[p + SENSOR.spikeProb]! > 0 ? FEATURE.spike : 0) |
      (quantum > 0 ? FEATURE.quantize : 0) |
      (params[p + SENSOR.dropoutProb]! > 0 ? FEATURE.dropout : 0);
  });

  const fingerprintText = [
    `step=${stepS}`,
    ...models.map((m) => `${m.asset}:${m.kind}:${m.stateSize}`),
    ...setpoints.map((s) => s.id),
    ...sensors.map((s) => s.id),
  ].join('|');

  return {
    stepS,
    models,
    stateOff,
    stateSize,
    spOff,
    setpoints,
    setpointIndex,
    sensors,
    sensorIndex,
    sensorModel: Int32Array.from(sensorModelList),
    sensorLocal: Int32Array.from(sensorLocalList),
    periodGroups: [...groups.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([periodTicks, list]) => ({ periodTicks, sensors: Int32Array.from(list) })),
    perUnit: perUnit.map((l) => Int32Array.from(l)),
    assetIndex,
    sensorParams: params,
    sensorFeatures: features,
    fingerprint: `${models.length}-${sensors.length}-${fnv1a32(fingerprintText).toString(16)}`,
  };
}
