import { Subject, type Observable } from 'rxjs';
import type { TwinEvent } from '../../engine/events.ts';
import type { Frame } from '../../engine/frame.ts';
import type { SensorChannel } from '../../physics/model.ts';
import type { AlertChange, AlertState, AlertView } from './alert.ts';
import { AlertBook } from './alert-book.ts';
import { badField } from './alert-errors.ts';
import { anomalyMessage, failureRiskMessage, lowRulMessage } from './alert-message.ts';
import { DEFAULT_ALERT_SETTINGS, parseAlertSettings, type AlertSettings } from './alert-settings.ts';
import { effectiveLimits } from './effective-limits.ts';
import { ModelRuleTracker, type ModelRule } from './model-rule-tracker.ts';
import { anomalyRule, failureRiskRule, lowRulRule, rulForAlerts, type PredictionReport } from './model-rules.ts';
import { RateTracker } from './rate-tracker.ts';
import { ANOMALY_ACTION, DRIFT_ACTION, FAILURE_ACTION, PREDICTED_FAILURE_ACTION } from './recommended-actions.ts';
import { NO_KNOWLEDGE, type AlertAdvice } from './alert-advice.ts';
import { ThresholdTracker } from './threshold-tracker.ts';

/** What the alert engine reads of a frame (a real engine Frame, or a hand-built one in tests). */
export type AlertFrame = Pick<Frame, 'timeMs' | 'values' | 'sampled' | 'sampledCount'> & { readonly events?: readonly TwinEvent[] };

export interface AlertEngineOptions {
  /** The plant's sensor table (engine.layout.sensors): frames are indexed by it. */
  readonly sensors: readonly SensorChannel[];
  /** Epoch ms of the scenario's t = 0 (engine.startMs), to time events fed through onEvent. */
  readonly startMs: number;
  /** Where recommended actions come from (the knowledge graph, knowledge/advice.ts); default: the asset procedure. */
  readonly advice?: AlertAdvice;
  /** Raw settings (validated here) — defaults when absent. */
  readonly settings?: unknown;
  /**
   * The id of the next alert to open (default sequentialAlertIds()): ids must stay unique across
   * restarts when alerts are stored, so the server takes them from its store.
   */
  readonly nextId?: () => string;
}

