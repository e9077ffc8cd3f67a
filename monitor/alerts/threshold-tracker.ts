import type { SensorChannel } from '../../physics/model.ts';
import { LEVEL_NAMES, LEVEL_SEVERITY } from './alert.ts';
import type { AlertBook, NewAlert } from './alert-book.ts';
import { thresholdMessage } from './alert-message.ts';
import type { AlertSettings } from './alert-settings-schema.ts';
import type { EffectiveLimits } from './effective-limits.ts';

/**
 * Threshold rule with hysteresis and de-duplication, as a state machine per sensor kept in typed
 * arrays so that a sample costs a few comparisons and no allocation:
 * idle → (openSamples consecutive samples beyond a limit) → open → (clearSamples consecutive samples
 * inside the warning band by the deadband) → idle. While open, a worse level escalates the same alert.
 */
export class ThresholdTracker {
  private readonly slot: Int32Array;
  /** The last alert of each sensor, for merging a re-opening within the cool-down. */
  private readonly lastSlot: Int32Array;
  /** Level of the open alert (1 warning … 3 critical), or the worst level seen while pending. */
  private readonly level: Uint8Array;
  private readonly pending: Int32Array;
  private readonly clean: Int32Array;

  constructor(
    private readonly sensors: readonly SensorChannel[],
    private readonly book: AlertBook,
    private limits: EffectiveLimits,
    private settings: AlertSettings,
    /** What an alert on a sensor recommends (the knowledge graph's answer). */
    private readonly advice: (sensor: SensorChannel, direction: 'above' | 'below' | null) => string,
  ) {
    const n = sensors.length;
    this.slot = new Int32Array(n).fill(-1);
    this.lastSlot = new Int32Array(n).fill(-1);
    this.level = new Uint8Array(n);
    this.pending = new Int32Array(n);
    this.clean = new Int32Array(n);
  }

  /** New limits and settings; open alerts stay open and are judged against the new limits from now on. */
  reconfigure(limits: EffectiveLimits, settings: AlertSettings): void {
    this.limits = limits;
    this.settings = settings;
  }

  /**
   * Takes a restored alert of sensor k (slot in the book) as its own: still open (its condition has
   * not cleared), it is judged by the next samples as if it had opened here; cleared, it is the
   * one a re-opening within the cool-down merges into.
   */
  adopt(k: number, slot: number, open: boolean): void {
    this.lastSlot[k] = slot;
    if (!open) return;
    this.slot[k] = slot;
    this.level[k] = Math.max(1, LEVEL_SEVERITY.indexOf(this.book.record(slot).severity));
    this.pending[k] = 0;
    this.clean[k] = 0;
  }

  /** One sample of sensor k at tMs. NaN (missing) neither opens nor clears anything. */
  sample(k: number, v: number, tMs: number): void {
    if (v !== v) return;
    const { lo, hi } = this.limits;
    let level = 0;
    if (v > hi[0][k]! || v < lo[0][k]!) level = v > hi[2][k]! || v < lo[2][k]! ? 3 : v > hi[1][k]! || v < lo[1][k]! ? 2 : 1;
    const slot = this.slot[k]!;
    if (slot < 0) {
      if (level === 0) {
        this.pending[k] = 0;
        this.level[k] = 0;
        return;
      }
      if (level > this.level[k]!) this.level[k] = level;
      if (++this.pending[k]! < this.settings.hysteresis.openSamples) return;
      this.openAlert(k, v, level, tMs);
      return;
    }
    this.book.touch(slot, v, tMs);
    if (level > this.level[k]!) {
      this.level[k] = level;
      this.book.escalate(slot, this.describe(k, v, level), tMs);
    }
    const db = this.limits.deadband[k]!;
    if (v <= hi[0][k]! - db && v >= lo[0][k]! + db) {
      if (++this.clean[k]! >= this.settings.hysteresis.clearSamples) {
        this.book.clear(slot, tMs);
        this.slot[k] = -1;
        this.level[k] = 0;
        this.pending[k] = 0;
      }
    } else this.clean[k] = 0;
  }

  private openAlert(k: number, v: number, level: number, tMs: number): void {
    this.pending[k] = 0;
    this.clean[k] = 0;
    const a = this.describe(k, v, level);
    const last = this.lastSlot[k]!;
    if (last >= 0) {
      const r = this.book.record(last);
      if (tMs - r.clearedMs <= this.settings.coolDownS * 1000) {
        this.level[k] = Math.max(level, LEVEL_SEVERITY.indexOf(r.severity));
        this.book.reopen(last, a, tMs);
        this.slot[k] = last;
        return;
      }
    }
    this.level[k] = level;
    const slot = this.book.open(a, tMs);
    this.slot[k] = slot;
    this.lastSlot[k] = slot;
  }

  private describe(k: number, v: number, level: number): NewAlert {
    const c = this.sensors[k]!;
    const l = level - 1;
    const above = v > this.limits.hi[l]![k]!;
    const direction = above ? 'above' : 'below';
    const limit = above ? this.limits.hi[l]![k]! : this.limits.lo[l]![k]!;
    return {
      rule: 'threshold',
      asset: c.asset,
      sensor: c.id,
      parameter: c.name,
      unit: c.unit,
      severity: LEVEL_SEVERITY[level]!,
      direction,
      value: v,
      threshold: limit,
      message: thresholdMessage(c, v, direction, LEVEL_NAMES[level]!, limit),
      recommendedAction: this.advice(c, direction),
      contributors: [],
    };
  }
}
