import type { SampleRow } from './history-store.ts';
import { classifyStoreError, sqlStateOf, type StoreErrorKind } from './store-errors.ts';

/** Where a writer's batches go: one call per batch, all rows or none. */
export interface BatchSink<Row> {
  insertSamples(rows: readonly Row[]): Promise<void>;
}

/** Runs `fn` after `delayMs`; returns a function that cancels it. Tests pass a manual one. */
export type ScheduleFn = (fn: () => void, delayMs: number) => () => void;

/** The live timer: Node's setTimeout. */
export const setTimeoutSchedule: ScheduleFn = (fn, delayMs) => {
  const h = setTimeout(fn, delayMs);
  return () => clearTimeout(h);
};

export interface SampleWriterOptions<Row = SampleRow> {
  readonly sink: BatchSink<Row>;
  /** Longest a row waits in the buffer when the database is up. Default 1000 ms. */
  readonly flushIntervalMs?: number;
  /** Rows per INSERT; a buffer this full is written without waiting for the interval. Default 5000. */
  readonly maxBatchRows?: number;
  /** First retry delay after a failed write; doubles per failure up to `maxRetryDelayMs`. Default 100 ms. */
  readonly initialRetryDelayMs?: number;
  /** Default 5000 ms. */
  readonly maxRetryDelayMs?: number;
  readonly schedule?: ScheduleFn;
  /** Monotonic ms, for latencies only. Default performance.now. */
  readonly now?: () => number;
  /** Tells rows the database refuses (never retried) from a database that is away (retried). Default classifyStoreError. */
  readonly classify?: (err: unknown) => StoreErrorKind;
  /** After each successful batch: feed a latency histogram. */
  readonly onWrite?: (rows: number, latencyMs: number) => void;
  /** After each failed batch that will be retried, before the retry delay. */
  readonly onError?: (err: unknown, attempt: number, retryInMs: number) => void;
  /** Rows the database refused as invalid, one by one, with why: they leave the buffer here (quarantine them). */
  readonly onRejected?: (rejected: readonly RejectedRow<Row>[]) => void;
}

/** A row the database refused as invalid, and its reason. */
export interface RejectedRow<Row> {
  readonly row: Row;
  readonly reason: string;
  /** The SQLSTATE, when the database gave one (22008: date/time out of range, 22021: NUL or bad UTF-8…). */
  readonly code: string | null;
}

export interface SampleWriterMetrics {
  readonly rowsWritten: number;
  /** Every row the writer holds: waiting, being written or being retried. */
  readonly rowsBuffered: number;
  /** Rows the database refused as invalid, handed to `onRejected`. */
  readonly rowsRejected: number;
  readonly batchesWritten: number;
  readonly writeFailures: number;
  readonly lastWriteLatencyMs: number | null;
}

/** What `close()` got done before its deadline. */
export interface CloseResult {
  /** Rows written during close. */
  readonly flushed: number;
  /** Rows still buffered when close gave up (0 after a complete drain). */
  readonly unflushed: number;
}

/**
 * Buffers samples and writes them in batches, in push order, one batch at a time.
 * A batch the database refuses as invalid is split in halves, again and again, until the bad rows
 * are alone: those go to `onRejected` and every other row is written. A batch that fails for any
 * other reason (the database is away) stays at the head of the buffer and is retried with exponential
 * backoff for as long as it takes: rows are never dropped, so the buffer is bounded only by memory
 * (watch `rowsBuffered`), until `close()`'s deadline.
 * @example
 * const writer = new SampleWriter({ sink: store, onRejected: quarantine.add });
 * engine.frames$.subscribe((f) => writer.push(rowsOf(f)));
 * process.once('SIGTERM', () => void writer.close({ deadlineMs: 5000 }).then(() => store.close()));
 */
export class SampleWriter<Row = SampleRow> {
  private buffer: Row[] = [];
  private pumping: Promise<void> | null = null;
  private cancelTimer: (() => void) | null = null;
  private wakeRetry: (() => void) | null = null;
  private closed = false;
  /** Set when close()'s deadline passed: no more retries, the pump stops. */
  private abandoned = false;
  /** flush() calls in progress: while any waits, batches go out back to back instead of on the interval. */
  private draining = 0;
  private rowsWritten = 0;
  private rowsRejected = 0;
  private batchesWritten = 0;
  private writeFailures = 0;
  private lastWriteLatencyMs: number | null = null;
  private readonly o: Required<Omit<SampleWriterOptions<Row>, 'onWrite' | 'onError' | 'onRejected'>> &
    Pick<SampleWriterOptions<Row>, 'onWrite' | 'onError' | 'onRejected'>;

  constructor(options: SampleWriterOptions<Row>) {
    this.o = {
      flushIntervalMs: 1000,
      maxBatchRows: 5000,
      initialRetryDelayMs: 100,
      maxRetryDelayMs: 5000,
      schedule: setTimeoutSchedule,
      now: () => performance.now(),
      classify: classifyStoreError,
      ...options,
    };
  }

