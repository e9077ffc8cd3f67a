import { Subject, type Observable } from 'rxjs';
import type { Frame } from '../../engine/frame.ts';
import type { PlantLayout } from '../../engine/layout.ts';
import { BiasFilterBank, DEFAULT_BIAS_FILTER, type BiasFilterConfig } from './bias-filter.ts';
import {
  DEFAULT_DRIFT_DETECTOR,
  DriftDetector,
  FLAG_EQUIPMENT_ISSUE,
  FLAG_NAMES,
  FLAG_NONE,
  inControlArlSamples,
  type DriftDetectorConfig,
  type ShadowFlag,
} from './drift-detector.ts';
import type { FlaggedAsset, ShadowSensorState, ShadowState } from './shadow-view.ts';

type Sensor = PlantLayout['sensors'][number];

export interface ShadowTrackerConfig {
  readonly filter: BiasFilterConfig;
  readonly detector: DriftDetectorConfig;
  /** Smallest weight of the per-sensor accuracy averages (1/window in samples). */
  readonly alphaAccuracy: number;
  /**
   * Random-walk wander (per √h, in the sensor's unit) of residuals that measure an exogenous random
   * input the twin draws on its own: twin and plant realize it independently, so the residual wanders
   * by design, not by model error. batch_deviation is |raw-material deviation| in σ, an
   * Ornstein-Uhlenbeck process with σ = 1 and τ = 6 h (scenarios/defaults.ts, engine/environment.ts):
   * its increments are σ·√(2/τ) = 0.58 per √h. Combined with the spec's own drift, so the reference follows
   * the wander and only a step (a contamination) is flagged.
   */
  readonly exogenousDriftPerSqrtH: Readonly<Record<string, number>>;
}

export const DEFAULT_SHADOW_TRACKER: ShadowTrackerConfig = {
  filter: DEFAULT_BIAS_FILTER,
  detector: DEFAULT_DRIFT_DETECTOR,
  alphaAccuracy: 0.05,
  exogenousDriftPerSqrtH: { batch_deviation: Math.sqrt(2 / 6) },
};

/** The minimum a tracker needs of the plant: its sensor table (engine.layout satisfies it). */
export type TrackerLayout = Pick<PlantLayout, 'sensors'>;

/** Seconds between samples (per-unit sensors: one unit every 4 s assumed, the reference lines' pace). */
function periodOf(s: Sensor): number {
  return s.period.kind === 'periodic' ? s.period.periodS : 4;
}

/** Random-walk drift step per sample: the spec's driftPerSqrtH and an exogenous wander (independent: in quadrature) × √(period in hours). */
function driftStepOf(s: Sensor, exogenousPerSqrtH: number): number {
  return Math.hypot(s.noise.driftPerSqrtH ?? 0, exogenousPerSqrtH) * Math.sqrt(periodOf(s) / 3600);
}

/** A live value for the tracker: what any LiveSample satisfies. */
export interface TrackerSample {
  readonly sensor_id: string;
  readonly value: number | null;
}

/** Width of the normal (warning) band, a magnitude when it is open on one side, NaN when unbounded. */
function spanOf(s: Sensor): number {
  const [lo, hi] = s.limits.warning;
  if (lo !== null && hi !== null && hi > lo) return hi - lo;
  if (lo === null && hi === null) return NaN;
  return Math.max(1e-9, Math.abs(hi ?? 0), Math.abs(lo ?? 0));
}

/** Largest lag-1 correlation of innovations assumed (×199 long-run variance): beyond it a sensor is not scorable anyway. */
const MAX_RHO = 0.99;
/** Weight of the slow innovation mean (a ~200-sample window: correlations up to ~60 samples, e.g. a 30 s rolling statistic, are covered). */
const SLOW_BETA = 1 / 200;

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** An asset's shadow flag changed: raised (from 'none'), reclassified, or cleared (to 'none'). */
export interface ShadowFlagChange {
  readonly asset: string;
  readonly flag: ShadowFlag;
  readonly previous: ShadowFlag;
  /** The asset's flagged sensors after the change (empty when cleared). */
  readonly sensors: readonly string[];
  /** Simulated time of the last twin frame seen (epoch ms), null before the first. */
  readonly twinTimeMs: number | null;
}

