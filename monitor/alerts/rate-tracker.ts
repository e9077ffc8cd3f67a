import type { SensorChannel } from '../../physics/model.ts';
import type { AlertBook, NewAlert } from './alert-book.ts';
import { rateMessage } from './alert-message.ts';
import type { AlertSettings, RateRule } from './alert-settings-schema.ts';

/** Per-unit sensors have no period: keep this many samples per window at most. */
const MAX_WINDOW_SAMPLES = 4096;

/** Ring buffer of one rule's recent samples, allocated once when the rule is configured. */
interface RateState {
  readonly rule: RateRule;
  readonly sensor: number;
  readonly tS: Float64Array;
  readonly v: Float64Array;
  head: number;
  count: number;
  slot: number;
  lastSlot: number;
  pending: number;
  clean: number;
}

/**
 * Rate-of-change rule: the change per minute between the newest sample and the newest one at least
 * `windowS` older (a secant over the window, which averages out sample noise better than successive
 * differences). Opens after openSamples excessive rates, clears after clearSamples rates back under
 * the limit by the deadband fraction, merges re-openings within the cool-down like thresholds do.
 */
export class RateTracker {
  /** Rule index per sensor, -1 when the sensor has no rate rule. */
  readonly ruleOf: Int32Array;
  private states: RateState[] = [];

  constructor(
    private readonly sensors: readonly SensorChannel[],
    private readonly periodS: (k: number) => number,
    private readonly book: AlertBook,
    private settings: AlertSettings,
    private readonly advice: (sensor: SensorChannel, direction: 'above' | 'below' | null) => string,
  ) {
    this.ruleOf = new Int32Array(sensors.length).fill(-1);
    this.reconfigure(settings);
  }

  /** Rules are matched by sensor; a rule that stays keeps its open alert. */
  reconfigure(settings: AlertSettings): void {
    const index = new Map(this.sensors.map((c, k) => [c.id, k] as const));
    const old = new Map(this.states.map((s) => [s.sensor, s] as const));
    this.settings = settings;
    this.ruleOf.fill(-1);
    this.states = settings.rateRules.map((rule, i) => {
      const k = index.get(rule.sensor)!;
      this.ruleOf[k] = i;
      const p = this.periodS(k);
      const cap = p > 0 ? Math.min(MAX_WINDOW_SAMPLES, Math.ceil(rule.windowS / p) + 2) : MAX_WINDOW_SAMPLES;
      const prev = old.get(k);
      return { rule, sensor: k, tS: new Float64Array(cap), v: new Float64Array(cap), head: 0, count: 0, slot: prev?.slot ?? -1, lastSlot: prev?.lastSlot ?? -1, pending: 0, clean: 0 };
    });
  }

  /** Takes a restored alert of sensor k as its own (see ThresholdTracker.adopt); ignored without a rule for k. */
  adopt(k: number, slot: number, open: boolean): void {
    const i = this.ruleOf[k]!;
    if (i < 0) return;
    const s = this.states[i]!;
    s.lastSlot = slot;
    if (open) s.slot = slot;
  }

  /** One sample of sensor k; only call for sensors with a rule (ruleOf[k] ≥ 0). NaN is skipped. */
  sample(k: number, v: number, tMs: number): void {
    if (v !== v) return;
    const s = this.states[this.ruleOf[k]!]!;
    const cap = s.tS.length;
    const t = tMs / 1000;
    if (s.count === cap) {
      s.head = (s.head + 1) % cap;
      s.count--;
    }
    const at = (s.head + s.count) % cap;
    s.tS[at] = t;
    s.v[at] = v;
    s.count++;
    const w = s.rule.windowS;
    // Keep the newest sample that is at least a window old as the head.
    while (s.count > 2 && t - s.tS[(s.head + 1) % cap]! >= w) {
      s.head = (s.head + 1) % cap;
      s.count--;
    }
    const spanS = t - s.tS[s.head]!;
    if (s.count < 2 || spanS < w) return;
    const ratePerMin = ((v - s.v[s.head]!) / spanS) * 60;
    const excessive = Math.abs(ratePerMin) > s.rule.maxPerMin;
    if (s.slot < 0) {
      if (!excessive) {
        s.pending = 0;
        return;
      }
      if (++s.pending < this.settings.hysteresis.openSamples) return;
      this.open(s, ratePerMin, tMs);
      return;
    }
    this.book.touch(s.slot, ratePerMin, tMs);
    if (Math.abs(ratePerMin) <= s.rule.maxPerMin * (1 - this.settings.hysteresis.deadbandFraction)) {
      if (++s.clean >= this.settings.hysteresis.clearSamples) {
        this.book.clear(s.slot, tMs);
        s.slot = -1;
      }
    } else s.clean = 0;
  }

  private open(s: RateState, ratePerMin: number, tMs: number): void {
    s.pending = 0;
    s.clean = 0;
    const c = this.sensors[s.sensor]!;
    const direction = ratePerMin >= 0 ? 'above' : 'below';
    const a: NewAlert = {
      rule: 'rate_of_change',
      asset: c.asset,
      sensor: c.id,
      parameter: c.name,
      unit: `${c.unit}/min`,
      severity: s.rule.severity ?? 'LOW',
      direction,
      value: ratePerMin,
      threshold: s.rule.maxPerMin,
      message: rateMessage(c, ratePerMin, s.rule.windowS, s.rule.maxPerMin),
      recommendedAction: this.advice(c, direction),
      contributors: [],
    };
    if (s.lastSlot >= 0 && tMs - this.book.record(s.lastSlot).clearedMs <= this.settings.coolDownS * 1000) {
      this.book.reopen(s.lastSlot, a, tMs);
      s.slot = s.lastSlot;
      return;
    }
    s.slot = this.book.open(a, tMs);
    s.lastSlot = s.slot;
  }
}
