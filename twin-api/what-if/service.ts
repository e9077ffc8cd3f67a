/**
 * The what-if service behind `POST /api/digital-twin/what-if`: checks a request against the
 * plant, splits its seeds across a worker pool, and merges what the workers return.
 */
import { availableParallelism } from 'node:os';
import { buildModels } from '../../engine/plant.ts';
import type { SetpointSpec } from '../../physics/model.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { sampleTimesS, type SeedTrace } from '../../lookahead/lookahead.ts';
import { WorkerPool } from './pool.ts';
import { parseWhatIfRequest, type WhatIfPlan } from './request.ts';
import type { WhatIfResult } from './result.ts';
import { summarize } from '../../lookahead/summarize.ts';
import type { WhatIfJob } from './worker.ts';

export interface WhatIfServiceOptions {
  /** Worker threads; default: the machine's available parallelism (2 if unknown). */
  readonly workers?: number;
  /** Run a short look-ahead in each worker at start so the first request is not slowed by the JIT (default true). */
  readonly warmUp?: boolean;
}

export interface WhatIfService {
  /** Resolves once every worker has loaded (and warmed up). */
  ready(): Promise<void>;
  /**
   * Runs a what-if from `snapshot` (snapshotToBinary of the live engine) of `scenario`'s plant.
   * Throws WhatIfError: TWIN_ERR_WHAT_IF_BAD_REQUEST (naming the field), _BAD_SNAPSHOT, _WORKER_FAILED, _CLOSED.
   */
  run(snapshot: Uint8Array, scenario: Scenario, request: unknown): Promise<WhatIfResult>;
  /** Stops the workers; pending runs fail with TWIN_ERR_WHAT_IF_CLOSED. */
  close(): Promise<void>;
  readonly workers: number;
}

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

/**
 * @example
 * const whatIf = createWhatIfService({ workers: 2 });
 * const r = await whatIf.run(snapshotToBinary(live.snapshot()), scenario,
 *   { changes: [{ setpoint: 'Line_A.furnace_temp', value: 1450 }], horizon: '4h', seeds: 16 });
 * r.changed.defectsPer1000.mean; await whatIf.close();
 */
export function createWhatIfService(options: WhatIfServiceOptions = {}): WhatIfService {
  const size = options.workers ?? (availableParallelism() || 2);
  const pool = new WorkerPool(new URL('./worker-entry.js', import.meta.url), size, { workerData: { warmUp: options.warmUp ?? true } });
  const plants = new WeakMap<Scenario, { setpoints: SetpointSpec[]; assets: string[] }>();
  const plantOf = (scenario: Scenario) => {
    let p = plants.get(scenario);
    if (!p) {
      const models = buildModels(scenario);
      p = { setpoints: models.flatMap((m) => m.setpoints), assets: models.map((m) => m.asset) };
      plants.set(scenario, p);
    }
    return p;
  };

  return {
    workers: size,
    ready: () => pool.ready(),
    async run(snapshot, scenario, request) {
      const startMs = performance.now();
      const plant = plantOf(scenario);
      const plan: WhatIfPlan = parseWhatIfRequest(request, plant.setpoints);
      const chunks = splitSeeds(plan.seeds, pool.size);
      const parts = await Promise.all(
        chunks.map((seeds) => pool.run<{ startTS: number; seeds: SeedTrace[] }>({ scenario, snapshot, plan, seeds } satisfies WhatIfJob)),
      );
      const startTS = parts[0]!.startTS;
      const affected = new Set(plan.changes.map((c) => c.asset));
      const assets = plan.scope === 'plant' ? plant.assets : plant.assets.filter((a) => affected.has(a));
      const body = summarize(plan, assets, startTS, parts.flatMap((p) => p.seeds), sampleTimesS(plan.horizonS, plan.stepS));
      const startIso = new Date(Date.parse(scenario.start) + startTS * 1000).toISOString();
      return { ...body, startIso, wallMs: performance.now() - startMs };
    },
    close: () => pool.close(),
  };
}
