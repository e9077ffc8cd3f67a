/**
 * The what-if service behind `POST /api/digital-twin/what-if`: checks a request against the plant,
 * turns it into a timed plan, runs it through a RolloutRunner (the worker pool by default) and
 * summarizes the traces.
 */
import { availableParallelism } from 'node:os';
import { buildModels } from '../../engine/plant.ts';
import { plantRef, type PlantRef } from '../../lookahead/plant-key.ts';
import type { RolloutRunner } from '../../lookahead/rollout-runner.ts';
import { summarize } from '../../lookahead/summarize.ts';
import type { SetpointSpec } from '../../physics/model.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { toWhatIfError } from './errors.ts';
import { poolRolloutRunner } from './pool-runner.ts';
import { parseWhatIfRequest, type WhatIfPlan } from './request.ts';
import type { WhatIfResult } from './result.ts';

export { splitSeeds } from './pool-runner.ts';

export interface WhatIfServiceOptions {
  /** Worker threads; default: the machine's available parallelism (2 if unknown). */
  readonly workers?: number;
  /** Run a short look-ahead in each worker at start so the first request is not slowed by the JIT (default true). */
  readonly warmUp?: boolean;
  /** Another runner instead of the worker pool (e.g. lookahead's in-process runner); the service closes it. */
  readonly runner?: RolloutRunner;
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
  /** Worker threads of the pool (0 with another runner). */
  readonly workers: number;
  /** The runner the what-ifs run on; the optimizer's rollouts share it (one pool for every look-ahead). */
  readonly runner: RolloutRunner;
}

/** The result's echo of the plan: each change with its asset and time. */
function requestEcho(plan: WhatIfPlan, assetOf: ReadonlyMap<string, string>): WhatIfResult['request'] {
  return {
    changes: plan.steps.map((s) => ({ setpoint: s.setpoint, value: s.value, asset: assetOf.get(s.setpoint)!, atS: s.atS, ...(s.durationS === undefined ? {} : { durationS: s.durationS }) })),
    horizonS: plan.horizonS,
    seeds: [...plan.seeds],
    stepS: plan.stepS,
    scope: plan.scope,
  };
}

/**
 * @example
 * const whatIf = createWhatIfService({ workers: 2 });
 * const r = await whatIf.run(snapshotToBinary(live.snapshot()), scenario,
 *   { changes: [{ setpoint: 'Line_A.furnace_temp', value: 1450 }], horizon: '4h', seeds: 16 });
 * r.changed.defectsPer1000.mean; await whatIf.close();
 */
export function createWhatIfService(options: WhatIfServiceOptions = {}): WhatIfService {
  const pool = options.runner === undefined ? poolRolloutRunner({ workers: options.workers ?? (availableParallelism() || 2), warmUp: options.warmUp ?? true }) : null;
  const runner: RolloutRunner = options.runner ?? pool!;
  const plants = new WeakMap<Scenario, { ref: PlantRef; setpoints: SetpointSpec[]; assetOf: Map<string, string> }>();
  const plantOf = (scenario: Scenario) => {
    let p = plants.get(scenario);
    if (!p) {
      const setpoints = buildModels(scenario).flatMap((m) => m.setpoints);
      p = { ref: plantRef(scenario), setpoints, assetOf: new Map(setpoints.map((s) => [s.id, s.asset])) };
      plants.set(scenario, p);
    }
    return p;
  };

  return {
    workers: pool?.workers ?? 0,
    runner,
    ready: () => pool?.ready() ?? Promise.resolve(),
    async run(snapshot, scenario, request) {
      const startMs = performance.now();
      const plant = plantOf(scenario);
      const plan = parseWhatIfRequest(request, plant.setpoints, scenario.stepS);
      const result = await runner.run({ plant: plant.ref, snapshot, plan }).catch((err: unknown) => {
        throw toWhatIfError(err);
      });
      const summary = summarize(result, plan);
      const startIso = new Date(Date.parse(scenario.start) + summary.startTS * 1000).toISOString();
      const body: WhatIfResult = { request: requestEcho(plan, plant.assetOf), ...summary, assets: [...summary.assets], perSeed: [...summary.perSeed], startIso, wallMs: performance.now() - startMs };
      return body;
    },
    close: () => runner.close(),
  };
}
