/**
 * Two-sided CUSUM (Page 1954) per sensor on the normalized raw residual z = (measured − predicted)/σ,
 * clipped to ±zClip so a single spike cannot raise an alarm:
 *
 *   S⁺ = min(cap, max(0, S⁺ + z − k)),   S⁻ = min(cap, max(0, S⁻ − z − k))
 *
 * A sensor is in alarm (+1 or −1) while S⁺ or S⁻ ≥ h. Sensors are grouped into families by
 * parameter name (zone3_temp on every line, bearing_temp_c on every pump): when an alarm is shared
 * with the same sign by enough members of its family the twin's model is off (`model_drift`);
 * an alarm that stands alone is the asset's own (`equipment_issue`). Alarm counts per family are
 * kept incrementally, so an update is O(1) and allocation-free.
 */
export interface DriftDetectorConfig {
  /** Allowance k, in σ: mean residuals below it never accumulate. */
  readonly k: number;
  /** Decision threshold h, in σ. */
  readonly h: number;
  /** Clip of |z| per sample. */
  readonly zClip: number;
  /** Samples a sensor needs before it may alarm (its residual variance is being learnt). */
  readonly warmup: number;
  /** An alarm is common when shared by at least max(minCommon, ceil(commonShare × family size)) sensors. */
  readonly minCommon: number;
  readonly commonShare: number;
}

export const DEFAULT_DRIFT_DETECTOR: DriftDetectorConfig = {
  k: 1,
  h: 12,
  zClip: 4,
  warmup: 10,
  minCommon: 2,
  commonShare: 0.5,
};

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
  private readonly family: Int32Array;
  private readonly familyUp: Int32Array;
  private readonly familyDown: Int32Array;
  private readonly familyNeed: Int32Array;
  private readonly cfg: DriftDetectorConfig;

  /** `family[k]`: family index of sensor k; `tracked[k]`: whether sensor k takes part at all. */
  constructor(family: Int32Array, tracked: Uint8Array, cfg: DriftDetectorConfig = DEFAULT_DRIFT_DETECTOR) {
    const n = family.length;
    this.cfg = cfg;
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
    const { k: allowance, h, zClip, warmup } = this.cfg;
    if (count <= warmup) return;
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

  /** Whether sensor k is past half the threshold (its noise should not be learnt now). */
  suspect(k: number): boolean {
    const half = 0.5 * this.cfg.h;
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
