/** The what-if worker: one Lookahead (plants built once and cached by identity), one job (a chunk of seeds) at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { Lookahead, type RolloutJob } from '../../lookahead/lookahead.ts';
import { toWhatIfError } from './errors.ts';
import { warmUp } from './warm-up.ts';

const port = parentPort;
if (port === null) throw new Error('worker.ts runs in a worker thread');
const lookahead = new Lookahead();
if ((workerData as { warmUp?: boolean } | undefined)?.warmUp) warmUp(new Lookahead());

port.on('message', (msg: { id: number; payload: RolloutJob }) => {
  try {
    port.postMessage({ id: msg.id, ok: true, result: lookahead.run(msg.payload) });
  } catch (err) {
    const e = toWhatIfError(err);
    port.postMessage({ id: msg.id, ok: false, error: { code: e.code, message: e.message } });
  }
});
port.postMessage({ type: 'ready' });