/**
 * Shadow mode: compares live measurements with the twin's prediction of the same sensor, keeps a
 * per-sensor output-bias estimate (BiasFilterBank) so that twin + bias tracks the plant, and
 * raises `model_drift` / `equipment_issue` flags (DriftDetector). Pure and deterministic: feed it
 * twin frames and live samples in any interleaving; every update is O(1) and allocation-free.
 *
 * Each change of an asset's flag is emitted on `flags$`, synchronously, for an adapter to publish.
 *
 * @example
 * const tracker = new ShadowTracker(twin.layout);
 * tracker.flags$.subscribe((c) => hub.publish('state', iso, { kind: 'shadow_flag', ...c }));
 * twin.frames$.subscribe((f) => tracker.observeTwin(f));
 * source.samples$.subscribe((s) => tracker.ingest(s));
 * tracker.state().trackingAccuracy; // 0..1
 */
export class ShadowTracker {
  readonly sensors: readonly Sensor[];
  private readonly index: ReadonlyMap<string, number>;
  private readonly bank: BiasFilterBank;
  /** The detection reference: the same observer, but one that never accepts a jump as the new normal. */
  private readonly reference: BiasFilterBank;
  /** EW mean square of each sensor's standardized innovation (1 when the noise model is exact). */
  private readonly innovationMs: Float64Array;
  /** EW mean of the product of consecutive standardized innovations (their lag-1 autocovariance). */
  private readonly innovationLag1: Float64Array;
  private readonly lastInnovation: Float64Array;
  /** Slow EW mean of the clipped innovation, and the EW mean of its square: a long-run variance estimate that holds for any short correlation. */
  private readonly innovationSlow: Float64Array;
  private readonly innovationSlowMs: Float64Array;
  private readonly innovationAlpha: number;
  private readonly innovationGate: number;
  private readonly detector: DriftDetector;
  private readonly tracked: Uint8Array;
  private readonly span: Float64Array;
  private readonly predicted: Float64Array;
  private readonly measured: Float64Array;
  private readonly predAtMeasure: Float64Array;
  private readonly lastZ: Float64Array;
  private readonly within: Float64Array;
  private readonly sqErr: Float64Array;
  private readonly alphaAcc: number;
  private twinTimeMs = NaN;
  private used = 0;
  private ignored = 0;
  /** Flags as last emitted, by asset (flagged assets only). */
  private emittedFlags = new Map<string, FlaggedAsset>();
  private readonly flagChanges = new Subject<ShadowFlagChange>();
  /** Every change of an asset's flag, in order. */
  readonly flags$: Observable<ShadowFlagChange> = this.flagChanges.asObservable();

