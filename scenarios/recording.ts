import type { Subscription } from 'rxjs';
import type { AppliedCommand, EngineCommand } from '../engine/commands.ts';
import type { TwinEngine } from '../engine/engine.ts';
import { isOutsideInput, type CommandOrigin, type TwinEvent } from '../engine/events.ts';
import { FrameHasher } from '../engine/frame-hash.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import type { Scenario } from './types.ts';

export const RECORDING_VERSION = 1;

/** A checkpoint: the engine's binary snapshot at a tick, and the frame hash of the run up to it. */
export interface Checkpoint {
  readonly tick: number;
  /** base64 of the binary snapshot (engine/snapshot.ts). */
  readonly snapshot: string;
  /** Running frame hash from the recording's first tick up to this one. */
  readonly hash: string;
}

/**
 * A recorded run: enough to reproduce every frame bit for bit (scenario with its seed, and every
 * external command with its tick), plus periodic snapshots to seek fast, and the public events
 * for a trainer's timeline.
 */
export interface Recording {
  readonly version: typeof RECORDING_VERSION;
  readonly scenario: Scenario;
  readonly startTick: number;
  readonly endTick: number;
  /** Outside inputs with their origin; recordings made before origins were kept have none (`external`). */
  readonly inputs: readonly RecordedInput[];
  readonly checkpoints: readonly Checkpoint[];
  readonly events: readonly TwinEvent[];
  /** Hash of every frame from startTick to endTick. */
  readonly hash: string;
}

/** An outside command as recorded: the tick before which it took effect, and who issued it. */
export interface RecordedInput {
  readonly tick: number;
  readonly command: EngineCommand;
  readonly origin?: CommandOrigin;
}

export interface RecorderOptions {
  /** Simulated seconds between checkpoints (default 15 min). */
  readonly checkpointEveryS?: number;
  /** Keep public events in the recording (default true). */
  readonly keepEvents?: boolean;
}

/**
 * Records an engine while it runs: attach, run the engine however you like, then `finish()`.
 * The first checkpoint is the state at attach time, so a recording can start mid-run.
 */
export class Recorder {
  private readonly inputs: RecordedInput[] = [];
  private readonly checkpoints: Checkpoint[] = [];
  private readonly events: TwinEvent[] = [];
  private readonly hasher = new FrameHasher();
  private readonly subs: Subscription[] = [];
  private readonly startTick: number;
  private readonly everyTicks: number;

  constructor(
    private readonly engine: TwinEngine,
    options: RecorderOptions = {},
  ) {
    this.startTick = engine.tick;
    this.everyTicks = Math.max(1, Math.round((options.checkpointEveryS ?? 900) / engine.stepS));
    this.checkpoint();
    this.subs.push(
      engine.commands$.subscribe((c: AppliedCommand) => {
        // Scripted commands come back from the scenario on replay; only outside inputs are recorded.
        if (isOutsideInput(c.origin)) this.inputs.push({ tick: c.tick, command: c.command, origin: c.origin });
      }),
      engine.frames$.subscribe((f) => {
        this.hasher.add(f);
        if ((f.tick - this.startTick) % this.everyTicks === 0) this.checkpoint();
      }),
    );
    if (options.keepEvents ?? true) this.subs.push(engine.events$.subscribe((e) => this.events.push(e)));
  }

  private checkpoint(): void {
    const bytes = snapshotToBinary(this.engine.snapshot());
    this.checkpoints.push({
      tick: this.engine.tick,
      snapshot: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
      hash: this.hasher.digest(),
    });
  }

  /** Stops recording and returns the recording. */
  finish(): Recording {
    for (const s of this.subs) s.unsubscribe();
    return {
      version: RECORDING_VERSION,
      scenario: this.engine.scenario,
      startTick: this.startTick,
      endTick: this.engine.tick,
      inputs: [...this.inputs],
      checkpoints: [...this.checkpoints],
      events: [...this.events],
      hash: this.hasher.digest(),
    };
  }
}
