import { retentionCuts, type RetainedTable, type RetentionPolicy } from './retention-policy.ts';
import type { RetentionStore } from './retention-store.ts';
import { setTimeoutSchedule, type ScheduleFn } from './sample-writer.ts';

export interface RetentionRunnerOptions {
  readonly store: RetentionStore;
  readonly policy: RetentionPolicy;
  /** The twin's time, epoch ms: rows carry twin time, so their age is read on the twin's clock (at max speed too). */
  readonly twinNowMs: () => number;
  /** Wall time between turns once nothing is left to delete. Default 60 s. */
  readonly intervalMs?: number;
  /** Most rows one DELETE removes: each statement stays short, so the event loop and the writers never wait long. Default 5000. */
  readonly batchRows?: number;
  readonly schedule?: ScheduleFn;
  readonly onDeleted?: (table: RetainedTable, rows: number) => void;
  readonly onError?: (err: unknown) => void;
}

export interface RetentionMetrics {
  readonly deletedRows: Readonly<Record<string, number>>;
  readonly turns: number;
  readonly failures: number;
}

/**
 * Applies a retention policy continuously: each turn deletes at most `batchRows` rows per table; a
 * turn that hit the limit anywhere is followed by another at once (after the event loop had its
 * turn), otherwise the next comes after `intervalMs`. A table done deleting is vacuumed once, so new
 * rows reuse the room of the deleted ones. A failed turn (database away) is retried at the interval.
 * @example
 * const retention = new RetentionRunner({ store, policy: DEFAULT_RETENTION, twinNowMs: () => engine.timeMs });
 * retention.start(); … await retention.stop();
 */
export class RetentionRunner {
  private cancel: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly deleted: Record<string, number> = {};
  /** Tables with rows deleted since their last VACUUM. */
  private readonly dirty = new Set<RetainedTable>();
  private turns = 0;
  private failures = 0;
  private readonly intervalMs: number;
  private readonly batchRows: number;
  private readonly schedule: ScheduleFn;

  constructor(private readonly o: RetentionRunnerOptions) {
    this.intervalMs = o.intervalMs ?? 60_000;
    this.batchRows = o.batchRows ?? 5000;
    this.schedule = o.schedule ?? setTimeoutSchedule;
    if (!(this.batchRows >= 1)) throw new RangeError(`batchRows: ${this.batchRows} is not at least 1`);
  }

  /** Runs a first turn now, then keeps going on its own. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.next(0);
  }

  /** No further turns; resolves when the one in progress (if any) is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    this.cancel = null;
    await this.running;
  }

  /** One turn: one bounded delete per table. Returns whether any table may hold more to delete. */
  async runTurn(): Promise<boolean> {
    let more = false;
    for (const cut of retentionCuts(this.o.policy, this.o.twinNowMs())) {
      const n = await this.o.store.deleteOlderThan(cut, this.batchRows);
      if (n > 0) {
        this.deleted[cut.table] = (this.deleted[cut.table] ?? 0) + n;
        this.o.onDeleted?.(cut.table, n);
      }
      if (n > 0) this.dirty.add(cut.table);
      if (n >= this.batchRows) more = true;
      else if (this.dirty.has(cut.table)) {
        // Done with this table for now: one VACUUM makes the deleted rows' room reusable, so the files stop growing.
        this.dirty.delete(cut.table);
        await this.o.store.vacuum(cut.table);
      }
    }
    this.turns += 1;
    return more;
  }

  /** Turns until nothing is left to delete (benches, tests). */
  async runUntilDone(): Promise<void> {
    while (await this.runTurn());
  }

  metrics(): RetentionMetrics {
    return { deletedRows: { ...this.deleted }, turns: this.turns, failures: this.failures };
  }

  private next(delayMs: number): void {
    if (this.stopped) return;
    this.cancel = this.schedule(() => {
      this.cancel = null;
      this.running = this.runTurn().then(
        (more) => {
          this.running = null;
          this.next(more ? 0 : this.intervalMs);
        },
        (err: unknown) => {
          this.running = null;
          this.failures += 1;
          this.o.onError?.(err);
          this.next(this.intervalMs);
        },
      );
    }, delayMs);
  }
}
