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
  /** Status limits as flat arrays: lo/hi per level (warning, error, critical); ±Infinity when unbounded. */
  readonly limLo: readonly [Float64Array, Float64Array, Float64Array];
  readonly limHi: readonly [Float64Array, Float64Array, Float64Array];
  /** Noise parameters per sensor. */
  readonly noiseStd: Float64Array;
  readonly noiseBias: Float64Array;
  readonly noiseQuantum: Float64Array;
  readonly noiseDropout: Float64Array;
  readonly noiseSpikeProb: Float64Array;
  /** Spike height in the sensor's unit (spikeMag × normal span). */
  readonly noiseSpikeAbs: Float64Array;
  /** Drift random-walk step per sample (driftPerSqrtH × sqrt(period in hours)). */
  readonly noiseDriftStep: Float64Array;
  /** Sample period of each sensor in seconds (per-unit sensors: 0). */
  readonly periodS: Float64Array;
  /** Hash of everything a snapshot depends on, to refuse restoring into a different plant. */
  readonly fingerprint: string;
}

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

  const f = () => new Float64Array(n);
  const limLo: [Float64Array, Float64Array, Float64Array] = [f(), f(), f()];
  const limHi: [Float64Array, Float64Array, Float64Array] = [f(), f(), f()];
  const noiseStd = f();
  const noiseBias = f();
  const noiseQuantum = f();
  const noiseDropout = f();
  const noiseSpikeProb = f();
  const noiseSpikeAbs = f();
  const noiseDriftStep = f();
  sensors.forEach((s, k) => {
    const bands = [s.limits.warning, s.limits.error, s.limits.critical] as const;
    bands.forEach((b, level) => {
      limLo[level]![k] = lo(b);
      limHi[level]![k] = hi(b);
    });
    const span = Number.isFinite(hi(s.limits.warning) - lo(s.limits.warning))
      ? hi(s.limits.warning) - lo(s.limits.warning)
      : Math.max(1, Math.abs(hi(s.limits.warning)) || Math.abs(lo(s.limits.warning)) || 1);
    noiseStd[k] = s.noise.std;
    noiseBias[k] = s.noise.bias ?? 0;
    noiseQuantum[k] = s.noise.quantum ?? 0;
    noiseDropout[k] = s.noise.dropoutProb ?? 0;
    noiseSpikeProb[k] = s.noise.spikeProb ?? 0;
    noiseSpikeAbs[k] = (s.noise.spikeMag ?? 0.5) * span;
    const periodH = (periodS[k] || 4) / 3600;
    noiseDriftStep[k] = (s.noise.driftPerSqrtH ?? 0) * Math.sqrt(periodH);
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
    limLo,
    limHi,
    noiseStd,
    noiseBias,
    noiseQuantum,
    noiseDropout,
    noiseSpikeProb,
    noiseSpikeAbs,
    noiseDriftStep,
    periodS,
    fingerprint: `${models.length}-${sensors.length}-${fnv1a32(fingerprintText).toString(16)}`,
  };
}
