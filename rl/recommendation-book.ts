/**
 * The optimizer's book of recommendations: each one's status moves only along NEXT_STATUS, every
 * move is a Decision with who, when (simulated time) and why, and a proposal cannot be approved
 * once the plant has moved since it was verified. Pure: ids and times are passed in; the adapter
 * (twin-api/rl) stores each changed recommendation and publishes it.
 */
import { canMove, type ProposalStatus } from './proposal.ts';
import type { Decision, Execution, OptimizerMode, Outcome, Recommendation, VerifiedCandidate } from './recommendation.ts';

export type RecommendationErrorCode = 'NOT_FOUND' | 'WRONG_STATUS' | 'STALE' | 'REASON_REQUIRED';

export class RecommendationError extends Error {
  constructor(
    readonly code: RecommendationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RecommendationError';
  }
}

/** Who acts, at which simulated time. */
export interface Actor {
  readonly actor: string;
  readonly role: string;
  readonly atS: number;
  readonly at: string;
}

/** The optimizer as an actor. */
export const optimizerAt = (atS: number, at: string): Actor => ({ actor: 'optimizer', role: 'optimizer', atS, at });

/**
 * Why a proposal no longer describes the plant, or null: a touched setpoint's target differs from
 * the one it was verified against, or it is older than `validityS`.
 */
export function staleness(rec: Recommendation, targets: Readonly<Record<string, number>>, nowS: number, validityS: number): string | null {
  for (const [id, verified] of Object.entries(rec.basis)) {
    const now = targets[id];
    if (now === undefined || Math.abs(now - verified) > 1e-9) return `${id} is now ${now ?? 'gone'}, not the ${verified} it was verified at`;
  }
  if (nowS - rec.createdAtS > validityS) return `verified ${Math.round((nowS - rec.createdAtS) / 60)} min ago (valid for ${Math.round(validityS / 60)} min)`;
  return null;
}

/** Whether a new proposal goes to the plant without a person: never in manual, never above the approval threshold. */
export function appliesWithoutApproval(rec: Recommendation, mode: OptimizerMode): boolean {
  return rec.status === 'proposed' && mode !== 'manual' && !rec.needsApproval;
}

export class RecommendationBook {
  private readonly byId = new Map<string, Recommendation>();

  constructor(private readonly nextId: () => string) {}

  /** Records a verified candidate as proposed, or as dropped with its reasons. */
  record(v: VerifiedCandidate, at: Actor, basis: Readonly<Record<string, number>>, policyVersion: number): Recommendation {
    const dropped = v.verdict.kind === 'dropped';
    const status: ProposalStatus = dropped ? 'dropped' : 'proposed';
    const rec: Recommendation = {
      id: this.nextId(),
      asset: v.candidate.asset,
      planner: v.candidate.planner,
      moves: v.candidate.moves,
      plan: v.plan,
      evidence: v.verdict.evidence,
      dropReasons: v.verdict.kind === 'dropped' ? v.verdict.reasons : [],
      needsApproval: v.candidate.moves.some((m) => m.needsApproval),
      createdAtS: at.atS,
      createdAt: at.at,
      status,
      basis,
      policyVersion,
      decisions: [decision(status, at, dropped ? (v.verdict as { reasons: readonly string[] }).reasons.join(', ') : null)],
      execution: null,
      outcome: null,
    };
    this.byId.set(rec.id, rec);
    return rec;
  }

  /** Puts back recommendations read from the history database (after a restart). */
  restore(recs: readonly Recommendation[]): void {
    for (const r of recs) this.byId.set(r.id, r);
  }

  get(id: string): Recommendation {
    const r = this.byId.get(id);
    if (!r) throw new RecommendationError('NOT_FOUND', `no recommendation "${id}"`);
    return r;
  }

