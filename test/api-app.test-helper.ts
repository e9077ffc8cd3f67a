/**
 * The whole API as the server builds it (twin-api/services/create-twin-services.ts), for the
 * cross-route tests (fuzz, role matrix, models): every route including sessions and /ws, an
 * in-memory PGlite history store, the stand-in plant, a registry holding one pump RUL model. Two
 * things differ from `npm start`, both to keep the tests fast: the twin is stepped by hand (the
 * clock is never started), and the what-if service checks each request with the real parser
 * without simulating (the look-ahead has its own tests in lookahead/ and twin-api/what-if/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SetpointSpec } from '../physics/model.ts';
import { createEngine } from '../engine/plant.ts';
import { inProcessRolloutRunner } from '../lookahead/rollout-runner.ts';
import { assetKinds } from '../ml/live/live-models.ts';
import { standInLiveModels } from '../ml/live/stand-in-models.ts';
import { ModelRegistry } from '../ml/registry/registry.ts';
import { initBackend } from '../ml/tf/backend.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import type { AuthConfig } from '../twin-api/auth.ts';
import { optimizerAt } from '../rl/recommendation-book.ts';
import { createTwinServices } from '../twin-api/services/create-twin-services.ts';
import type { TwinServicesConfig } from '../twin-api/services/twin-services-config.ts';
import type { AuditEntry } from '../twin-api/store/audit-store.ts';
import { testAuth } from '../twin-api/test-app.test-helper.ts';
import { parseWhatIfRequest } from '../twin-api/what-if/request.ts';
import { Value } from 'typebox/value';
import { WhatIfResult } from '../twin-api/what-if/result.ts';
import type { WhatIfService } from '../twin-api/what-if/service.ts';

/**
 * A what-if service that validates like the real one and simulates nothing: its answer is an empty
 * result of the right shape. The optimizer's rollouts run for real, in process (`runner`).
 */
export function checkingWhatIfService(setpoints: readonly SetpointSpec[]): WhatIfService {
  return {
    workers: 0,
    runner: inProcessRolloutRunner(),
    ready: async () => {},
    close: async () => {},
    run: async (_snapshot, _scenario, request) => {
      parseWhatIfRequest(request, setpoints);
      return Value.Create(WhatIfResult);
    },
  };
}

export async function fullApiServer(auth: AuthConfig = testAuth(), options: { requestLog?: TwinServicesConfig['requestLog'] } = {}) {
  const scenario = loadLibraryScenario('glass-plant');
  const { layout } = createEngine(scenario);
  // The registry holds one pump RUL model (v1) before the server starts; nothing trains in the background.
  await initBackend();
  const modelsDir = mkdtempSync(join(tmpdir(), 'twin-api-models-'));
  const pumpRul = standInLiveModels(layout, assetKinds(scenario)).find((m) => m.kind === 'pump' && m.task === 'rul')!;
  await new ModelRegistry(modelsDir).register({ task: 'rul', kind: 'pump' }, { name: 'pump-rul', datasetFingerprint: 'test', hyperparameters: {}, metrics: {} }, (dir) => pumpRul.model.save(dir));

  const twin = await createTwinServices({
    auth,
    scenario: 'glass-plant',
    clock: { kind: 'paced', speed: 1 },
    warmUpS: 120,
    store: { kind: 'memory' },
    mqtt: null,
    models: { dir: modelsDir, bootstrap: false, retrainOnDrift: false, train: () => ({ done: Promise.resolve({ registered: [], skipped: [] }), cancel: () => {} }) },
    whatIf: checkingWhatIfService(layout.setpoints),
    // A real but small search (one seed, a 30 min horizon, no perturbed twins): these tests check the API around it.
    optimizer: { scheduled: false, proposer: { mpc: { samples: 4, iterations: 1, horizonS: 1800 }, planningSeeds: 1, verificationSeeds: 1, perturbed: 0 } },
    viewerDist: null,
    log: (msg) => console.error(msg),
    // A response property its schema does not declare fails the request: the schemas stay exact.
    strictResponses: true,
    ...(options.requestLog ? { requestLog: options.requestLog } : {}),
  });

  /** Opens a fresh alert (an anomaly report on a machine) and returns its id. */
  const openAlert = (asset = 'pump_003'): string => {
    twin.alerts.reportAnomaly(asset, 0.9, 0.5, [`${asset}.vibration_rms_mm_s`], twin.engine.isoAt());
    const open = twin.alerts.list({ states: ['active'] }).find((a) => a.asset === asset);
    if (!open) throw new Error(`no active alert on ${asset}`);
    return open.id;
  };
  /**
   * Puts a proposal for Line_A (a 20 °C furnace cut from the current target) in the optimizer's book,
   * as a planning round would, and returns its id: for tests of who may decide, not of planning.
   */
  const proposeOnLineA = async (): Promise<string> => {
    const furnace = twin.engine.setpoints().find((x) => x.id === 'Line_A.furnace_temp')!;
    const tS = twin.engine.tS;
    const evidence = { effects: [], defectImprovementLower95: 3, timeToEffectS: 1200, horizonS: 7200, runs: 8, seeds: [501, 502], perturbations: 3, violations: 0, curves: { tS: [0, 7200], holdDefectsPer1000: [20, 20], candidateDefectsPer1000: [20, 14] }, shadow: { trackingAccuracy: 0.95, flagged: [], trusted: true }, rationale: 'test proposal' };
    const move = { setpoint: furnace.id, unit: furnace.unit, from: furnace.target, to: furnace.target - 20, needsApproval: false };
    const rec = twin.optimizer.book.record({ candidate: { asset: 'Line_A', planner: 'mpc', plannedAtS: tS, objective: -1, moves: [move] }, plan: [], verdict: { kind: 'proposal', evidence } }, optimizerAt(tS, twin.engine.isoAt(tS)), { [furnace.id]: furnace.target }, twin.optimizer.getPolicy().version);
    await twin.optimizer.save(rec);
    return rec.id;
  };
  /** The audit log as stored, oldest first. */
  const audit = async (): Promise<AuditEntry[]> => (await twin.store.listAudit({ limit: 1000 })).entries.toReversed();
  const close = async () => {
    await twin.stop();
    rmSync(modelsDir, { recursive: true, force: true });
  };
  return { ...twin, audit, openAlert, proposeOnLineA, close };
}
