/**
 * The training worker: runs `trainLiveDefaults` once with the options in `workerData` and posts its
 * progress, then the result or the error, to the parent (train-in-worker.ts). A worker thread has its
 * own event loop and TF.js instance, so the server that started it keeps answering while it trains.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { ModelRegistry } from '../registry/registry.ts';
import { trainLiveDefaults } from './live-defaults.ts';
import type { TrainInWorkerOptions, WorkerMessage } from './worker-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('worker.ts runs in a worker thread');
const post = (m: WorkerMessage) => port.postMessage(m);
const o = workerData as TrainInWorkerOptions;

try {
  const { scenarioName, registryDir, ...rest } = o;
  const result = await trainLiveDefaults({ ...rest, scenario: loadLibraryScenario(scenarioName), registry: new ModelRegistry(registryDir), onProgress: (progress) => post({ type: 'progress', progress }) });
  post({ type: 'done', result });
} catch (err) {
  post({ type: 'error', message: (err as Error)?.message ?? String(err) });
}