  /** Newest first, optionally of some statuses. */
  list(statuses?: readonly ProposalStatus[]): Recommendation[] {
    const all = [...this.byId.values()].filter((r) => !statuses || statuses.includes(r.status));
    return all.sort((a, b) => b.createdAtS - a.createdAtS || (a.id < b.id ? 1 : -1));
  }

  /** Approves a proposal still true of the plant; a stale one is expired and refused (STALE). */
  approve(id: string, by: Actor, targets: Readonly<Record<string, number>>, validityS: number, reason: string | null = null): Recommendation {
    const rec = this.get(id);
    this.check(rec, 'approved');
    const stale = staleness(rec, targets, by.atS, validityS);
    if (stale !== null) {
      this.move(rec, 'expired', optimizerAt(by.atS, by.at), `stale: ${stale}`);
      throw new RecommendationError('STALE', `recommendation ${id} is stale and was expired: ${stale}; run the optimizer again`);
    }
    return this.move(rec, 'approved', by, reason);
  }

  /** An operator's "no", with the reason the optimizer's engineers will read. */
  reject(id: string, by: Actor, reason: string): Recommendation {
    if (reason.trim() === '') throw new RecommendationError('REASON_REQUIRED', 'reason: say why the proposal is rejected');
    const rec = this.get(id);
    this.check(rec, 'rejected');
    return this.move(rec, 'rejected', by, reason);
  }

  /** Expires proposals older than `validityS`; returns those it expired. */
  expire(nowS: number, at: string, validityS: number): Recommendation[] {
    const old = this.list(['proposed', 'approved']).filter((r) => nowS - r.createdAtS > validityS);
    return old.map((r) => this.move(r, 'expired', optimizerAt(nowS, at), `not applied within ${Math.round(validityS / 60)} min`));
  }

  startExecution(id: string, by: Actor, execution: Execution): Recommendation {
    const rec = this.get(id);
    this.check(rec, 'applying');
    return this.move(rec, 'applying', by, null, { execution });
  }

  /** Replaces the running execution's figures (observed counts, command ids); no status change. */
  updateExecution(id: string, execution: Execution): Recommendation {
    const rec = this.get(id);
    // A rolled-back change still ramps back: its commands are added as they are sent.
    if (rec.status !== 'applying' && rec.status !== 'applied' && rec.status !== 'rolled_back') throw new RecommendationError('WRONG_STATUS', `recommendation ${id} is ${rec.status}, not being applied`);
    return this.put({ ...rec, execution });
  }

  finish(id: string, at: Actor, outcome: Outcome): Recommendation {
    const rec = this.get(id);
    this.check(rec, 'applied');
    return this.move(rec, 'applied', at, null, { outcome });
  }

  rollBack(id: string, by: Actor, reason: string, outcome: Outcome | null): Recommendation {
    const rec = this.get(id);
    this.check(rec, 'rolled_back');
    return this.move(rec, 'rolled_back', by, reason, outcome ? { outcome } : {});
  }

  fail(id: string, at: Actor, reason: string): Recommendation {
    const rec = this.get(id);
    this.check(rec, 'failed');
    return this.move(rec, 'failed', at, reason);
  }

  private check(rec: Recommendation, to: ProposalStatus): void {
    if (!canMove(rec.status, to)) throw new RecommendationError('WRONG_STATUS', `recommendation ${rec.id} is ${rec.status}: it cannot become ${to}`);
  }

  private move(rec: Recommendation, status: ProposalStatus, by: Actor, reason: string | null, patch: Partial<Recommendation> = {}): Recommendation {
    return this.put({ ...rec, ...patch, status, decisions: [...rec.decisions, decision(status, by, reason)] });
  }

  private put(rec: Recommendation): Recommendation {
    this.byId.set(rec.id, rec);
    return rec;
  }
}

function decision(status: ProposalStatus, by: Actor, reason: string | null): Decision {
  return { status, atS: by.atS, at: by.at, actor: by.actor, role: by.role, reason };
}
