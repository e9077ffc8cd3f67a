import { severityRank, type AlertChange, type AlertChangeKind, type AlertRule, type AlertState, type AlertView, type Severity } from './alert.ts';
import { AlertError, badField, illegalTransition, unknownAlert } from './alert-errors.ts';

/** The mutable record behind an AlertView; times are simulated epoch ms (NaN = not yet). */
export interface AlertRecord {
  readonly id: string;
  readonly rule: AlertRule;
  readonly asset: string;
  readonly sensor: string | null;
  readonly parameter: string | null;
  readonly unit: string;
  severity: Severity;
  state: AlertState;
  direction: 'above' | 'below' | null;
  openedMs: number;
  lastMs: number;
  clearedMs: number;
  value: number;
  threshold: number;
  message: string;
  recommendedAction: string;
  reopenCount: number;
  contributors: readonly string[];
  acknowledgedBy: string | null;
  acknowledgedMs: number;
  dismissedBy: string | null;
  dismissedMs: number;
  justification: string | null;
  /** When the last change of this alert was emitted (for throttling `updated`). */
  emittedMs: number;
}

export type NewAlert = Pick<AlertRecord, 'rule' | 'asset' | 'sensor' | 'parameter' | 'unit' | 'severity' | 'direction' | 'value' | 'threshold' | 'message' | 'recommendedAction' | 'contributors'>;

const iso = (ms: number): string | null => (Number.isNaN(ms) ? null : new Date(ms).toISOString());
const num = (x: number): number | null => (Number.isFinite(x) ? x : null);
/** Shortest justification accepted for a dismissal: a word or two is not a reason. */
export const MIN_JUSTIFICATION = 10;

/**
 * Every alert ever raised, by slot (its position) and id, and the lifecycle transitions. Each
 * transition appends an AlertChange to `changes`, which the engine drains.
 */
export class AlertBook {
  private readonly records: AlertRecord[] = [];
  private readonly byId = new Map<string, number>();
  readonly changes: AlertChange[] = [];
  /** Latest simulated time seen: operator actions are stamped with it (no wall clock here). */
  nowMs = NaN;

  constructor(
    private readonly nextId: () => string,
    private readonly updateIntervalMs: () => number,
  ) {}

  record(slot: number): AlertRecord {
    return this.records[slot]!;
  }

  open(a: NewAlert, tMs: number): number {
    const slot = this.records.length;
    const id = this.unusedId(this.nextId());
    this.records.push({
      ...a,
      id,
      state: 'active',
      openedMs: tMs,
      lastMs: tMs,
      clearedMs: NaN,
      reopenCount: 0,
      acknowledgedBy: null,
      acknowledgedMs: NaN,
      dismissedBy: null,
      dismissedMs: NaN,
      justification: null,
      emittedMs: tMs,
    });
    this.byId.set(id, slot);
    this.emit('opened', slot, tMs);
    return slot;
  }

  /** Puts back an alert read from the store as it was (no change is emitted: it is not news). */
  restore(a: AlertView): number {
    const slot = this.records.length;
    const ms = (t: string | null) => (t === null ? NaN : Date.parse(t));
    const lastMs = ms(a.lastAt);
    this.records.push({
      id: this.unusedId(a.id),
      rule: a.rule,
      asset: a.asset,
      sensor: a.sensor,
      parameter: a.parameter,
      unit: a.unit,
      severity: a.severity,
      state: a.state,
      direction: a.direction,
      openedMs: ms(a.openedAt),
      lastMs,
      clearedMs: ms(a.clearedAt),
      value: a.value ?? NaN,
      threshold: a.threshold ?? NaN,
      message: a.message,
      recommendedAction: a.recommendedAction,
      reopenCount: a.reopenCount,
      contributors: [...a.contributors],
      acknowledgedBy: a.acknowledgedBy,
      acknowledgedMs: ms(a.acknowledgedAt),
      dismissedBy: a.dismissedBy,
      dismissedMs: ms(a.dismissedAt),
      justification: a.justification,
      emittedMs: lastMs,
    });
    this.byId.set(a.id, slot);
    return slot;
  }

  /**
   * Raises `a` for a rule whose last alert is `lastSlot` (-1: none): the same excursion back within
   * `coolDownMs` of that alert's clearing revives it (one alert per episode, not chatter); otherwise
   * a new alert. Returns the slot raised.
   */
  openOrReopen(lastSlot: number, a: NewAlert, tMs: number, coolDownMs: number): number {
    if (lastSlot >= 0 && tMs - this.records[lastSlot]!.clearedMs <= coolDownMs) {
      this.reopen(lastSlot, a, tMs);
      return lastSlot;
    }
    return this.open(a, tMs);
  }

  /** The same excursion came back within the cool-down: revive the cleared alert. A dismissed one stays dismissed. */
  reopen(slot: number, a: NewAlert, tMs: number): void {
    const r = this.records[slot]!;
    r.reopenCount++;
    r.clearedMs = NaN;
    if (r.state === 'cleared') r.state = 'active';
    this.raise(r, a, tMs);
    this.emit('reopened', slot, tMs);
  }

