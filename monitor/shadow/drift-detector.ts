/**
 * Two-sided CUSUM (Page 1954) per sensor on the normalized raw residual z = (measured − predicted)/σ,
 * clipped to ±zClip so a single spike cannot raise an alarm:
 *
 *   S⁺ = min(cap, max(0, S⁺ + z − k)),   S⁻ = min(cap, max(0, S⁻ − z − k))
 *
 * A sensor is in alarm (+1 or −1) while S⁺ or S⁻ ≥ h. The threshold h is not a constant: each
 * sensor gets the h whose in-control run length (cusum-threshold.ts, Siegmund) meets its share of
 * the false-flag budget, so a sensor sampled every second needs a higher h than one sampled every
 * minute, and an asset with many sensors a higher h per sensor than one with few. Sensors are grouped into families by
 * parameter name (zone3_temp on every line, bearing_temp_c on every pump): when an alarm is shared
 * with the same sign by enough members of its family the twin's model is off (`model_drift`);
 * an alarm that stands alone is the asset's own (`equipment_issue`). Alarm counts per family are
 * kept incrementally, so an update is O(1) and allocation-free.
 */
import { cusumThreshold } from './cusum-threshold.ts';

export interface DriftDetectorConfig {
  /** Allowance k, in σ: mean residuals below it never accumulate. */
  readonly k: number;
  /** False flags allowed per asset per week on a plant the twin models exactly (the budget h is set from). */
  readonly falseFlagsPerAssetWeek: number;
  /**
   * Safety factor on the run length the budget asks for: residuals are only nearly normal and
   * independent, and σ is learnt. Chosen on the validation plant seed offsets 1 and 2 (sub-plants,
   * twin-api/shadow/shadow-evaluation.ts), never on the test seed 13 or the bench's report seeds:
   * there every library fault is flagged within its stated delay (10 000, tried there, did not remove
   * the one false flag, a pressure_variation excursion on Line_C, seed 2).
   */
  readonly arlMargin: number;
  /** Clip of |z| per sample. */
  readonly zClip: number;
  /** Samples a sensor needs before it may alarm (its residual variance is being learnt). */
  readonly warmup: number;
  /** And simulated seconds of them: a 1 s sensor needs minutes to learn a 30 s correlation. */
  readonly warmupS: number;
  /** An alarm is common when shared by at least max(minCommon, ceil(commonShare × family size)) sensors. */
  readonly minCommon: number;
  readonly commonShare: number;
}

export const DEFAULT_DRIFT_DETECTOR: DriftDetectorConfig = {
  k: 1,
  falseFlagsPerAssetWeek: 1,
  arlMargin: 1000,
  zClip: 4,
  warmup: 10,
  warmupS: 600,
  minCommon: 2,
  commonShare: 0.5,
};

const WEEK_S = 7 * 86_400;

/**
 * The in-control run length (samples) one side of one sensor's CUSUM needs so that an asset with
 * `assetSensors` tracked sensors, each two-sided, raises at most `falseFlagsPerAssetWeek` false
 * flags a week (times `arlMargin`): alarms of different sensors are taken as independent.
 */
export function inControlArlSamples(periodS: number, assetSensors: number, cfg: Pick<DriftDetectorConfig, 'falseFlagsPerAssetWeek' | 'arlMargin'> = DEFAULT_DRIFT_DETECTOR): number {
  if (!(periodS > 0)) throw new Error(`inControlArlSamples: periodS must be > 0, got ${periodS}`);
  return ((WEEK_S / periodS) * 2 * Math.max(1, assetSensors) * cfg.arlMargin) / cfg.falseFlagsPerAssetWeek;
}

export const FLAG_NONE = 0;
export const FLAG_MODEL_DRIFT = 1;
export const FLAG_EQUIPMENT_ISSUE = 2;
export const FLAG_NAMES = ['none', 'model_drift', 'equipment_issue'] as const;
export type ShadowFlag = (typeof FLAG_NAMES)[number];

