import type { Observable } from 'rxjs';
import type { ClockTarget } from '../engine/clock.ts';
import { EngineError, type EngineCommand } from '../engine/commands.ts';
import type { TwinEngine } from '../engine/engine.ts';
import type { Frame } from '../engine/frame.ts';
import type { Recording } from './recording.ts';
import type { OperatorAction, Scenario } from './types.ts';

/** Builds a fresh engine at t = 0 for a scenario (engine/plant.ts `createEngine`, or a test double). */
export type EngineFactory = (scenario: Scenario) => TwinEngine;

/**
 * Plays a recording back: the same frames bit for bit, with seek to any time (restore the nearest
 * checkpoint at or before it, then fast-forward silently) and branching. Drive it with a SimClock
 * like a live engine.
 */
export class ReplaySession implements ClockTarget {
  readonly engine: TwinEngine;
  private inputCursor = 0;

  constructor(
    readonly recording: Recording,
    factory: EngineFactory,
  ) {
    this.engine = factory(recording.scenario);
    const first = recording.checkpoints[0];
    if (!first) throw new EngineError('BAD_SNAPSHOT', 'recording has no checkpoint');
    this.restoreCheckpoint(0);
  }

  get tick(): number {
    return this.engine.tick;
  }
  get stepS(): number {
    return this.engine.stepS;
  }
  get tS(): number {
    return this.engine.tS;
  }
  get startS(): number {
    return this.recording.startTick * this.engine.stepS;
  }
  get endS(): number {
    return this.recording.endTick * this.engine.stepS;
  }
  get frames$(): Observable<Frame> {
    return this.engine.frames$;
  }

  /** Advances `n` ticks, re-applying recorded inputs at their ticks; stops at the recording's end. */
  step(n = 1): void {
    this.advance(Math.min(n, this.recording.endTick - this.engine.tick), false);
  }

  /** Jumps to `tS` within the recording, without emitting the frames in between. */
  seek(tS: number): void {
    const tick = Math.ceil(tS / this.engine.stepS - 1e-9);
    if (tick < this.recording.startTick || tick > this.recording.endTick) {
      throw new EngineError('BAD_TIME', `seek time ${tS} s is outside the recording (${this.startS}..${this.endS} s)`);
    }
    const cps = this.recording.checkpoints;
    let best = 0;
    for (let i = 0; i < cps.length; i++) if (cps[i]!.tick <= tick) best = i;
    // Running on from the current position is cheaper when it is between the checkpoint and the target.
    if (!(this.engine.tick <= tick && this.engine.tick >= cps[best]!.tick)) this.restoreCheckpoint(best);
    this.advance(tick - this.engine.tick, true);
  }

  /**
   * A new engine that continues from `tS` with different operator actions: recorded inputs after
   * `tS` are dropped, and the scenario's scripted actions after `tS` are replaced by `actions`
   * (times in seconds from the scenario start) unless `keepScriptedActions` is set.
   */
  branch(tS: number, actions: readonly OperatorAction[], options: { keepScriptedActions?: boolean } = {}): TwinEngine {
    this.seek(tS);
    const atS = this.engine.tS;
    for (const a of actions) {
      if (a.atS < atS) throw new EngineError('BAD_TIME', `branch action at ${a.atS} s is before the branch point (${atS} s)`);
    }
    const base = this.recording.scenario;
    const kept = options.keepScriptedActions ? base.actions : base.actions.filter((a) => a.atS < atS);
    const scenario: Scenario = {
      ...base,
      name: `${base.name}@branch-${atS}s`,
      actions: [...kept, ...actions].sort((a, b) => a.atS - b.atS),
    };
    return this.engine.fork({ scenario });
  }

  private restoreCheckpoint(i: number): void {
    const cp = this.recording.checkpoints[i]!;
    this.engine.restore(new Uint8Array(Buffer.from(cp.snapshot, 'base64')));
    this.inputCursor = 0;
    const inputs = this.recording.inputs;
    while (this.inputCursor < inputs.length && inputs[this.inputCursor]!.tick < cp.tick) this.inputCursor++;
  }

  private advance(n: number, silent: boolean): void {
    const inputs = this.recording.inputs;
    const end = this.engine.tick + n;
    while (this.engine.tick < end) {
      while (this.inputCursor < inputs.length && inputs[this.inputCursor]!.tick === this.engine.tick) {
        const input = inputs[this.inputCursor++]!;
        this.engine.apply(input.command as EngineCommand, input.origin ?? 'external');
      }
      const nextInput = this.inputCursor < inputs.length ? inputs[this.inputCursor]!.tick : Infinity;
      const run = Math.max(1, Math.min(end, nextInput) - this.engine.tick);
      if (silent) this.engine.stepSilently(run);
      else this.engine.step(run);
    }
  }
}
