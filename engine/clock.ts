import { asyncScheduler, BehaviorSubject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { EngineError } from './commands.ts';

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
  /** How far paced simulation is behind the wall clock, seconds of simulated time. */
  readonly lagS: number;
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
  /** Paced mode: if the run falls this far behind, it drops the backlog instead of spiralling. */
  readonly maxLagS?: number;
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
  private endS: number | null;
  private running = false;
  private job: Subscription | null = null;
  private anchorWallMs = 0;
  private anchorTick = 0;
  private lagS = 0;
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
    const delay = this.mode.kind === 'virtual' ? 0 : this.intervalMs();
    this.job = this.scheduler.schedule(() => this.wake(), delay);
  }

  private wake(): void {
    if (!this.running) return;
    if (this.mode.kind === 'virtual') {
      this.target.step(Math.min(this.chunkTicks, this.remainingTicks()));
      this.lagS = 0;
    } else {
      const elapsedS = ((this.scheduler.now() - this.anchorWallMs) / 1000) * this.mode.speed;
      const due = this.anchorTick + Math.floor(elapsedS / this.target.stepS + 1e-9);
      const ticks = Math.min(due - this.target.tick, this.remainingTicks());
      if (ticks > 0) this.target.step(ticks);
      this.lagS = Math.max(0, (due - this.target.tick) * this.target.stepS);
      if (this.lagS > this.maxLagS) this.reanchor(); // drop the backlog rather than spiral
    }
    if (this.atEnd()) {
      this.running = false;
      this.job = null;
      this.publish();
      return;
    }
    this.publish();
    this.scheduleNext();
  }

  private intervalMs(): number {
    if (this.mode.kind !== 'paced') return 0;
    return Math.min(1000, Math.max(this.minIntervalMs, (this.target.stepS * 1000) / this.mode.speed));
  }

  private reanchor(): void {
    this.anchorWallMs = this.scheduler.now();
    this.anchorTick = this.target.tick;
    this.lagS = 0;
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
