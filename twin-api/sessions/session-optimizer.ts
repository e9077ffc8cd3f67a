/**
 * The optimizer switched on in a training session (trainers: "what would it have proposed here?"):
 * it plans on the session's twin at every cadence boundary of the session's simulated time (10:40,
 * 10:50, … for a 10 min cadence) and keeps what it would have proposed, bounded, with the time of
 * the round. Like the live optimizer it plans one round at a time: boundaries passed while a round
 * is running (a session at full speed) are not queued; the next frame after it plans once for them.
 * A seek jumps: the first frame after it plans once. A backwards seek forgets the rounds after the
 * new time, as the timeline does. Nothing here can change a setpoint: `plan` only answers.
 */
import type { Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import type { SessionOptimizerView, SessionProposal } from '../../protocol/recommendation.ts';
import type { Recommendation } from '../../rl/recommendation.ts';

export const MAX_SESSION_PROPOSALS = 200;

export interface SessionOptimizerDeps {
  /** Plans on the engine's present and returns the SIM recommendations, proposed or dropped (OptimizerService.planOnSession). */
  readonly plan: (engine: TwinEngine) => Promise<Recommendation[]>;
  /** The optimizer's cadence now, in simulated seconds. */
  readonly cadenceS: () => number;
  /** Each new entry, for the session's stream. */
  readonly publish: (entry: SessionProposal) => void;
  readonly log: (msg: string) => void;
}

/** The index of the cadence boundary at or before `tS`: a round is due when it grows. */
export const roundOf = (tS: number, cadenceS: number): number => Math.floor(tS / cadenceS + 1e-9);

export class SessionOptimizer {
  private on = false;
  private entries: SessionProposal[] = [];
  private lastRound = 0;
  private lastSeenS: number;
  /** Grows on every backwards seek: a round planned before it describes a run that no longer is. */
  private generation = 0;
  private planning: Promise<void> | null = null;
  private readonly sub: Subscription;

  constructor(
    private readonly session: string,
    private readonly engine: TwinEngine,
    private readonly deps: SessionOptimizerDeps,
  ) {
    this.lastSeenS = engine.tS;
    this.sub = engine.frames$.subscribe(() => this.onFrame());
  }

  get enabled(): boolean {
    return this.on;
  }

  /** On: the first round is at the next cadence boundary after now. Off: rounds stop; the list stays. */
  setEnabled(on: boolean): void {
    if (on && !this.on) this.lastRound = roundOf(this.engine.tS, this.deps.cadenceS());
    this.on = on;
  }

  view(): SessionOptimizerView {
    this.forgetAfter(this.engine.tS);
    return { session: this.session, enabled: this.on, cadenceS: this.deps.cadenceS(), proposals: [...this.entries] };
  }

  /** Resolves when the round in progress (if any) has recorded its entries (tests step the session by hand). */
  async idle(): Promise<void> {
    while (this.planning) await this.planning;
  }

  close(): void {
    this.on = false;
    this.sub.unsubscribe();
  }

  private onFrame(): void {
    const tS = this.engine.tS;
    if (tS < this.lastSeenS) this.forgetAfter(tS);
    this.lastSeenS = tS;
    if (!this.on || this.planning !== null) return;
    const round = roundOf(tS, this.deps.cadenceS());
    if (round <= this.lastRound) return;
    this.lastRound = round;
    this.planning = this.runRound(tS).finally(() => {
      this.planning = null;
    });
  }

  private async runRound(atS: number): Promise<void> {
    const at = this.engine.isoAt(atS);
    const generation = this.generation;
    let made: ({ recommendation: Recommendation; note: null } | { recommendation: null; note: string })[];
    try {
      // plan() snapshots the engine before its first await: the round is of this very frame.
      const recs = await this.deps.plan(this.engine);
      made = recs.length > 0 ? recs.map((r) => ({ recommendation: r, note: null })) : [{ recommendation: null, note: 'no proposal: no change the optimizer found for any line or machine' }];
    } catch (err) {
      this.deps.log(`session ${this.session}: optimizer round at ${at} failed: ${(err as Error).message}`);
      made = [{ recommendation: null, note: `planning failed: ${(err as Error).message}` }];
    }
    if (generation !== this.generation) return;
    for (const m of made) this.add({ session: this.session, atS, at, ...m });
  }

  private add(entry: SessionProposal): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_SESSION_PROPOSALS) this.entries.splice(0, this.entries.length - MAX_SESSION_PROPOSALS);
    this.deps.publish(entry);
  }

  /** After a backwards seek: rounds past `tS` have not happened yet in this run. */
  private forgetAfter(tS: number): void {
    if (!this.entries.some((e) => e.atS > tS) && tS >= this.lastSeenS) return;
    this.entries = this.entries.filter((e) => e.atS <= tS);
    this.generation++;
    this.lastSeenS = tS;
    this.lastRound = roundOf(tS, this.deps.cadenceS());
  }
}
