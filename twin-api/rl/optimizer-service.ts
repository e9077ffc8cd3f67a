/**
 * The optimizer in the live twin: plans on the cadence (simulated time) and on request, keeps the
 * book of recommendations, takes operators' decisions, and applies through the executor. Every
 * change of a recommendation is stored (ordered, retrying writer), published on the
 * `recommendations` channel and, for the optimizer's own decisions, audited; people's decisions are
 * audited by the API's write hook. Proposals and decisions survive a restart.
 */
import type { Subscription } from 'rxjs';
import type { PlantCommands, PolicyBounds } from '../../commands/index.ts';
import type { TwinEngine } from '../../engine/engine.ts';
import { snapshotToBinary } from '../../engine/snapshot.ts';
import { plantRef, type PlantRef } from '../../lookahead/plant-key.ts';
import type { AlertEngine } from '../../monitor/alerts/alert-engine.ts';
import type { ShadowState } from '../../monitor/shadow/shadow-view.ts';
import type { OptimizerSettings, SafetyPolicyChange, SafetyPolicyDoc } from '../../protocol/recommendation.ts';
import type { ProposeFn } from '../../rl/cycle.ts';
import { appliesWithoutApproval, optimizerAt, RecommendationBook, RecommendationError, type Actor } from '../../rl/recommendation-book.ts';
import type { Recommendation } from '../../rl/recommendation.ts';
import { parseRewardWeights } from '../../rl/reward.ts';
import { envelopes, parseSafetyPolicy, type Envelope, type SafetyPolicy } from '../../rl/safety-policy.ts';
import { replanFor } from '../../rl/replan-trigger.ts';
import { shadowTrust } from '../../rl/shadow-trust.ts';
import { SessionOptimizer } from '../sessions/session-optimizer.ts';
import type { TrainingSession } from '../sessions/training-session.ts';
import type { AuditWriter } from '../store/audit-writer.ts';
import type { RecommendationStore } from '../store/recommendation-store.ts';
import type { SettingsStore } from '../store/settings-store.ts';
import type { WsHub } from '../ws/hub.ts';
import { Executor } from './executor.ts';
import { loadOptimizerConfig, POLICY_KEY, SETTINGS_KEY } from './optimizer-settings.ts';
import { RecommendationWriter } from './recommendation-writer.ts';

export interface OptimizerServiceDeps {
  readonly engine: TwinEngine;
  readonly commands: PlantCommands;
  readonly store: RecommendationStore & SettingsStore;
  readonly audit: Pick<AuditWriter, 'appendAudit'>;
  readonly hub: Pick<WsHub, 'publish'>;
  readonly shadow: () => ShadowState;
  readonly alerts: Pick<AlertEngine, 'open' | 'changes$'>;
  readonly propose: ProposeFn;
  /** Plan on the cadence by itself (the server); false: only on request (tests). */
  readonly scheduled: boolean;
  readonly now: () => number;
  readonly log: (msg: string) => void;
}

/** A person acting through the API. */
export interface Caller {
  readonly actor: string;
  readonly role: string;
}

/** The lines and machines the optimizer plans for: those with a setpoint the policy covers. */
function controllable(engine: TwinEngine, policy: SafetyPolicy): Map<string, Envelope[]> {
  const out = new Map<string, Envelope[]>();
  const views = engine.setpoints();
  for (const env of envelopes(policy, views)) {
    const asset = views.find((v) => v.id === env.setpoint)!.asset;
    out.set(asset, [...(out.get(asset) ?? []), env]);
  }
  return out;
}

export class OptimizerService {
  readonly book: RecommendationBook;
  private settings!: OptimizerSettings;
  private policy!: SafetyPolicy;
  /** Who stored the policy in force and when; null: the default, never changed. */
  private policyChanged: { by: string | null; atMs: number } | null = null;
  private readonly writer: RecommendationWriter;
  private readonly executor: Executor;
  private readonly plant: PlantRef;
  private subs: Subscription[] = [];
  private lastPlanS = -Infinity;
  private round = 0;
  private planning: Promise<Recommendation[]> | null = null;
  /** Assets an alert asked to plan for, waiting for the round in progress. */
  private readonly replan = new Set<string>();