  constructor(layout: TrackerLayout, config: Partial<ShadowTrackerConfig> = {}) {
    const cfg = { ...DEFAULT_SHADOW_TRACKER, ...config };
    const sensors = layout.sensors;
    const n = sensors.length;
    this.sensors = sensors;
    this.alphaAcc = cfg.alphaAccuracy;
    this.index = new Map(sensors.map((s, k) => [s.id, k] as const));
    this.span = Float64Array.from(sensors, spanOf);
    // Sensors that declare no noise (counts, per-unit verdicts) cannot be scored against a σ.
    this.tracked = Uint8Array.from(sensors, (s) => (s.noise.std > 0 ? 1 : 0));
    const noise = sensors.map((s, k) => ({
      std: s.noise.std,
      quantum: s.noise.quantum ?? 0,
      driftStep: driftStepOf(s, cfg.exogenousDriftPerSqrtH[s.name] ?? 0),
      floor: 1e-3 * (Number.isNaN(this.span[k]!) ? 1 : this.span[k]!),
    }));
    this.bank = new BiasFilterBank(noise, cfg.filter);
    // No random-walk floor (qRel 0): the reference follows only the drift the spec declares, so a slow
    // model error or wear shows as a growing innovation instead of being learnt as the new normal.
    this.reference = new BiasFilterBank(noise, { ...cfg.filter, qRel: 0, reopenAfter: Number.POSITIVE_INFINITY });
    this.innovationMs = new Float64Array(n).fill(1);
    this.innovationLag1 = new Float64Array(n);
    this.lastInnovation = new Float64Array(n);
    this.innovationSlow = new Float64Array(n);
    this.innovationSlowMs = new Float64Array(n).fill(SLOW_BETA / (2 - SLOW_BETA));
    this.innovationAlpha = cfg.filter.alphaVar;
    this.innovationGate = cfg.filter.gate;
    const families = new Map<string, number>();
    const family = Int32Array.from(sensors, (s) => {
      const key = `${s.assetKind}:${s.name}`;
      if (!families.has(key)) families.set(key, families.size);
      return families.get(key)!;
    });
    const perAsset = new Map<string, number>();
    sensors.forEach((s, k) => perAsset.set(s.asset, (perAsset.get(s.asset) ?? 0) + this.tracked[k]!));
    const arl = Float64Array.from(sensors, (s) => inControlArlSamples(periodOf(s), perAsset.get(s.asset)!, cfg.detector));
    this.detector = new DriftDetector(family, this.tracked, arl, Float64Array.from(sensors, periodOf), cfg.detector);
    this.predicted = new Float64Array(n).fill(NaN);
    this.measured = new Float64Array(n).fill(NaN);
    this.predAtMeasure = new Float64Array(n).fill(NaN);
    this.lastZ = new Float64Array(n).fill(NaN);
    this.within = new Float64Array(n);
    this.sqErr = new Float64Array(n);
  }

  /** Takes the twin's fresh samples as its current prediction of each sensor. */
  observeTwin(frame: Frame): void {
    const { sampled, values } = frame;
    for (let i = 0; i < frame.sampledCount; i++) {
      const k = sampled[i]!;
      const v = values[k]!;
      if (v === v) this.predicted[k] = v; // a twin dropout keeps the last prediction
    }
    this.twinTimeMs = frame.timeMs;
  }

  /** Takes every sensor's last twin value as its prediction (on connect, before frames arrive). */
  primeTwin(values: Float64Array, timeMs: number): void {
    for (let k = 0; k < values.length && k < this.predicted.length; k++) {
      const v = values[k]!;
      if (v === v) this.predicted[k] = v;
    }
    this.twinTimeMs = timeMs;
  }

  /** One live sample. Returns false (and counts it as ignored) for an unknown sensor, a missing value or no prediction yet. */
  ingest(sample: TrackerSample): boolean {
    const k = this.index.get(sample.sensor_id);
    if (k === undefined || sample.value === null) {
      this.ignored++;
      return false;
    }
    return this.ingestAt(k, sample.value);
  }

  /** One live value of sensor k (index in layout.sensors). */
  ingestAt(k: number, y: number): boolean {
    const p = this.predicted[k]!;
    if (!Number.isFinite(y) || p !== p) {
      this.ignored++;
      return false;
    }
    this.used++;
    const bank = this.bank;
    // A sensor without limits is scaled by the size of its first value.
    if (this.span[k] !== this.span[k]) this.span[k] = Math.max(1e-9, Math.abs(y));
    // Score the one-step-ahead corrected estimate (before this sample updates the bias).
    const err = y - (p + bank.bias[k]!);
    const n = bank.count[k]! + 1;
    const a = Math.max(1 / n, this.alphaAcc);
    const inside = Math.abs(err) <= 2 * Math.sqrt(bank.rSpec[k]!) ? 1 : 0;
    this.within[k] = (1 - a) * this.within[k]! + a * inside;
    const rel = err / this.span[k]!;
    this.sqErr[k] = (1 - a) * this.sqErr[k]! + a * rel * rel;

    const e = y - p;
    const learn = !this.detector.suspect(k);
    bank.update(k, e, learn);
    // While a sensor is in alarm its reference holds (an acknowledged change is not absorbed): the flag
    // stays until the plant comes back to what the twin predicted, or the tracker is reset.
    const nu = this.detector.alarm[k] === 0 ? this.reference.update(k, e, learn) : this.reference.innovation(k, e);
    // The innovation's long-run variance is learnt only while the sensor warms up: learnt later, a slow
    // drift would inflate its own yardstick and never be flagged (the CUSUM would divide it away).
    const z = this.standardInnovation(k, nu, n, learn && n <= this.detector.warmupSamples(k));
    this.lastZ[k] = z;
    if (this.tracked[k]) {
      const alarm = this.detector.alarm[k];
      this.detector.update(k, z, n);
      // One sensor's alarm can reclassify its whole family's flags, on other assets too.
      if (this.detector.alarm[k] !== alarm) this.emitFlagChanges();
    }
    this.measured[k] = y;
    this.predAtMeasure[k] = p;
    return true;
  }

