import { severityRank, type AlertRule, type Severity } from './alert.ts';
import type { AlertBook, NewAlert } from './alert-book.ts';

/**
 * One model-based rule with its limits made concrete. An `above` rule is beyond a limit at
 * value ≥ limit and clean below `clear`; a `below` rule mirrors it (≤ limit, clean above `clear`).
 */
export interface ModelRule {
  readonly rule: Extract<AlertRule, 'anomaly' | 'predicted_failure' | 'low_rul'>;
  readonly direction: 'above' | 'below';
  readonly raise: number;
  readonly escalate: number;
  readonly clear: number;
  readonly leadTimeMs: number;
  readonly clearReports: number;
  readonly severity: Severity;
  readonly escalatedSeverity: Severity;
}

/** What an alert says about a value: its message (given the limit it crossed), action, unit, contributors. */
export interface ModelFinding {
  readonly message: (value: number, limit: number) => string;
  readonly recommendedAction: string;
  readonly unit: string;
  readonly contributors: readonly string[];
}

interface AssetState {
  slot: number;
  lastSlot: number;
  clean: number;
  /** Simulated ms of the first report of the current run beyond the raise limit (NaN: none). */
  sinceMs: number;
}

/**
 * A rule over a model's reports, per asset, with a lead time and hysteresis:
 * idle → (beyond `raise` on every report for leadTimeMs) → open → (clearReports reports past `clear`) → idle.
 * While open, a value beyond `escalate` escalates the same alert; values between `clear` and `raise`
 * keep it open, so a prediction hovering at the limit raises one alert, not one per crossing.
 * Pure: time is the reports' simulated time.
 */
export class ModelRuleTracker {
  private readonly assets = new Map<string, AssetState>();

  constructor(
    private readonly book: AlertBook,
    private readonly coolDownMs: () => number,
  ) {}

  /** Takes a restored alert of an asset as its own (open: judged by the next reports; cleared: the one a re-opening merges into). */
  adopt(asset: string, slot: number, open: boolean): void {
    const st = this.stateOf(asset);
    st.lastSlot = slot;
    if (open) st.slot = slot;
    st.clean = 0;
    st.sinceMs = NaN;
  }

  /** One report of `asset` at tMs. NaN is a missing report: it neither raises nor clears. */
  report(r: ModelRule, asset: string, value: number, tMs: number, f: ModelFinding): void {
    if (value !== value) return;
    const st = this.stateOf(asset);
    const beyond = (limit: number) => (r.direction === 'above' ? value >= limit : value <= limit);
    if (st.slot < 0) {
      if (!beyond(r.raise)) {
        st.sinceMs = NaN;
        return;
      }
      if (st.sinceMs !== st.sinceMs) st.sinceMs = tMs;
      if (tMs - st.sinceMs < r.leadTimeMs) return;
      this.open(st, this.alert(r, asset, value, beyond(r.escalate), f), tMs);
      return;
    }
    const clean = r.direction === 'above' ? value < r.clear : value > r.clear;
    if (clean) {
      if (++st.clean >= r.clearReports) this.close(st, tMs);
      return;
    }
    st.clean = 0;
    if (beyond(r.escalate) && severityRank(r.escalatedSeverity) > severityRank(this.book.record(st.slot).severity)) {
      this.book.escalate(st.slot, this.alert(r, asset, value, true, f), tMs);
    } else this.book.touch(st.slot, value, tMs);
  }

  private alert(r: ModelRule, asset: string, value: number, escalated: boolean, f: ModelFinding): NewAlert {
    const limit = escalated ? r.escalate : r.raise;
    return {
      rule: r.rule,
      asset,
      sensor: null,
      parameter: null,
      unit: f.unit,
      severity: escalated ? r.escalatedSeverity : r.severity,
      direction: r.direction,
      value,
      threshold: limit,
      message: f.message(value, limit),
      recommendedAction: f.recommendedAction,
      contributors: [...f.contributors],
    };
  }

  private open(st: AssetState, a: NewAlert, tMs: number): void {
    st.clean = 0;
    st.sinceMs = NaN;
    st.slot = this.book.openOrReopen(st.lastSlot, a, tMs, this.coolDownMs());
    st.lastSlot = st.slot;
  }

  private close(st: AssetState, tMs: number): void {
    this.book.clear(st.slot, tMs);
    st.slot = -1;
    st.clean = 0;
  }

  private stateOf(asset: string): AssetState {
    let st = this.assets.get(asset);
    if (!st) this.assets.set(asset, (st = { slot: -1, lastSlot: -1, clean: 0, sinceMs: NaN }));
    return st;
  }
}