  constructor(private readonly deps: OptimizerServiceDeps) {
    let n = 0;
    const prefix = deps.now().toString(36);
    this.book = new RecommendationBook(() => `REC-${prefix}-${++n}`);
    this.writer = new RecommendationWriter(deps.store, deps.now, (err, attempt, retryInMs) => deps.log(`recommendation write failed (attempt ${attempt}, retry in ${retryInMs} ms): ${(err as Error).message}`));
    this.plant = plantRef(deps.engine.scenario);
    this.executor = new Executor({
      book: this.book,
      commands: deps.commands,
      events$: deps.engine.events$,
      isoAt: (t) => deps.engine.isoAt(t),
      envelopeOf: (id) => this.envelopeOf(id),
      rollback: () => this.settings.rollback,
      constraint: (asset, sinceS) => {
        const sinceMs = deps.engine.startMs + sinceS * 1000;
        const a = deps.alerts.open().find((x) => x.asset === asset && x.severity === 'CRITICAL' && Date.parse(x.openedAt) >= sinceMs);
        return a ? `CRITICAL alert on ${asset}: ${a.message}` : null;
      },
      save: (r) => this.save(r),
      log: deps.log,
    });
  }

  /** Reads settings, policy and the stored book (open recommendations come back as they were). */
  async load(): Promise<void> {
    const { settings, policy } = await loadOptimizerConfig(this.deps.store, this.deps.log);
    this.settings = settings;
    this.policy = policy;
    // The stored document's author, when it is the policy in force (an unreadable one fell back to the default).
    const stored = await this.deps.store.getSetting(POLICY_KEY);
    if (stored && (stored.value as { version?: unknown } | null)?.version === policy.version) this.policyChanged = { by: stored.updatedBy, atMs: stored.updatedAtMs };
    this.book.restore(await this.deps.store.listRecommendations({ limit: 1000 }));
  }

  /** Follows the twin's clock: ramps and watches changes, plans on the cadence, expires old proposals. */
  start(): void {
    const e = this.deps.engine;
    this.subs.push(
      e.frames$.subscribe(() => {
        const tS = e.tS;
        void this.executor.tick(tS);
        for (const r of this.book.expire(tS, e.isoAt(tS), this.settings.validityS)) void this.save(r);
        if (this.deps.scheduled && this.settings.enabled && tS - this.lastPlanS >= this.settings.cadenceS && this.planning === null) void this.optimize().catch((err: Error) => this.deps.log(`optimizer: planning round failed: ${err.message}`));
      }),
      // An anomaly or a serious alert on an asset the optimizer may move: plan for it now, not at the next cadence.
      this.deps.alerts.changes$.subscribe((c) => {
        const asset = replanFor(c);
        if (asset === null || !this.deps.scheduled || !this.settings.enabled) return;
        if (!controllable(e, this.policy).has(asset) || this.executor.busyAssets().has(asset) || this.book.list(['proposed', 'approved']).some((r) => r.asset === asset)) return;
        this.deps.log(`optimizer: planning for ${asset} after alert ${c.alert.id} (${c.alert.rule}, ${c.alert.severity})`);
        this.replan.add(asset);
        this.drainReplans();
      }),
    );
  }

  /** Plans the assets alerts asked for, one round at a time, after any round already running. */
  private drainReplans(): void {
    if (this.planning !== null || this.replan.size === 0) return;
    const asset = this.replan.values().next().value!;
    this.replan.delete(asset);
    void this.optimize(asset).catch((err: Error) => this.deps.log(`optimizer: planning for ${asset} failed: ${err.message}`));
  }

  /** Plans now for one asset or every controllable one not busy; returns the new recommendations (proposed and dropped). */
  optimize(asset?: string): Promise<Recommendation[]> {
    if (this.planning) return this.planning;
    this.planning = this.planRound(asset).finally(() => {
      this.planning = null;
      this.drainReplans();
    });
    return this.planning;
  }

  list(statuses?: readonly Recommendation['status'][]): Recommendation[] {
    return this.book.list(statuses);
  }

  /** An operator's approval: refused (STALE) when the plant moved since verification. */
  async approve(id: string, by: Caller, note: string | null): Promise<Recommendation> {
    const e = this.deps.engine;
    const targets = Object.fromEntries(e.setpoints().map((s) => [s.id, s.target]));
    let approved: Recommendation;
    try {
      approved = this.book.approve(id, this.actor(by), targets, this.settings.validityS, note);
    } catch (err) {
      // A stale proposal was expired as it was refused: that change is stored and published too.
      if (err instanceof RecommendationError && err.code === 'STALE') await this.save(this.book.get(id));
      throw err;
    }
    await this.save(approved);
    return this.executor.begin(approved, e.tS);
  }