  /** A worse severity for the same excursion: an acknowledged or dismissed alert needs attention again. */
  escalate(slot: number, a: NewAlert, tMs: number): void {
    const r = this.records[slot]!;
    this.raise(r, a, tMs);
    if (r.state === 'acknowledged' || r.state === 'dismissed') r.state = 'active';
    this.emit('escalated', slot, tMs);
  }

  private raise(r: AlertRecord, a: NewAlert, tMs: number): void {
    r.value = a.value;
    r.lastMs = tMs;
    r.contributors = a.contributors;
    r.direction = a.direction;
    if (severityRank(a.severity) < severityRank(r.severity)) return;
    r.severity = a.severity;
    r.threshold = a.threshold;
    r.message = a.message;
    r.recommendedAction = a.recommendedAction;
  }

  /** Latest value and time: allocation-free, with an `updated` change at most every updateIntervalS. */
  touch(slot: number, value: number, tMs: number): void {
    const r = this.records[slot]!;
    r.value = value;
    r.lastMs = tMs;
    if (tMs - r.emittedMs >= this.updateIntervalMs()) this.emit('updated', slot, tMs);
  }

  clear(slot: number, tMs: number): void {
    const r = this.records[slot]!;
    r.clearedMs = tMs;
    r.lastMs = tMs;
    // An acknowledged alert closes when its condition clears; a dismissed one keeps its verdict.
    if (r.state !== 'dismissed') r.state = 'cleared';
    this.emit('cleared', slot, tMs);
  }

  acknowledge(id: string, actor: string): AlertChange {
    const slot = this.slotOf(id);
    const r = this.records[slot]!;
    requireActor(actor);
    if (r.state !== 'active') throw illegalTransition(id, r.state, 'acknowledge');
    r.state = 'acknowledged';
    r.acknowledgedBy = actor;
    r.acknowledgedMs = this.stamp(r);
    return this.emit('acknowledged', slot, r.acknowledgedMs, false);
  }

  dismiss(id: string, actor: string, justification: string): AlertChange {
    const slot = this.slotOf(id);
    const r = this.records[slot]!;
    requireActor(actor);
    const why = typeof justification === 'string' ? justification.trim() : '';
    if (why.length < MIN_JUSTIFICATION) throw badField('JUSTIFICATION_REQUIRED', 'justification', `required, at least ${MIN_JUSTIFICATION} characters explaining why the alert is dismissed`);
    if (r.state !== 'active' && r.state !== 'acknowledged') throw illegalTransition(id, r.state, 'dismiss');
    r.state = 'dismissed';
    r.dismissedBy = actor;
    r.justification = why;
    r.dismissedMs = this.stamp(r);
    return this.emit('dismissed', slot, r.dismissedMs, false);
  }

  get(id: string): AlertView | undefined {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : this.view(slot);
  }

  all(): AlertView[] {
    return this.records.map((_, slot) => this.view(slot));
  }

  view(slot: number): AlertView {
    const r = this.records[slot]!;
    return {
      id: r.id,
      rule: r.rule,
      severity: r.severity,
      state: r.state,
      asset: r.asset,
      sensor: r.sensor,
      parameter: r.parameter,
      openedAt: iso(r.openedMs)!,
      lastAt: iso(r.lastMs)!,
      clearedAt: iso(r.clearedMs),
      value: num(r.value),
      threshold: num(r.threshold),
      unit: r.unit,
      direction: r.direction,
      message: r.message,
      recommendedAction: r.recommendedAction,
      reopenCount: r.reopenCount,
      contributors: [...r.contributors],
      acknowledgedBy: r.acknowledgedBy,
      acknowledgedAt: iso(r.acknowledgedMs),
      dismissedBy: r.dismissedBy,
      dismissedAt: iso(r.dismissedMs),
      justification: r.justification,
    };
  }

  // Two alerts with one id would overwrite each other in the store: a wiring mistake, refused loudly.
  private unusedId(id: string): string {
    if (this.byId.has(id)) throw new AlertError('DUPLICATE_ID', `alert id "${id}" is already in use (restored twice, or nextId repeats)`, 'id');
    return id;
  }

  private slotOf(id: string): number {
    const slot = this.byId.get(id);
    if (slot === undefined) throw unknownAlert(id);
    return slot;
  }

  private stamp(r: AlertRecord): number {
    return Number.isNaN(this.nowMs) ? r.lastMs : Math.max(this.nowMs, r.lastMs);
  }

  /** Operator actions are returned to their caller, not queued with the engine's own changes. */
  private emit(kind: AlertChangeKind, slot: number, tMs: number, queue = true): AlertChange {
    this.records[slot]!.emittedMs = tMs;
    const change = { kind, alert: this.view(slot) };
    if (queue) this.changes.push(change);
    return change;
  }
}

function requireActor(actor: string): void {
  if (typeof actor !== 'string' || actor.trim() === '') throw badField('ACTOR_REQUIRED', 'actor', 'required: who performs the action');
}
