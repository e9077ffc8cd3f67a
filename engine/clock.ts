import { asyncScheduler, BehaviorSubject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { EngineError } from './commands.ts';

/** How soon a held max-speed clock looks again whether it may step, wall ms. */
const HELD_RECHECK_MS = 20;

/** Virtual: as fast as possible, deterministic. Paced: simulated time = wall time × speed. */
export type ClockMode = { readonly kind: 'virtual' } | { readonly kind: 'paced'; readonly speed: number };

/** Anything the clock can drive: the engine, or a replay session that can also seek backwards. */
export interface ClockTarget {
  readonly tick: number;
  readonly stepS: number;
  step(n?: number): void;
  /** Jump to simulated time `tS`; without it the clock can only seek forward (by running). */
  seek?(tS: number): void;
}

export interface ClockStatus {
  readonly mode: ClockMode;
  readonly running: boolean;
  readonly tS: number;
  /** The backlog the paced clock is still catching up, seconds of simulated time (at most `maxLagS`). */
  readonly lagS: number;
  /**
   * How far the run is behind its schedule (speed × wall time since play), backlog dropped beyond
   * `maxLagS` included: the simulated seconds this machine could not keep up with.
   */
  readonly behindS: number;
  /** Simulated seconds per wall second over the last few seconds; null while stopped or before a measurement. */
  readonly effectiveSpeed: number | null;
  /** Simulated time at which the clock stops by itself (null: never). */
  readonly endS: number | null;
  readonly finished: boolean;
}

export interface ClockOptions {
  readonly mode: ClockMode;
  /** Time source and timer: `asyncScheduler` live, a `VirtualTimeScheduler`/`TestScheduler` in tests. */
  readonly scheduler?: SchedulerLike;
  readonly endS?: number | null;
  /** Virtual mode: ticks per scheduled chunk (between chunks the event loop may run). */
  readonly chunkTicks?: number;
  /** Paced mode: shortest timer period, ms. */
  readonly minIntervalMs?: number;
  /** Paced mode: the largest backlog kept, simulated s; what is older is dropped before stepping, so a catch-up never spirals. */
  readonly maxLagS?: number;
  /**
   * Longest stretch of stepping in one turn of the event loop, ms as `scheduler.now()` measures it
   * (default 40): then the clock yields, so requests, signals and database writes get their turn.
   */
  readonly turnBudgetMs?: number;
  /** Wall ms over which `effectiveSpeed` is measured (default 5000). */
  readonly speedWindowMs?: number;
  /** While it returns true the clock does not step (e.g. history writes are too far behind); the backlog is capped as usual. */
  readonly hold?: () => boolean;
}

/**
 * Drives a ClockTarget on an RxJS scheduler, with play, pause, resume, single step, seek and
 * speed. All timing goes through `scheduler.now()` and `scheduler.schedule()`, never the wall clock,
 * so tests run hours of paced operation instantly in virtual time.
 */
export class SimClock {
  private mode: ClockMode;
  private readonly scheduler: SchedulerLike;
  private readonly chunkTicks: number;
  private readonly minIntervalMs: number;
  private readonly maxLagS: number;
  private readonly turnBudgetMs: number;
  private readonly speedWindowMs: number;
  private readonly hold: () => boolean;
  /** The last virtual turn was held. */
  private held = false;
  private endS: number | null;
  private running = false;
  private job: Subscription | null = null;
  private anchorWallMs = 0;
  private anchorTick = 0;
  private lagS = 0;
  /** Ticks dropped from the backlog since play (they count in behindS). */
  private droppedTicks = 0;
  /** Measured wall ms per tick (0 until measured), so a turn's chunks fit its budget. */
  private msPerTick = 0;
  /** Ticks of the last chunk: a chunk at most doubles, so a mis-measured cost cannot blow a turn. */
  private lastChunkTicks = 1;
  /** (wall ms, tick) at recent wakes, for effectiveSpeed. */
  private speedSamples: { wallMs: number; tick: number }[] = [];
  private readonly statusSubject: BehaviorSubject<ClockStatus>;
  readonly status$: Observable<ClockStatus>;

  constructor(
    private readonly target: ClockTarget,
    options: ClockOptions,
  ) {
    validateMode(options.mode);
    this.mode = options.mode;
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.chunkTicks = options.chunkTicks ?? 2000;
    this.minIntervalMs = options.minIntervalMs ?? 20;
    this.maxLagS = options.maxLagS ?? 3600;
    this.turnBudgetMs = options.turnBudgetMs ?? 40;
    this.speedWindowMs = options.speedWindowMs ?? 5000;
    this.hold = options.hold ?? (() => false);
    this.endS = options.endS ?? null;
    this.statusSubject = new BehaviorSubject(this.snapshotStatus());
    this.status$ = this.statusSubject.asObservable();
  }

  get status(): ClockStatus {
    return this.statusSubject.value;
  }

  play(): void {
    if (this.running || this.atEnd()) return;
    this.running = true;
    this.reanchor();
    this.scheduleNext();
    this.publish();
  }

  /** Same as play: resumes from where the run was paused. */
  resume(): void {
    this.play();
  }

  pause(): void {
    if (!this.running) return;
    this.running = false;
    this.job?.unsubscribe();
    this.job = null;
    this.lagS = 0;
    this.speedSamples = [];
    this.publish();
  }

  /** Advances `n` base steps now (typically while paused). */
  stepOnce(n = 1): void {
    const remaining = this.remainingTicks();
    this.target.step(Math.min(n, remaining));
    this.reanchor();
    this.publish();
  }

  /** Jumps to simulated time `tS`. Backwards needs a target that can seek (a recording). */
  seek(tS: number): void {
    if (!Number.isFinite(tS) || tS < 0) throw new EngineError('BAD_TIME', `seek time must be ≥ 0 s, got ${tS}`);
    if (this.endS !== null && tS > this.endS) throw new EngineError('BAD_TIME', `seek time ${tS} s is past the end (${this.endS} s)`);
    if (this.target.seek) {
      this.target.seek(tS);
    } else {
      const tick = Math.ceil(tS / this.target.stepS - 1e-9);
      if (tick < this.target.tick) {
        throw new EngineError('BAD_TIME', 'this run cannot seek backwards: it is not a recording');
      }
      this.target.step(tick - this.target.tick);
    }
    this.reanchor();
    this.publish();
  }

  setMode(mode: ClockMode): void {
    validateMode(mode);
    this.mode = mode;
    if (this.running) {
      this.job?.unsubscribe();
      this.reanchor();
      this.scheduleNext();
    }
    this.publish();
  }

  /** Paced speed factor (1 = real time); 'max' switches to virtual mode. */
  setSpeed(speed: number | 'max'): void {
    this.setMode(speed === 'max' ? { kind: 'virtual' } : { kind: 'paced', speed });
  }

  setEnd(endS: number | null): void {
    this.endS = endS;
    this.publish();
  }

  /** Runs synchronously to the end (virtual mode only), without the scheduler. */
  runToEnd(): void {
    if (this.endS === null) throw new EngineError('BAD_TIME', 'runToEnd needs an end time');
    this.target.step(this.remainingTicks());
    this.publish();
  }

  // ----------------------------------------------------------------------------------------

  private scheduleNext(): void {
    // Held at max speed: look again shortly instead of spinning (the writers need the turns).
    const delay = this.mode.kind === 'virtual' ? (this.held ? HELD_RECHECK_MS : 0) : this.intervalMs();
    this.job = this.scheduler.schedule(() => this.wake(), delay);
  }

  private wake(): void {
    if (!this.running) return;
    if (this.mode.kind === 'virtual') {
      // Max speed has no schedule to fall behind, but the history writers can: it waits for them.
      this.held = this.hold();
      if (!this.held) this.stepWithinBudget(Math.min(this.chunkTicks, this.remainingTicks()));
      this.lagS = 0;
    } else {
      // Cap the backlog before stepping: a catch-up is never longer than maxLagS, however long the
      // machine was away (suspended, overloaded, a long GC). Again after, for what fell due meanwhile.
      this.capBacklog();
      const ticks = Math.min(this.dueTick() - this.target.tick, this.remainingTicks());
      if (ticks > 0 && !this.hold()) this.stepWithinBudget(ticks);
      this.capBacklog();
      this.lagS = Math.max(0, (this.dueTick() - this.target.tick) * this.target.stepS);
    }
    this.sampleSpeed();
    if (this.atEnd()) {
      this.running = false;
      this.job = null;
      this.publish();
      return;
    }
    this.publish();
    this.scheduleNext();
  }

  /** Drops the backlog beyond maxLagS (it counts in behindS from then on). */
  private capBacklog(): void {
    const maxLagTicks = Math.max(1, Math.floor(this.maxLagS / this.target.stepS));
    const excess = this.dueTick() - this.target.tick - maxLagTicks;
    if (excess > 0) {
      this.anchorTick -= excess;
      this.droppedTicks += excess;
    }
  }

  /** The tick the paced schedule says the run should be at now. */
  private dueTick(): number {
    if (this.mode.kind !== 'paced') return this.target.tick;
    const elapsedS = ((this.scheduler.now() - this.anchorWallMs) / 1000) * this.mode.speed;
    return this.anchorTick + Math.floor(elapsedS / this.target.stepS + 1e-9);
  }

  /**
   * Steps up to `maxTicks` in chunks sized from the measured cost per tick, stopping when the next
   * chunk would overrun the turn budget. At least one tick per turn, so a run always advances.
   */
  private stepWithinBudget(maxTicks: number): void {
    const startMs = this.scheduler.now();
    let left = maxTicks;
    while (left > 0) {
      const spentMs = this.scheduler.now() - startMs;
      const fit = this.msPerTick > 0 ? Math.floor((this.turnBudgetMs - spentMs) / this.msPerTick) : left;
      let n = Math.min(left, fit, this.lastChunkTicks * 2);
      if (n < 1) {
        if (left < maxTicks) break;
        n = 1; // not even one tick fits the budget: take one anyway, the run must move
      }
      const t0 = this.scheduler.now();
      this.target.step(n);
      this.msPerTick = (this.scheduler.now() - t0) / n;
      this.lastChunkTicks = n;
      left -= n;
    }
  }

  private sampleSpeed(): void {
    const now = this.scheduler.now();
    this.speedSamples.push({ wallMs: now, tick: this.target.tick });
    while (this.speedSamples.length > 2 && now - this.speedSamples[1]!.wallMs >= this.speedWindowMs) this.speedSamples.shift();
  }

  private effectiveSpeed(): number | null {
    if (!this.running || this.speedSamples.length < 2) return null;
    const first = this.speedSamples[0]!;
    const last = this.speedSamples[this.speedSamples.length - 1]!;
    const wallS = (last.wallMs - first.wallMs) / 1000;
    return wallS > 0 ? ((last.tick - first.tick) * this.target.stepS) / wallS : null;
  }

  private intervalMs(): number {
    if (this.mode.kind !== 'paced') return 0;
    return Math.min(1000, Math.max(this.minIntervalMs, (this.target.stepS * 1000) / this.mode.speed));
  }

  private reanchor(): void {
    this.anchorWallMs = this.scheduler.now();
    this.anchorTick = this.target.tick;
    this.lagS = 0;
    this.droppedTicks = 0;
  }

  private remainingTicks(): number {
    if (this.endS === null) return Number.MAX_SAFE_INTEGER;
    return Math.max(0, Math.ceil(this.endS / this.target.stepS - 1e-9) - this.target.tick);
  }

  private atEnd(): boolean {
    return this.remainingTicks() === 0;
  }

  private snapshotStatus(): ClockStatus {
    return {
      mode: this.mode,
      running: this.running,
      tS: this.target.tick * this.target.stepS,
      lagS: this.lagS,
      behindS: this.lagS + this.droppedTicks * this.target.stepS,
      effectiveSpeed: this.effectiveSpeed(),
      endS: this.endS,
      finished: this.atEnd(),
    };
  }

  private publish(): void {
    this.statusSubject?.next(this.snapshotStatus());
  }
}

function validateMode(mode: ClockMode): void {
  if (mode.kind === 'paced' && !(mode.speed > 0 && Number.isFinite(mode.speed))) {
    throw new EngineError('BAD_TIME', `speed must be a positive number, got ${String(mode.speed)}`);
  }
}
