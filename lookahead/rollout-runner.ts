/**
 * The port through which callers run look-aheads: the what-if service (over a worker pool in
 * twin-api) and rl/ (in process). Both implementations return the same traces for the same job.
 */
import { Lookahead, type RolloutJob, type RolloutResult } from './lookahead.ts';

export type { RolloutJob, RolloutResult } from './lookahead.ts';

export interface RolloutRunner {
  /** Runs every seed of the job's plan; rejects with what the look-ahead threw (or the runner's own error). */
  run(job: RolloutJob): Promise<RolloutResult>;
  /** Frees the runner; later runs reject. */
  close(): Promise<void>;
}

/**
 * The look-ahead on the caller's thread: each run blocks it for the whole job (tests, rl/, scripts).
 * @example const runner = inProcessRolloutRunner(); const r = await runner.run({ plant: plantRef(scenario), snapshot, plan });
 */
export function inProcessRolloutRunner(lookahead: Lookahead = new Lookahead()): RolloutRunner {
  let closed = false;
  return {
    async run(job) {
      if (closed) throw new Error('the rollout runner is closed');
      return lookahead.run(job);
    },
    async close() {
      closed = true;
    },
  };
}