export class DriftDetector {
  readonly cusumUp: Float64Array;
  readonly cusumDown: Float64Array;
  /** +1, −1 or 0 per sensor. */
  readonly alarm: Int8Array;
  /** Decision threshold per sensor, in σ. */
  readonly h: Float64Array;
  /** Samples before each sensor may alarm. */
  private readonly warmup: Float64Array;
  private readonly family: Int32Array;
  private readonly familyUp: Int32Array;
  private readonly familyDown: Int32Array;
  private readonly familyNeed: Int32Array;
  private readonly cfg: DriftDetectorConfig;

  /**
   * `family[k]`: family index of sensor k; `tracked[k]`: whether sensor k takes part at all;
   * `inControlArl[k]`: samples sensor k's one-sided CUSUM must run, on average, before a false alarm
   * (see `inControlArlSamples`); `periodS[k]`: its seconds between samples.
   */
  constructor(family: Int32Array, tracked: Uint8Array, inControlArl: Float64Array, periodS: Float64Array, cfg: DriftDetectorConfig = DEFAULT_DRIFT_DETECTOR) {
    const n = family.length;
    this.cfg = cfg;
    this.warmup = Float64Array.from(periodS, (p) => Math.max(cfg.warmup, Math.ceil(cfg.warmupS / p)));
    this.h = Float64Array.from(inControlArl, (arl) => cusumThreshold(cfg.k, Math.max(2, arl)));
    this.family = family;
    this.cusumUp = new Float64Array(n);
    this.cusumDown = new Float64Array(n);
    this.alarm = new Int8Array(n);
    const families = family.reduce((m, f) => Math.max(m, f + 1), 0);
    const size = new Int32Array(families);
    for (let k = 0; k < n; k++) if (tracked[k]) size[family[k]!]!++;
    this.familyNeed = size.map((s) => Math.max(cfg.minCommon, Math.ceil(cfg.commonShare * s)));
    this.familyUp = new Int32Array(families);
    this.familyDown = new Int32Array(families);
  }

  reset(): void {
    this.cusumUp.fill(0);
    this.cusumDown.fill(0);
    this.alarm.fill(0);
    this.familyUp.fill(0);
    this.familyDown.fill(0);
  }

  /** One normalized residual of sensor k, its `count`-th sample. */
  update(k: number, z: number, count: number): void {
    const { k: allowance, zClip } = this.cfg;
    if (count <= this.warmup[k]!) return;
    const h = this.h[k]!;
    const zc = z > zClip ? zClip : z < -zClip ? -zClip : z;
    const cap = 2 * h;
    let up = this.cusumUp[k]! + zc - allowance;
    up = up < 0 ? 0 : up > cap ? cap : up;
    let down = this.cusumDown[k]! - zc - allowance;
    down = down < 0 ? 0 : down > cap ? cap : down;
    this.cusumUp[k] = up;
    this.cusumDown[k] = down;
    const next = up >= h ? 1 : down >= h ? -1 : 0;
    const prev = this.alarm[k]!;
    if (next === prev) return;
    const f = this.family[k]!;
    if (prev === 1) this.familyUp[f]!--;
    else if (prev === -1) this.familyDown[f]!--;
    if (next === 1) this.familyUp[f]!++;
    else if (next === -1) this.familyDown[f]!++;
    this.alarm[k] = next;
  }

  /** Samples sensor k needs before it may alarm. */
  warmupSamples(k: number): number {
    return this.warmup[k]!;
  }

  /** Whether sensor k is past half the threshold (its noise should not be learnt now). */
  suspect(k: number): boolean {
    const half = 0.5 * this.h[k]!;
    return this.cusumUp[k]! >= half || this.cusumDown[k]! >= half;
  }

  /** FLAG_NONE, FLAG_MODEL_DRIFT or FLAG_EQUIPMENT_ISSUE for sensor k. */
  flag(k: number): number {
    const a = this.alarm[k]!;
    if (a === 0) return FLAG_NONE;
    const f = this.family[k]!;
    const shared = a > 0 ? this.familyUp[f]! : this.familyDown[f]!;
    return shared >= this.familyNeed[f]! ? FLAG_MODEL_DRIFT : FLAG_EQUIPMENT_ISSUE;
  }
}