  /**
   * The detection reference's innovation ν/√S, rescaled by its own learnt long-run RMS where that
   * exceeds 1. Under the declared noise model it is N(0, 1) and white, which is what the CUSUM
   * thresholds assume; a residual with more, or more correlated, process noise than the spec
   * declares (a 30 s rolling pressure statistic, the batch deviation) is brought back to unit
   * long-run variance rather than flagged: variance × (1 + ρ)/(1 − ρ), ρ its lag-1 correlation (AR(1)
   * variance inflation: what a CUSUM sums is the long-run variance). Learnt from innovations clipped
   * at the outlier gate, only while the sensor warms up (`learn`), with a prior of 30 samples at 1.
   */
  private standardInnovation(k: number, nu: number, n: number, learn: boolean): number {
    let ms = this.innovationMs[k]!;
    let rho = this.innovationLag1[k]! / ms;
    rho = rho < 0 ? 0 : rho > MAX_RHO ? MAX_RHO : rho;
    // Var of an EW mean with weight β is ≈ β/(2 − β) × the long-run variance, whatever the correlation, while it lasts ≪ 1/β samples.
    const longRun = Math.max((ms * (1 + rho)) / (1 - rho), (this.innovationSlowMs[k]! * (2 - SLOW_BETA)) / SLOW_BETA);
    const z = nu / Math.sqrt(longRun > 1 ? longRun : 1);
    const c = nu > this.innovationGate ? this.innovationGate : nu < -this.innovationGate ? -this.innovationGate : nu;
    if (learn && n > 1) {
      const a = Math.max(1 / (n + 30), this.innovationAlpha);
      ms = (1 - a) * ms + a * c * c;
      this.innovationMs[k] = ms;
      this.innovationLag1[k] = (1 - a) * this.innovationLag1[k]! + a * c * this.lastInnovation[k]!;
      const slow = (1 - SLOW_BETA) * this.innovationSlow[k]! + SLOW_BETA * c;
      this.innovationSlow[k] = slow;
      this.innovationSlowMs[k] = (1 - a) * this.innovationSlowMs[k]! + a * slow * slow;
    }
    this.lastInnovation[k] = c;
    return z;
  }

  /** Forgets every estimate and flag (e.g. after the twin was re-synchronized to the plant). */
  reset(): void {
    this.bank.reset();
    this.reference.reset();
    this.innovationMs.fill(1);
    this.innovationLag1.fill(0);
    this.lastInnovation.fill(0);
    this.innovationSlow.fill(0);
    this.innovationSlowMs.fill(SLOW_BETA / (2 - SLOW_BETA));
    this.detector.reset();
    this.measured.fill(NaN);
    this.predAtMeasure.fill(NaN);
    this.lastZ.fill(NaN);
    this.within.fill(0);
    this.sqErr.fill(0);
    this.used = 0;
    this.ignored = 0;
    this.emitFlagChanges();
  }

