import type { SampleRow } from './history-store.ts';

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
  /** After each successful batch: feed a latency histogram. */
  readonly onWrite?: (rows: number, latencyMs: number) => void;
  /** After each failed batch, before the retry delay. */
  readonly onError?: (err: unknown, attempt: number, retryInMs: number) => void;
}

export interface SampleWriterMetrics {
  readonly rowsWritten: number;
  readonly rowsBuffered: number;
  readonly batchesWritten: number;
  readonly writeFailures: number;
  readonly lastWriteLatencyMs: number | null;
}

/**
 * Buffers samples and writes them in batches, in push order, one batch at a time.
 * A failed batch stays at the head of the buffer and is retried with exponential backoff, for as long as it takes:
 * rows are never dropped, so the buffer is bounded only by memory (watch `rowsBuffered`).
 * @example
 * const writer = new SampleWriter({ sink: store });
 * engine.frames$.subscribe((f) => writer.push(rowsOf(f)));
 * process.once('SIGTERM', () => void writer.close().then(() => store.close()));
 */
export class SampleWriter<Row = SampleRow> {
  private buffer: Row[] = [];
  private pumping: Promise<void> | null = null;
  private cancelTimer: (() => void) | null = null;
  private wakeRetry: (() => void) | null = null;
  private closed = false;
  /** flush() calls in progress: while any waits, batches go out back to back instead of on the interval. */
  private draining = 0;
  private rowsWritten = 0;
  private batchesWritten = 0;
  private writeFailures = 0;
  private lastWriteLatencyMs: number | null = null;
  private readonly o: Required<Omit<SampleWriterOptions<Row>, 'onWrite' | 'onError'>> & Pick<SampleWriterOptions<Row>, 'onWrite' | 'onError'>;

  constructor(options: SampleWriterOptions<Row>) {
    this.o = {
      flushIntervalMs: 1000,
      maxBatchRows: 5000,
      initialRetryDelayMs: 100,
      maxRetryDelayMs: 5000,
      schedule: setTimeoutSchedule,
      now: () => performance.now(),
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
      while (this.buffer.length > 0 || this.pumping) {
        this.wakeRetry?.();
        this.startPump();
        await this.pumping;
      }
    } finally {
      this.draining -= 1;
    }
  }

  /** Refuses further pushes and drains the buffer (on SIGINT/SIGTERM). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  metrics(): SampleWriterMetrics {
    return {
      rowsWritten: this.rowsWritten,
      rowsBuffered: this.buffer.length,
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
    if (this.pumping || this.buffer.length === 0) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      if (this.draining > 0) return;
      if (this.buffer.length >= this.o.maxBatchRows) this.startPump();
      else this.armTimer();
    });
  }

  private async pump(): Promise<void> {
    let failures = 0;
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.o.maxBatchRows);
      const t0 = this.o.now();
      try {
        await this.o.sink.insertSamples(batch);
      } catch (err) {
        failures += 1;
        this.writeFailures += 1;
        const delayMs = Math.min(this.o.maxRetryDelayMs, this.o.initialRetryDelayMs * 2 ** (failures - 1));
        this.o.onError?.(err, failures, delayMs);
        await this.sleep(delayMs);
        continue;
      }
      failures = 0;
      // Only now leave the buffer: pushes during the write went to its tail, so the head is still this batch.
      this.buffer.splice(0, batch.length);
      this.lastWriteLatencyMs = this.o.now() - t0;
      this.rowsWritten += batch.length;
      this.batchesWritten += 1;
      this.o.onWrite?.(batch.length, this.lastWriteLatencyMs);
      // Less than a full batch left: it waits for the interval, unless someone is flushing.
      if (this.buffer.length < this.o.maxBatchRows && this.draining === 0) return;
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
