import { setTimeoutSchedule, type ScheduleFn } from './sample-writer.ts';

/** Thrown by `enqueue` when the buffer is full: the caller refuses the request (503) instead of acknowledging it. */
export class WriterFullError extends Error {}

/** 'stored': written at the first try; 'queued': the database refused it, it waits in order and is retried. */
export type WriteOutcome = 'stored' | 'queued';

export interface OrderedWriterOptions<T> {
  /** Writes one item; throws if the database did not take it. Must be safe to repeat (a retry after a lost reply). */
  readonly write: (item: T) => Promise<void>;
  /** Most items waiting; beyond it `enqueue` throws WriterFullError. Default 10,000. */
  readonly maxBuffered?: number;
  /** Items with the same key are merged while both wait (`merge(waiting, newer)`), keeping the first one's place. */
  readonly coalesce?: { readonly key: (item: T) => string; readonly merge: (waiting: T, newer: T) => T };
  /** Default 100 ms, doubling per failure up to `maxRetryDelayMs` (default 5000 ms). */
  readonly initialRetryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly schedule?: ScheduleFn;
  readonly onError?: (err: unknown, attempt: number, retryInMs: number) => void;
}

export interface OrderedWriterMetrics {
  readonly written: number;
  readonly buffered: number;
  readonly writeFailures: number;
  /** Enqueues refused because the buffer was full. */
  readonly refused: number;
}

interface Pending<T> {
  item: T;
  readonly key: string | null;
  readonly waiters: ((o: WriteOutcome) => void)[];
}

/**
 * Writes items one at a time, in enqueue order, retrying a failed one (with backoff) until the
 * database takes it: nothing enqueued is dropped. `enqueue` resolves once the item is stored, or as
 * soon as a write fails while it waits (it is then safe in the buffer and retried): a caller
 * acknowledges either way, and refuses (503) only when the buffer is full.
 * For low-volume writes that must not be lost: audit entries, alert state changes.
 */
export class OrderedWriter<T> {
  private readonly queue: Pending<T>[] = [];
  /** The last waiting item of each coalescing key. */
  private readonly byKey = new Map<string, Pending<T>>();
  private inFlight: Pending<T> | null = null;
  /** The last attempt failed: a new item is answered 'queued' at once instead of waiting for the next retry. */
  private failing = false;
  private pumping: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private written = 0;
  private writeFailures = 0;
  private refused = 0;
  private readonly maxBuffered: number;

  constructor(private readonly o: OrderedWriterOptions<T>) {
    this.maxBuffered = o.maxBuffered ?? 10_000;
  }

  /** Queues one item; see the class comment for when it resolves. Rejects with WriterFullError when the buffer is full. */
  enqueue(item: T): Promise<WriteOutcome> {
    return new Promise((resolve) => {
      const key = this.o.coalesce ? this.o.coalesce.key(item) : null;
      // Never merge into the item being written: the newer state must be written after it.
      const waiting = key === null ? undefined : this.byKey.get(key);
      const merge = waiting !== undefined && waiting !== this.inFlight;
      if (!merge && this.queue.length >= this.maxBuffered) {
        this.refused += 1;
        throw new WriterFullError(`write buffer full (${this.maxBuffered} waiting): the database is not taking writes`);
      }
      const answer = this.failing ? [] : [resolve];
      if (this.failing) resolve('queued');
      if (merge) {
        waiting.item = this.o.coalesce!.merge(waiting.item, item);
        waiting.waiters.push(...answer);
      } else {
        const p: Pending<T> = { item, key, waiters: answer };
        this.queue.push(p);
        if (key !== null) this.byKey.set(key, p);
      }
      this.kick();
    });
  }

  /** Resolves when everything enqueued so far is stored (retrying without waiting out the backoff). */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.pumping) {
      this.wake?.();
      this.kick();
      await this.pumping;
    }
  }

  metrics(): OrderedWriterMetrics {
    return { written: this.written, buffered: this.queue.length, writeFailures: this.writeFailures, refused: this.refused };
  }

  /** Starts the pump unless it runs; an item enqueued while a pump was finishing starts the next one. */
  private kick(): void {
    this.pumping ??= this.pump().finally(() => {
      this.pumping = null;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async pump(): Promise<void> {
    let failures = 0;
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      this.inFlight = head;
      try {
        await this.o.write(head.item);
      } catch (err) {
        this.inFlight = null;
        this.failing = true;
        failures += 1;
        this.writeFailures += 1;
        // Everyone waiting is now safe in the buffer: let their requests answer.
        for (const p of this.queue) p.waiters.splice(0).forEach((w) => w('queued'));
        const delayMs = Math.min(this.o.maxRetryDelayMs ?? 5000, (this.o.initialRetryDelayMs ?? 100) * 2 ** (failures - 1));
        this.o.onError?.(err, failures, delayMs);
        await this.sleep(delayMs);
        continue;
      }
      failures = 0;
      this.failing = false;
      this.inFlight = null;
      this.queue.shift();
      if (head.key !== null && this.byKey.get(head.key) === head) this.byKey.delete(head.key);
      this.written += 1;
      head.waiters.forEach((w) => w('stored'));
    }
  }

  private sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = (this.o.schedule ?? setTimeoutSchedule)(() => done(), delayMs);
      const done = (): void => {
        cancel();
        this.wake = null;
        resolve();
      };
      this.wake = done;
    });
  }
}