  // Runs only when an alarm changes (rare), so rebuilding the asset list here costs nothing per sample.
  private emitFlagChanges(): void {
    const now = new Map(this.flaggedAssets().map((a) => [a.asset, a] as const));
    const twinTimeMs = num(this.twinTimeMs);
    for (const [asset, a] of now) {
      const previous = this.emittedFlags.get(asset)?.flag ?? 'none';
      if (previous !== a.flag) this.flagChanges.next({ asset, flag: a.flag, previous, sensors: a.sensors, twinTimeMs });
    }
    for (const [asset, a] of this.emittedFlags) if (!now.has(asset)) this.flagChanges.next({ asset, flag: 'none', previous: a.flag, sensors: [], twinTimeMs });
    this.emittedFlags = now;
  }

  /** The estimated bias of a sensor (measured − twin), by id. */
  biasOf(sensorId: string): number {
    const k = this.index.get(sensorId);
    return k === undefined ? NaN : this.bank.bias[k]!;
  }

  /** The flag of a sensor, by id. */
  flagOf(sensorId: string): (typeof FLAG_NAMES)[number] {
    const k = this.index.get(sensorId);
    return k === undefined ? 'none' : FLAG_NAMES[this.detector.flag(k)]!;
  }

  /** Overall tracking accuracy (0..1) and normalized RMSE over tracked sensors with data. */
  accuracy(): { trackingAccuracy: number | null; normalizedRmse: number | null; sensorsTracked: number } {
    let n = 0;
    let w = 0;
    let sq = 0;
    for (let k = 0; k < this.sensors.length; k++) {
      if (!this.tracked[k] || this.bank.count[k] === 0) continue;
      n++;
      w += this.within[k]!;
      sq += this.sqErr[k]!;
    }
    return n === 0
      ? { trackingAccuracy: null, normalizedRmse: null, sensorsTracked: 0 }
      : { trackingAccuracy: w / n, normalizedRmse: Math.sqrt(sq / n), sensorsTracked: n };
  }

  /** Assets with a flagged sensor; an asset with any equipment_issue sensor is an equipment_issue. */
  flaggedAssets(): FlaggedAsset[] {
    const byAsset = new Map<string, FlaggedAsset & { sensors: string[] }>();
    for (let k = 0; k < this.sensors.length; k++) {
      const f = this.detector.flag(k);
      if (f === FLAG_NONE) continue;
      const s = this.sensors[k]!;
      let entry = byAsset.get(s.asset);
      if (!entry) {
        entry = { asset: s.asset, flag: 'model_drift', sensors: [] };
        byAsset.set(s.asset, entry);
      }
      entry.sensors.push(s.id);
      if (f === FLAG_EQUIPMENT_ISSUE) entry.flag = 'equipment_issue';
    }
    return [...byAsset.values()];
  }

  /** The JSON body of GET /api/digital-twin/shadow-state (schema: ShadowState). */
  state(): ShadowState {
    const bank = this.bank;
    const det = this.detector;
    const sensors: ShadowSensorState[] = this.sensors.map((s, k) => {
      const count = bank.count[k]!;
      const p = this.predAtMeasure[k]!;
      const y = this.measured[k]!;
      return {
        sensor_id: s.id,
        asset: s.asset,
        parameter_name: s.name,
        unit: s.unit,
        measured: num(y),
        predicted: num(p),
        corrected: count > 0 ? num(p + bank.bias[k]!) : null,
        residual: num(y - p),
        bias: bank.bias[k]!,
        biasStd: Math.sqrt(bank.P[k]!),
        z: num(this.lastZ[k]!),
        cusumUp: det.cusumUp[k]!,
        cusumDown: det.cusumDown[k]!,
        flag: FLAG_NAMES[det.flag(k)]!,
        samples: count,
        within2Sigma: count > 0 ? this.within[k]! : null,
        tracked: this.tracked[k] === 1,
      };
    });
    return {
      twinTimeMs: num(this.twinTimeMs),
      samples: this.used,
      ignored: this.ignored,
      ...this.accuracy(),
      flaggedAssets: this.flaggedAssets(),
      sensors,
    };
  }
}