  async reject(id: string, by: Caller, reason: string): Promise<Recommendation> {
    const r = this.book.reject(id, this.actor(by), reason);
    await this.save(r);
    return r;
  }

  rollBack(id: string, by: Caller, reason: string | null): Promise<Recommendation> {
    return this.executor.rollBack(id, this.actor(by), reason ?? `rolled back by ${by.actor}`, false);
  }

  /** Resolves when the executor has sent what is due and judged what it watches (tests step the twin by hand). */
  idle(): Promise<void> {
    return this.executor.idle();
  }

  getSettings(): OptimizerSettings {
    return this.settings;
  }

  async putSettings(next: OptimizerSettings, by: Caller): Promise<OptimizerSettings> {
    parseRewardWeights(next.weights);
    await this.deps.store.putSetting(SETTINGS_KEY, next, by.actor);
    this.settings = next;
    return next;
  }

  getPolicy(): SafetyPolicy {
    return this.policy;
  }

  /** Admins only (the route checks): the new policy gets the next version; envelopes must stay non-empty. */
  async putPolicy(doc: SafetyPolicyDoc, by: Caller): Promise<SafetyPolicy> {
    const next = parseSafetyPolicy({ ...doc, version: this.policy.version + 1 });
    controllable(this.deps.engine, next); // throws SafetyPolicyError when a unit or range does not fit a setpoint
    const stored = await this.deps.store.putSetting(POLICY_KEY, next, by.actor);
    this.policy = next;
    this.policyChanged = { by: stored.updatedBy, atMs: stored.updatedAtMs };
    return next;
  }

  /** Who last replaced the policy in force, and when (wall clock); nulls for the default policy. */
  getPolicyChange(): SafetyPolicyChange {
    const c = this.policyChanged;
    return { version: this.policy.version, changedBy: c?.by ?? null, changedAt: c ? new Date(c.atMs).toISOString() : null };
  }

  /** Stores and publishes the recommendation as it is now. */
  async save(rec: Recommendation): Promise<void> {
    this.deps.hub.publish('recommendations', this.deps.engine.isoAt(), rec);
    await this.writer.put(rec);
  }

  async close(): Promise<void> {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
    this.executor.close();
    await this.planning?.catch(() => {});
    await this.writer.flush();
  }

  metrics() {
    return this.writer.metrics();
  }

  /** The envelope in force of a setpoint as the command path checks it (every command, a person's too). */
  policyBounds(setpoint: string): PolicyBounds | undefined {
    if (!this.policy) return undefined;
    const env = this.envelopeOf(setpoint);
    return env ? { lo: env.lo, hi: env.hi, unit: env.unit, source: `safety policy v${this.policy.version}` } : undefined;
  }

  private envelopeOf(setpoint: string): Envelope | undefined {
    const view = this.deps.engine.setpoints().find((s) => s.id === setpoint);
    return view ? (envelopes(this.policy, [view])[0] ?? undefined) : undefined;
  }

  private actor(by: Caller): Actor {
    const tS = this.deps.engine.tS;
    return { actor: by.actor, role: by.role, atS: tS, at: this.deps.engine.isoAt(tS) };
  }

  /**
   * "What would the optimizer do here?" on a training session's twin (trainers replaying an
   * incident, engineers comparing with their own what-if): the same planning and verification, on
   * the session's present, with its settings and policy. Nothing is kept or applied: the answers
   * carry ids of their own (SIM-…), are not in the book and cannot be approved. A session has no
   * live measurements, so shadow trust is not a condition there (its figure is null).
   */
  async planOnSession(engine: TwinEngine, asset?: string): Promise<Recommendation[]> {
    let n = 0;
    const prefix = `SIM-${this.deps.now().toString(36)}`;
    const scratch = new RecommendationBook(() => `${prefix}-${++n}`);
    const startS = engine.tS;
    const snapshot = snapshotToBinary(engine.snapshot());
    const setpoints = engine.setpoints();
    const plant = plantRef(engine.scenario);
    const out: Recommendation[] = [];
    const assets = controllable(engine, this.policy);
    if (asset !== undefined && !assets.has(asset)) throw new RecommendationError('NOT_FOUND', `asset: "${asset}" has no setpoint the safety policy covers; one of ${[...assets.keys()].join(', ')}`);
    for (const [id, envs] of assets) {
      if (asset !== undefined && id !== asset) continue;
      const verified = await this.deps.propose({ plant, snapshot, startS, asset: id, setpoints, envelopes: envs, weights: this.settings.weights, trust: { trackingAccuracy: null, flagged: [], trusted: true }, round: ++this.round });
      if (verified === null) continue;
      const basis = Object.fromEntries(verified.candidate.moves.map((m) => [m.setpoint, setpoints.find((s) => s.id === m.setpoint)!.target]));
      out.push(scratch.record(verified, optimizerAt(startS, engine.isoAt(startS)), basis, this.policy.version));
    }
    return out;
  }