  /** Queues rows for writing; returns how many rows are now buffered. Throws after `close()`. */
  push(rows: readonly Row[]): number {
    if (this.closed) throw new Error('SampleWriter is closed');
    for (const r of rows) this.buffer.push(r);
    if (!this.pumping) {
      if (this.buffer.length >= this.o.maxBatchRows) this.startPump();
      else this.armTimer();
    }
    return this.buffer.length;
  }

  /** Writes everything buffered, retrying (without waiting out the current backoff) until the buffer is empty. */
  async flush(): Promise<void> {
    this.draining += 1;
    try {
      while ((this.buffer.length > 0 || this.pumping) && !this.abandoned) {
        this.wakeRetry?.();
        this.startPump();
        await this.pumping;
      }
    } finally {
      this.draining -= 1;
    }
  }

  /**
   * Refuses further pushes and drains the buffer (on SIGINT/SIGTERM), for at most `deadlineMs`
   * (default 10 s): a database that is still away then costs the rows left, reported as `unflushed`,
   * instead of a shutdown that never ends.
   */
  async close(options: { deadlineMs?: number } = {}): Promise<CloseResult> {
    this.closed = true;
    const writtenBefore = this.rowsWritten;
    let cancel: (() => void) | null = null;
    const deadline = new Promise<void>((resolve) => {
      cancel = this.o.schedule(resolve, options.deadlineMs ?? 10_000);
    });
    await Promise.race([this.flush(), deadline]);
    (cancel as (() => void) | null)?.();
    if (this.buffer.length > 0) {
      this.abandoned = true;
      this.wakeRetry?.();
    }
    this.cancelTimer?.();
    this.cancelTimer = null;
    return { flushed: this.rowsWritten - writtenBefore, unflushed: this.buffer.length };
  }

  metrics(): SampleWriterMetrics {
    return {
      rowsWritten: this.rowsWritten,
      rowsBuffered: this.buffer.length,
      rowsRejected: this.rowsRejected,
      batchesWritten: this.batchesWritten,
      writeFailures: this.writeFailures,
      lastWriteLatencyMs: this.lastWriteLatencyMs,
    };
  }

  private armTimer(): void {
    if (this.buffer.length > 0 && !this.closed) this.cancelTimer ??= this.o.schedule(() => this.startPump(), this.o.flushIntervalMs);
  }

  private startPump(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.pumping || this.buffer.length === 0 || this.abandoned) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      if (this.draining > 0 || this.abandoned) return;
      if (this.buffer.length >= this.o.maxBatchRows) this.startPump();
      else this.armTimer();
    });
  }

  private async pump(): Promise<void> {
    while (this.buffer.length > 0 && !this.abandoned) {
      await this.writeHead(this.buffer.slice(0, this.o.maxBatchRows));
      // Less than a full batch left: it waits for the interval, unless someone is flushing.
      if (this.buffer.length < this.o.maxBatchRows && this.draining === 0) return;
    }
  }

  /**
   * Writes `batch`, the head of the buffer, part by part in order: each part written or rejected
   * leaves the buffer's head (pushes during the write went to its tail, so the head is still this batch).
   * Bisecting costs about 2·log2(batch) statements per bad row, and nothing when there is none.
   */
  private async writeHead(batch: Row[]): Promise<void> {
    const parts = [batch]; // a stack: the last part holds the earliest rows
    const rejected: RejectedRow<Row>[] = [];
    let failures = 0;
    while (parts.length > 0 && !this.abandoned) {
      const part = parts[parts.length - 1]!;
      const t0 = this.o.now();
      try {
        await this.o.sink.insertSamples(part);
      } catch (err) {
        if (this.o.classify(err) === 'data') {
          parts.pop();
          if (part.length === 1) {
            rejected.push({ row: part[0]!, reason: (err as Error)?.message ?? String(err), code: sqlStateOf(err) });
            this.buffer.splice(0, 1);
          } else {
            const mid = Math.ceil(part.length / 2);
            parts.push(part.slice(mid), part.slice(0, mid));
          }
          continue;
        }
        failures += 1;
        this.writeFailures += 1;
        const delayMs = Math.min(this.o.maxRetryDelayMs, this.o.initialRetryDelayMs * 2 ** (failures - 1));
        this.o.onError?.(err, failures, delayMs);
        await this.sleep(delayMs);
        continue;
      }
      parts.pop();
      failures = 0;
      this.buffer.splice(0, part.length);
      this.lastWriteLatencyMs = this.o.now() - t0;
      this.rowsWritten += part.length;
      this.batchesWritten += 1;
      this.o.onWrite?.(part.length, this.lastWriteLatencyMs);
    }
    if (rejected.length > 0) {
      this.rowsRejected += rejected.length;
      this.o.onRejected?.(rejected);
    }
  }

  /** A retry delay that `flush()` may cut short. */
  private sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => {
      let done = false;
      let cancel: (() => void) | null = null;
      const wake = (): void => {
        if (done) return;
        done = true;
        cancel?.();
        this.wakeRetry = null;
        resolve();
      };
      this.wakeRetry = wake;
      cancel = this.o.schedule(wake, delayMs);
      if (done) cancel();
    });
  }
}
