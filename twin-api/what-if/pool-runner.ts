/**
 * The RolloutRunner over the what-if worker pool: a job's seeds are split into contiguous chunks,
 * one job per worker, and the traces merged back in seed order, so the result is the in-process
 * runner's (each seed's branches depend only on the snapshot, the plan and that seed).
 */
import type { RolloutJob, RolloutResult, RolloutRunner } from '../../lookahead/rollout-runner.ts';
import { WorkerPool } from './pool.ts';

/** Contiguous, balanced chunks: [1..16] over 2 workers → [1..8], [9..16]. */
export function splitSeeds(seeds: readonly number[], parts: number): number[][] {
  const n = Math.min(parts, seeds.length);
  const out: number[][] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const size = Math.floor(seeds.length / n) + (i < seeds.length % n ? 1 : 0);
    out.push(seeds.slice(at, at + size));
    at += size;
  }
  return out;
}

export interface PoolRolloutRunner extends RolloutRunner {
  /** Resolves once every worker has loaded (and warmed up). */
  ready(): Promise<void>;
  readonly workers: number;
}

export interface PoolRolloutRunnerOptions {
  /** Worker threads (at least 1). */
  readonly workers: number;
  /** Run a short look-ahead in each worker at start so the first job is not slowed by the JIT (default true). */
  readonly warmUp?: boolean;
}

/** Rejects with WhatIfError: TWIN_ERR_WHAT_IF_BAD_SNAPSHOT, _WORKER_FAILED, _CLOSED. */
export function poolRolloutRunner(options: PoolRolloutRunnerOptions): PoolRolloutRunner {
  const pool = new WorkerPool(new URL('./worker-entry.js', import.meta.url), options.workers, { workerData: { warmUp: options.warmUp ?? true } });
  return {
    workers: pool.size,
    ready: () => pool.ready(),
    async run(job) {
      const chunks = splitSeeds(job.plan.seeds, pool.size);
      const parts = await Promise.all(chunks.map((seeds) => pool.run<RolloutResult>({ ...job, plan: { ...job.plan, seeds } } satisfies RolloutJob)));
      return { startTS: parts[0]!.startTS, assets: parts[0]!.assets, seeds: parts.flatMap((p) => p.seeds) };
    },
    close: () => pool.close(),
  };
}