  /**
   * The optimizer along a training session (a trainer's toggle): created on first use, kept on the
   * session and ended with it. Its rounds are planOnSession's, on the session's cadence boundaries,
   * published on the `state` channel as kind "session_proposal"; nothing is applied.
   */
  sessionOptimizer(session: Pick<TrainingSession, 'id' | 'engine' | 'optimizer'>): SessionOptimizer {
    session.optimizer ??= new SessionOptimizer(session.id, session.engine, {
      plan: (engine) => this.planOnSession(engine),
      cadenceS: () => this.settings.cadenceS,
      publish: (p) => this.deps.hub.publish('state', p.at, { kind: 'session_proposal', ...p }),
      log: this.deps.log,
    });
    return session.optimizer;
  }

  private async planRound(only?: string): Promise<Recommendation[]> {
    const e = this.deps.engine;
    const startS = e.tS;
    this.lastPlanS = startS;
    const snapshot = snapshotToBinary(e.snapshot());
    const setpoints = e.setpoints();
    const busy = this.executor.busyAssets();
    const open = new Set(this.book.list(['proposed', 'approved']).map((r) => r.asset));
    const out: Recommendation[] = [];
    for (const [asset, envs] of controllable(e, this.policy)) {
      if (only !== undefined && asset !== only) continue;
      if (busy.has(asset) || (only === undefined && open.has(asset))) continue;
      const mode = this.settings.modes[asset] ?? 'manual';
      // Auto mode never goes above the approval threshold: the planner's envelope is cut to it.
      const inForce = mode === 'auto' ? envs.map((x) => narrowToThreshold(x, setpoints.find((s) => s.id === x.setpoint)!.target)) : envs;
      const verified = await this.deps.propose({ plant: this.plant, snapshot, startS, asset, setpoints, envelopes: inForce, weights: this.settings.weights, trust: shadowTrust(this.deps.shadow(), [asset]), round: ++this.round });
      if (verified === null) continue;
      const basis = Object.fromEntries(verified.candidate.moves.map((m) => [m.setpoint, setpoints.find((s) => s.id === m.setpoint)!.target]));
      const rec = this.book.record(verified, optimizerAt(startS, e.isoAt(startS)), basis, this.policy.version);
      await this.save(rec);
      await this.auditOwn(rec, rec.status === 'dropped' ? `dropped: ${rec.dropReasons.join(', ')}` : 'proposed');
      out.push(rec);
      if (appliesWithoutApproval(rec, mode)) {
        await this.auditOwn(rec, `applied without approval (${mode} mode, under the approval threshold)`);
        out[out.length - 1] = await this.executor.begin(rec, e.tS);
      }
    }
    return out;
  }

  private async auditOwn(rec: Recommendation, what: string): Promise<void> {
    await this.deps.audit
      .appendAudit({ atMs: this.deps.now(), actor: 'optimizer', role: 'optimizer', action: `optimizer ${what}`, target: `recommendation ${rec.id}`, detail: { asset: rec.asset, moves: rec.moves, status: rec.status } })
      .catch((err: Error) => this.deps.log(`optimizer: audit entry for ${rec.id} not stored: ${err.message}`));
  }
}

/** The envelope cut to the approval threshold around the target; as it is when the target lies outside it (the shield brings it back). */
function narrowToThreshold(env: Envelope, target: number): Envelope {
  const lo = Math.max(env.lo, target - env.approvalAbove);
  const hi = Math.min(env.hi, target + env.approvalAbove);
  return lo <= hi ? { ...env, lo, hi } : env;
}