/** `${prefix}000001`, `${prefix}000002`, … : ids unique within one engine's life. */
export function sequentialAlertIds(prefix = 'ALT-'): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(6, '0')}`;
}

/** Per-asset state of the event- and model-driven rules (rare: a Map lookup per report is fine). */
interface AssetRuleState {
  slot: number;
  lastSlot: number;
  clean: number;
}

const NO_CHANGES: readonly AlertChange[] = Object.freeze([]);

/**
 * Turns frames, events and anomaly reports into alert lifecycle changes. Pure and deterministic:
 * time comes only from frames, events and reports; operator actions are stamped with the latest
 * simulated time seen. A frame costs O(sampled sensors) with no allocation unless an alert changes.
 *
 * Every change — from a frame, an event, a report or an operator — is also emitted on `changes$`,
 * synchronously and in order, so an adapter that publishes it needs no help from the callers.
 *
 * @example
 * const alerts = new AlertEngine({ sensors: engine.layout.sensors, startMs: engine.startMs, nextId });
 * alerts.changes$.subscribe((c) => hub.publish('alerts', c.alert.lastAt, c));
 * engine.frames$.subscribe((f) => alerts.onFrame(f));
 * alerts.acknowledge('ALT-000001', 'operator@plant'); // published too
 */
export class AlertEngine {
  private readonly sensors: readonly SensorChannel[];
  private readonly startMs: number;
  private readonly book: AlertBook;
  private readonly thresholds: ThresholdTracker;
  private readonly rates: RateTracker;
  private readonly advice: AlertAdvice;
  private readonly anomalies: ModelRuleTracker;
  private readonly failureRisks: ModelRuleTracker;
  private readonly lowRuls: ModelRuleTracker;
  private readonly drifts = new Map<string, AssetRuleState>();
  private readonly failures = new Map<string, AssetRuleState>();
  private current: AlertSettings;
  private lastEventSeq = -1;
  private readonly changed = new Subject<AlertChange>();
  /** Every alert change in the order it happened: raised, escalated, updated, cleared, acknowledged, dismissed… */
  readonly changes$: Observable<AlertChange> = this.changed.asObservable();

  constructor(options: AlertEngineOptions) {
    this.sensors = options.sensors;
    this.startMs = options.startMs;
    this.current = options.settings === undefined ? DEFAULT_ALERT_SETTINGS : parseAlertSettings(options.settings, this.sensors);
    this.book = new AlertBook(options.nextId ?? sequentialAlertIds(), () => this.current.updateIntervalS * 1000);
    this.advice = options.advice ?? NO_KNOWLEDGE;
    const advice = (c: SensorChannel, d: 'above' | 'below' | null) => this.advice.forSensor(c, d);
    this.thresholds = new ThresholdTracker(this.sensors, this.book, effectiveLimits(this.sensors, this.current), this.current, advice);
    const periodS = (k: number) => {
      const p = this.sensors[k]!.period;
      return p.kind === 'periodic' ? p.periodS : 0;
    };
    this.rates = new RateTracker(this.sensors, periodS, this.book, this.current, advice);
    const coolDownMs = () => this.current.coolDownS * 1000;
    this.anomalies = new ModelRuleTracker(this.book, coolDownMs);
    this.failureRisks = new ModelRuleTracker(this.book, coolDownMs);
    this.lowRuls = new ModelRuleTracker(this.book, coolDownMs);
  }

  get settings(): AlertSettings {
    return this.current;
  }

  /** Replaces the settings (validated; throws AlertError naming the field). Open alerts stay open. */
  configure(input: unknown): AlertSettings {
    const next = parseAlertSettings(input, this.sensors);
    const limits = effectiveLimits(this.sensors, next);
    this.current = next;
    this.thresholds.reconfigure(limits, next);
    this.rates.reconfigure(next);
    return next;
  }

  /**
   * Consumes one frame: its sampled values, and its events (failure / maintenance). Feeding the same
   * events again through onEvent is harmless: events are taken once by sequence number.
   */
  onFrame(frame: AlertFrame): readonly AlertChange[] {
    const t = frame.timeMs;
    this.book.nowMs = t;
    const { values, sampled } = frame;
    const ruleOf = this.rates.ruleOf;
    for (let i = 0; i < frame.sampledCount; i++) {
      const k = sampled[i]!;
      const v = values[k]!;
      this.thresholds.sample(k, v, t);
      if (ruleOf[k]! >= 0) this.rates.sample(k, v, t);
    }
    if (frame.events) for (const e of frame.events) this.event(e, t);
    return this.drain();
  }

  /** One event from the public stream (failure opens a CRITICAL alert; maintenance clears it). */
  onEvent(event: TwinEvent): readonly AlertChange[] {
    const t = this.startMs + event.tS * 1000;
    if (!(t < this.book.nowMs)) this.book.nowMs = t;
    this.event(event, t);
    return this.drain();
  }

  /**
   * Live model output of one asset (the predictions feed): failure risk, RUL and anomaly score each go
   * through their rule in the settings (lead time, hysteresis, escalation). Predictions made within
   * predictionWarmupS of the scenario start raise nothing; a task absent or NaN is a missing report.
   */
  reportPrediction(p: PredictionReport): readonly AlertChange[] {
    const t = this.timeOf(p.tIso);
    if (t - this.startMs < this.current.predictionWarmupS * 1000) return NO_CHANGES;
    const s = this.current;
    const { asset } = p;
    if (p.failureRisk) {
      const { probability, horizonH, contributors } = p.failureRisk;
      const finding = { message: (v: number, limit: number) => failureRiskMessage(asset, v, limit, horizonH), recommendedAction: this.advice.forAsset(asset, contributors) ?? PREDICTED_FAILURE_ACTION, unit: '', contributors };
      this.failureRisks.report(failureRiskRule(s), asset, probability, t, finding);
    }
    if (p.rul) {
      const { contributors } = p.rul;
      const finding = { message: (v: number, limit: number) => lowRulMessage(asset, v, limit), recommendedAction: this.advice.forAsset(asset, contributors) ?? PREDICTED_FAILURE_ACTION, unit: 'h', contributors };
      this.lowRuls.report(lowRulRule(s), asset, rulForAlerts(p.rul), t, finding);
    }
    if (p.anomaly) this.anomaly(anomalyRule(s), asset, p.anomaly.score, p.anomaly.contributors, t);
    return this.drain();
  }

  /**
   * Anomaly hook with the caller's own threshold: a score at or above it opens (or keeps) one alert
   * per asset at once, at the configured severity, escalated from twice the threshold;
   * anomaly.clearReports reports below it clear it. A NaN score is a missing report. The predictions
   * feed uses reportPrediction, whose anomaly rule takes its limits from the settings.
   */
  reportAnomaly(asset: string, score: number, threshold: number, contributors: readonly string[], tIso: string): readonly AlertChange[] {
    const t = this.timeOf(tIso);
    const rule = { ...anomalyRule(this.current), raise: threshold, escalate: 2 * threshold, clear: threshold, leadTimeMs: 0 };
    this.anomaly(rule, asset, score, contributors, t);
    return this.drain();
  }

  /**
   * Model-drift hook (ml/drift): one alert per model (`model` names it, e.g. "pump/rul") while its
   * scheduled checks find drift; the first clean check clears it. `psi` is the worst feature's.
   */
  reportDrift(model: string, drifted: boolean, psi: number, psiThreshold: number, features: readonly string[], tIso: string): readonly AlertChange[] {
    const t = this.timeOf(tIso);
    const st = stateOf(this.drifts, model);
    if (!drifted) {
      if (st.slot >= 0) this.closeAsset(st, t);
      return this.drain();
    }
    const a = {
      rule: 'model_drift' as const,
      asset: `model ${model}`,
      sensor: null,
      parameter: null,
      unit: '',
      severity: 'MEDIUM' as const,
      direction: 'above' as const,
      value: psi,
      threshold: psiThreshold,
      message: `input drift on the ${model} model: ${features.slice(0, 3).join(', ')} (PSI ${psi.toFixed(2)}) no longer look like its training data`,
      recommendedAction: DRIFT_ACTION,
      contributors: [...features],
    };
    if (st.slot < 0) this.openAsset(st, a, t);
    else this.book.touch(st.slot, psi, t);
    return this.drain();
  }

  /** active → acknowledged. Throws AlertError UNKNOWN_ALERT, ILLEGAL_TRANSITION or ACTOR_REQUIRED. */
  acknowledge(id: string, actor: string): AlertChange {
    return this.emit(this.book.acknowledge(id, actor));
  }

  /** active | acknowledged → dismissed; `justification` needs at least MIN_JUSTIFICATION characters (else JUSTIFICATION_REQUIRED). */
  dismiss(id: string, actor: string, justification: string): AlertChange {
    return this.emit(this.book.dismiss(id, actor, justification));
  }

  /**
   * Puts back alerts read from the store on start (open ones and recent cleared ones), oldest first,
   * and hands each to its rule: an open alert keeps its state and clears, escalates or is
   * acknowledged as if it had never left; a cleared one can still be re-opened within the
   * cool-down. Nothing is emitted (the store and the clients know them). Throws AlertError
   * DUPLICATE_ID for an id already here.
   */
  restore(alerts: readonly AlertView[]): void {
    const sensorIndex = new Map(this.sensors.map((c, k) => [c.id, k] as const));
    const oldestFirst = [...alerts].sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));
    for (const a of oldestFirst) {
      const slot = this.book.restore(a);
      const open = a.clearedAt === null;
      const lastMs = Date.parse(a.lastAt);
      if (!(lastMs < this.book.nowMs)) this.book.nowMs = lastMs;
      const k = a.sensor === null ? undefined : sensorIndex.get(a.sensor);
      if (a.rule === 'threshold' && k !== undefined) this.thresholds.adopt(k, slot, open);
      else if (a.rule === 'rate_of_change' && k !== undefined) this.rates.adopt(k, slot, open);
      else if (a.rule === 'anomaly') this.anomalies.adopt(a.asset, slot, open);
      else if (a.rule === 'predicted_failure') this.failureRisks.adopt(a.asset, slot, open);
      else if (a.rule === 'low_rul') this.lowRuls.adopt(a.asset, slot, open);
      else if (a.rule === 'failure') adopt(this.failures, a.asset, slot, open);
      else if (a.rule === 'model_drift') adopt(this.drifts, a.asset.replace(/^model /, ''), slot, open);
    }
  }

  get(id: string): AlertView | undefined {
    return this.book.get(id);
  }

  /** Alerts in the order they opened, optionally only those in some states or on one asset. */
  list(filter: { readonly states?: readonly AlertState[]; readonly asset?: string } = {}): AlertView[] {
    return this.book.all().filter((a) => (!filter.states || filter.states.includes(a.state)) && (!filter.asset || a.asset === filter.asset));
  }

  /** Alerts needing an operator: active or acknowledged. */
  open(): AlertView[] {
    return this.list({ states: ['active', 'acknowledged'] });
  }

  private anomaly(rule: ModelRule, asset: string, score: number, contributors: readonly string[], t: number): void {
    const finding = { message: (v: number, limit: number) => anomalyMessage(asset, v, limit, contributors), recommendedAction: this.advice.forAsset(asset, contributors) ?? ANOMALY_ACTION, unit: '', contributors };
    this.anomalies.report(rule, asset, score, t, finding);
  }

  /** A report's simulated time (throws AlertError INVALID_TIME naming `tIso`); operator actions are stamped with the latest. */
  private timeOf(tIso: string): number {
    const t = Date.parse(tIso);
    if (Number.isNaN(t)) throw badField('INVALID_TIME', 'tIso', `not an ISO 8601 time: "${tIso}"`);
    if (!(t < this.book.nowMs)) this.book.nowMs = t;
    return t;
  }

  private event(e: TwinEvent, t: number): void {
    if (e.seq <= this.lastEventSeq) return;
    this.lastEventSeq = e.seq;
    if (e.type === 'failure') {
      const st = stateOf(this.failures, e.asset);
      const a = {
        rule: 'failure' as const,
        asset: e.asset,
        sensor: null,
        parameter: null,
        unit: '',
        severity: 'CRITICAL' as const,
        direction: null,
        value: NaN,
        threshold: NaN,
        message: `${e.asset} failed (${e.mode})`,
        recommendedAction: FAILURE_ACTION,
        contributors: [],
      };
      if (st.slot < 0) this.openAsset(st, a, t);
    } else if (e.type === 'maintenance') {
      const st = this.failures.get(e.asset);
      if (st && st.slot >= 0) this.closeAsset(st, t);
    }
  }

  private openAsset(st: AssetRuleState, a: Parameters<AlertBook['open']>[0], t: number): void {
    st.clean = 0;
    st.slot = this.book.openOrReopen(st.lastSlot, a, t, this.current.coolDownS * 1000);
    st.lastSlot = st.slot;
  }

  private closeAsset(st: AssetRuleState, t: number): void {
    this.book.clear(st.slot, t);
    st.slot = -1;
    st.clean = 0;
  }

  private drain(): readonly AlertChange[] {
    if (this.book.changes.length === 0) return NO_CHANGES;
    const out = this.book.changes.splice(0);
    for (const c of out) this.changed.next(c);
    return out;
  }

  private emit(change: AlertChange): AlertChange {
    this.changed.next(change);
    return change;
  }
}

function adopt(map: Map<string, AssetRuleState>, key: string, slot: number, open: boolean): void {
  const st = stateOf(map, key);
  st.lastSlot = slot;
  if (open) st.slot = slot;
  st.clean = 0;
}

function stateOf(map: Map<string, AssetRuleState>, asset: string): AssetRuleState {
  let st = map.get(asset);
  if (!st) map.set(asset, (st = { slot: -1, lastSlot: -1, clean: 0 }));
  return st;
}
