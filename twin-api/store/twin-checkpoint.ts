import type { TwinEngine } from '../../engine/engine.ts';
import { snapshotToJson, type EngineSnapshot } from '../../engine/snapshot.ts';
import type { SampleWriterMetrics } from './sample-writer.ts';
import type { TwinSnapshotStore } from './twin-snapshot-store.ts';
import { setTimeoutSchedule, type ScheduleFn } from './sample-writer.ts';

/** The counts of a history writer a checkpoint needs: rows handed to it, and rows that left it. */
type WriterCounts = Pick<SampleWriterMetrics, 'rowsWritten' | 'rowsRejected' | 'rowsBuffered'>;
const pushed = (m: WriterCounts): number => m.rowsWritten + m.rowsRejected + m.rowsBuffered;
const done = (m: WriterCounts): number => m.rowsWritten + m.rowsRejected;

export interface TwinCheckpointOptions {
  readonly engine: TwinEngine;
  readonly store: TwinSnapshotStore;
  /** The history writers whose rows a snapshot must not run ahead of (the twin's samples and events). */
  readonly writers: readonly { metrics(): WriterCounts }[];
  /** Default 10 s. */
  readonly intervalMs?: number;
  readonly schedule?: ScheduleFn;
  /** Wall-clock ms, for `saved_at`. Default Date.now. */
  readonly now?: () => number;
  readonly log: (msg: string) => void;
}

interface Pending {
  readonly snap: EngineSnapshot;
  readonly tMs: number;
  /** Per writer, how many rows it had been handed when the snapshot was taken. */
  readonly marks: readonly number[];
}

/**
 * Keeps the twin's state at the end of its stored history, so a restart continues it instead of
 * writing the scenario's timestamps again. A snapshot is taken between ticks, then saved only once
 * every row the engine had produced by then is stored: the saved state is never ahead of the stored
 * history, so after a crash the twin resumes at or before the last flush (the deterministic engine
 * writes the same rows again, which the store skips) and leaves no gap.
 */
export class TwinCheckpoint {
  private pending: Pending | null = null;
  private cancel: (() => void) | null = null;
  private saving: Promise<void> = Promise.resolve();
  private readonly schedule: ScheduleFn;
  private readonly now: () => number;

  constructor(private readonly o: TwinCheckpointOptions) {
    this.schedule = o.schedule ?? setTimeoutSchedule;
    this.now = o.now ?? Date.now;
  }

  /**
   * Puts `engine` back at the stored checkpoint of its scenario; false (and the engine untouched)
   * when there is none or it belongs to another plant layout.
   */
  static async resume(engine: TwinEngine, store: TwinSnapshotStore, log: (msg: string) => void): Promise<boolean> {
    const stored = await store.getTwinSnapshot(engine.scenario.name);
    if (!stored) return false;
    try {
      engine.restore(stored.body);
    } catch (err) {
      // A changed plant (another layout fingerprint) cannot continue the old state: it starts over, and
      // its samples at times already stored are skipped (the key is sensor, source and time).
      log(`history: cannot continue from the stored twin state at ${new Date(stored.tMs).toISOString()} (${(err as Error).message}); starting from the scenario start`);
      return false;
    }
    log(`history: continuing the twin from ${engine.isoAt()} (tick ${engine.tick}), where its stored history ends`);
    return true;
  }

  /** Checkpoints every `intervalMs` until `close()`. */
  start(): void {
    const loop = (): void => {
      this.cancel = this.schedule(() => {
        this.step();
        loop();
      }, this.o.intervalMs ?? 10_000);
    };
    if (!this.cancel) loop();
  }

  /** Saves the pending snapshot if its rows are stored, then takes the next one. Returns when the save is done. */
  step(): Promise<void> {
    const p = this.pending;
    if (p && this.o.writers.every((w, i) => done(w.metrics()) >= p.marks[i]!)) {
      this.pending = null;
      this.saving = this.saving.then(() => this.save(p));
    }
    this.pending ??= this.take();
    return this.saving;
  }

  /**
   * At shutdown, after the writers are closed: saves the engine's state as it is when they stored
   * every row; otherwise only the last pending snapshot whose rows are stored.
   */
  async close(): Promise<void> {
    this.cancel?.();
    this.cancel = null;
    const stored = (p: Pending): boolean => this.o.writers.every((w, i) => done(w.metrics()) >= p.marks[i]!);
    const last = [this.take(), this.pending].find((p): p is Pending => p !== null && stored(p));
    this.pending = null;
    if (last) this.saving = this.saving.then(() => this.save(last));
    await this.saving;
  }

  private take(): Pending {
    const e = this.o.engine;
    return { snap: e.snapshot(), tMs: e.startMs + e.tS * 1000, marks: this.o.writers.map((w) => pushed(w.metrics())) };
  }

  private async save(p: Pending): Promise<void> {
    try {
      await this.o.store.putTwinSnapshot(p.snap.scenario, { tick: p.snap.tick, tMs: p.tMs, body: snapshotToJson(p.snap) }, this.now());
    } catch (err) {
      // The next checkpoint tries again; until then a restart resumes from the previous one (and rewrites a little more).
      this.o.log(`history: saving the twin checkpoint failed: ${(err as Error).message}`);
    }
  }
}
