// A worker for pool.test.ts: echoes, sleeps, throws or dies on request.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, payload }) => {
  if (payload.die) process.exit(3);
  if (payload.throwUncaught) setTimeout(() => { throw new Error('boom'); }, 0);
  else if (payload.fail) parentPort.postMessage({ id, ok: false, error: { message: payload.fail } });
  else setTimeout(() => parentPort.postMessage({ id, ok: true, result: payload.echo }), payload.sleepMs ?? 0);
});
parentPort.postMessage({ type: 'ready' });
