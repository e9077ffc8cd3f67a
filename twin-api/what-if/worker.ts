/** The what-if worker: one Lookahead (engines built once per scenario), one job at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { EngineError } from '../../engine/commands.ts';
import type { Scenario } from '../../scenarios/types.ts';
import type { WhatIfErrorCode } from './errors.ts';
import { Lookahead } from '../../lookahead/lookahead.ts';
import type { WhatIfPlan } from './request.ts';
import { warmUp } from '../../lookahead/warm-up.ts';

/** What the service sends per job: one chunk of the seeds. */
export interface WhatIfJob {
  readonly scenario: Scenario;
  readonly snapshot: Uint8Array;
  readonly plan: WhatIfPlan;
  readonly seeds: readonly number[];
}

const port = parentPort;
if (port === null) throw new Error('worker.ts runs in a worker thread');
const lookahead = new Lookahead();
if ((workerData as { warmUp?: boolean } | undefined)?.warmUp) warmUp(new Lookahead());

port.on('message', (msg: { id: number; payload: WhatIfJob }) => {
  const { scenario, snapshot, plan, seeds } = msg.payload;
  try {
    const result = lookahead.run(scenario, snapshot, plan, seeds);
    port.postMessage({ id: msg.id, ok: true, result });
  } catch (err) {
    const e = err as Error;
    const code: WhatIfErrorCode =
      e instanceof EngineError && e.code === 'BAD_SNAPSHOT' ? 'TWIN_ERR_WHAT_IF_BAD_SNAPSHOT' : 'TWIN_ERR_WHAT_IF_WORKER_FAILED';
    port.postMessage({ id: msg.id, ok: false, error: { code, message: e instanceof EngineError ? `snapshot: ${e.message}` : e.message } });
  }
});
port.postMessage({ type: 'ready' });
