/**
 * `trainLiveDefaults` in a worker thread, so a server's event loop is never blocked by simulation or
 * training: progress arrives as callbacks, the result as a promise, and `cancel()` stops the worker.
 *
 * @example
 * const job = trainInWorker({ scenarioName: 'glass-plant', registryDir: 'models' }, (p) => log(`${p.done}/${p.total} ${p.message}`));
 * const { registered } = await job.done;
 */
import { Worker } from 'node:worker_threads';
import type { LiveDefaultsResult, LiveProgress } from './live-defaults.ts';
import type { TrainInWorkerOptions, WorkerMessage } from './worker-protocol.ts';

export type { TrainInWorkerOptions, WorkerMessage } from './worker-protocol.ts';

/** A running training job. */
export interface TrainingJob {
  /** The result; rejects with the worker's error message, or "training cancelled" after `cancel()`. */
  readonly done: Promise<LiveDefaultsResult>;
  /** Stops the worker (models already registered stay registered). */
  cancel(): void;
}

/** Starts `trainLiveDefaults` in a worker thread. */
export function trainInWorker(opts: TrainInWorkerOptions, onProgress: (p: LiveProgress) => void = () => {}): TrainingJob {
  const worker = new Worker(new URL('./worker-entry.js', import.meta.url), { workerData: opts });
  let settled = false;
  let cancelled = false;
  const done = new Promise<LiveDefaultsResult>((resolve, reject) => {
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') { if (!settled) onProgress(m.progress); }
      else if (m.type === 'done') finish(() => resolve(m.result));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(cancelled ? 'training cancelled' : `training worker exited with code ${code}`))));
  });
  return {
    done,
    cancel() {
      cancelled = true;
      void worker.terminate();
    },
  };
}
