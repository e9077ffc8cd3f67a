/**
 * A fixed pool of `node:worker_threads` workers, each running one job at a time. A worker posts
 * `{ type: 'ready' }` once loaded, then answers each `{ id, payload }` with `{ id, ok, result }` or
 * `{ id, ok: false, error: { message, code? } }`. A worker that dies mid-job fails that job (never a
 * hang) and is replaced; `close()` stops every worker and fails what is still queued.
 */
import { Worker } from 'node:worker_threads';
import { WhatIfError, type WhatIfErrorCode } from './errors.ts';

interface Job {
  readonly id: number;
  readonly payload: unknown;
  resolve(result: unknown): void;
  reject(err: Error): void;
}

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  job: Job | null;
  lastError: Error | null;
}

type Reply = { type: 'ready' } | { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { message: string; code?: WhatIfErrorCode } };

export interface WorkerPoolOptions {
  /** Passed to each worker as `workerData`. */
  readonly workerData?: unknown;
}

export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Set when a worker died before it had loaded: the entry cannot run, so no job can. */
  private startError: Error | null = null;
  private readonly started: Promise<void>[] = [];

  constructor(
    private readonly entry: URL,
    readonly size: number,
    private readonly options: WorkerPoolOptions = {},
  ) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`pool size must be a positive integer, got ${size}`);
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** Resolves when every worker has loaded; rejects if one failed to start. */
  async ready(): Promise<void> {
    await Promise.all(this.started);
  }

  /** Runs one job on the next free worker. */
  run<R>(payload: unknown): Promise<R> {
    if (this.closed) return Promise.reject(new WhatIfError('TWIN_ERR_WHAT_IF_CLOSED', 'the what-if worker pool is closed'));
    if (this.startError !== null && this.slots.size === 0) return Promise.reject(this.startError);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, payload, resolve: resolve as (r: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; queued and running jobs fail with TWIN_ERR_WHAT_IF_CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closedError = () => new WhatIfError('TWIN_ERR_WHAT_IF_CLOSED', 'the what-if worker pool was closed');
    for (const job of this.queue.splice(0)) job.reject(closedError());
    const slots = [...this.slots];
    for (const s of slots) {
      s.job?.reject(closedError());
      s.job = null;
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
    this.slots.clear();
  }

  private spawn(): void {
    const worker = new Worker(this.entry, { workerData: this.options.workerData });
    let markReady!: () => void;
    let failStart!: (err: Error) => void;
    let started = false;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    ready.catch(() => {}); // observed by ready(); a pool nobody awaits must not raise an unhandled rejection
    this.started.push(ready);
    const slot: Slot = { worker, ready, job: null, lastError: null };
    this.slots.add(slot);
    worker.on('message', (msg: Reply) => {
      if ('type' in msg) {
        started = true;
        markReady();
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (job === null || job.id !== msg.id) return;
      slot.job = null;
      if (msg.ok) job.resolve(msg.result);
      else job.reject(new WhatIfError(msg.error.code ?? 'TWIN_ERR_WHAT_IF_WORKER_FAILED', msg.error.message));
      this.dispatch();
    });
    worker.on('error', (err) => {
      slot.lastError = err;
    });
    worker.on('exit', (code) => {
      this.slots.delete(slot);
      if (this.closed) return;
      const why = slot.lastError?.message ?? `exit code ${code}`;
      const err = new WhatIfError('TWIN_ERR_WHAT_IF_WORKER_FAILED', `a what-if worker died: ${why}`);
      failStart(err);
      slot.job?.reject(err);
      slot.job = null;
      // Replace a worker that had been running; one that never started would fail again.
      if (started) this.spawn();
      else {
        this.startError = err;
        if (this.slots.size === 0) for (const job of this.queue.splice(0)) job.reject(err);
      }
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job !== null) continue;
      // Not yet loaded: messages queue up in the worker anyway, so post now.
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, payload: job.payload });
    }
  }
}
