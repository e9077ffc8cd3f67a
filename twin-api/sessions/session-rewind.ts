import type { Subscription } from 'rxjs';
import type { ClockTarget } from '../../engine/clock.ts';
import { EngineError } from '../../engine/commands.ts';
import type { TwinEngine } from '../../engine/engine.ts';
import { isOutsideInput } from '../../engine/events.ts';
import type { EngineSnapshot } from '../../engine/snapshot.ts';

interface Checkpoint {
  readonly tick: number;
  readonly snapshot: EngineSnapshot;
}

/**
 * Lets a scenario or branch session seek backwards, as a recording does: the session keeps snapshots
 * of its own run (its start, then one every `checkpointEveryS` as it runs), and seeking back restores
 * the nearest one at or before the target and fast-forwards silently. A session's run is a pure
 * function of its scenario (its engine takes no outside input), so this lands on the very state a
 * fresh run to that time reaches. Should an outside command ever reach the engine, the snapshots
 * after it no longer describe this run and are dropped.
 */
export class SessionRewind implements ClockTarget {
  private readonly checkpoints: Checkpoint[];
  private readonly everyTicks: number;
  private readonly subs: Subscription[] = [];

  constructor(
    private readonly engine: TwinEngine,
    /** Called after a backwards seek, with the time landed on (the session drops what lies after it). */
    private readonly onRewound: (tS: number) => void,
    checkpointEveryS = 900,
  ) {
    this.everyTicks = Math.max(1, Math.round(checkpointEveryS / engine.stepS));
    this.checkpoints = [{ tick: engine.tick, snapshot: engine.snapshot() }];
    this.subs.push(
      engine.frames$.subscribe((f) => {
        const last = this.checkpoints[this.checkpoints.length - 1]!;
        if (f.tick - last.tick >= this.everyTicks) this.checkpoints.push({ tick: f.tick, snapshot: engine.snapshot() });
      }),
      engine.commands$.subscribe((c) => {
        if (!isOutsideInput(c.origin)) return;
        while (this.checkpoints.length > 1 && this.checkpoints[this.checkpoints.length - 1]!.tick > c.tick) this.checkpoints.pop();
      }),
    );
  }

  get tick(): number {
    return this.engine.tick;
  }
  get stepS(): number {
    return this.engine.stepS;
  }
  /** Simulated time the session started at (the scenario's start, or a branch's fork point). */
  get startS(): number {
    return this.checkpoints[0]!.tick * this.engine.stepS;
  }

  step(n = 1): void {
    this.engine.step(n);
  }

  /** Forward: runs there (frames, events and checkpoints as usual). Backward: nearest snapshot, then silently on. */
  seek(tS: number): void {
    const tick = Math.ceil(tS / this.engine.stepS - 1e-9);
    if (tick >= this.engine.tick) {
      this.engine.step(tick - this.engine.tick);
      return;
    }
    const first = this.checkpoints[0]!;
    if (tick < first.tick) throw new EngineError('BAD_TIME', `seek time ${tS} s is before this session's start (${this.startS} s)`);
    let best = first;
    for (const cp of this.checkpoints) if (cp.tick <= tick) best = cp;
    this.engine.restore(best.snapshot);
    this.engine.stepSilently(tick - this.engine.tick);
    this.onRewound(this.engine.tS);
  }

  /** The session's start state, for rebuilding its recording after a rewind. */
  get origin(): EngineSnapshot {
    return this.checkpoints[0]!.snapshot;
  }

  close(): void {
    for (const s of this.subs) s.unsubscribe();
  }
}
