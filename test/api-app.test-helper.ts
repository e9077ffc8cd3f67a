/**
 * The whole REST API over a hand-stepped live twin, for the cross-route tests (fuzz, role matrix):
 * every route plugin of twin-api/routes/ except /ws, an in-memory PGlite history store, and a
 * what-if service whose run() checks the request with the real parser and returns a tiny result
 * (no worker threads), so validation is real and the tests stay fast.
 */
import { createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { AlertEngine } from '../monitor/alerts/alert-engine.ts';
import { buildApp, type AuditEntry } from '../twin-api/app.ts';
import type { AuthConfig } from '../twin-api/auth.ts';
import { KpiTracker } from '../monitor/kpis/kpi-tracker.ts';
import { AlertFeed } from '../twin-api/live/alert-feed.ts';
import { LiveTwin } from '../twin-api/live/live-twin.ts';
import { createMetrics } from '../twin-api/metrics.ts';
import { alertRoutes } from '../twin-api/routes/alerts.ts';
import { auditRoutes } from '../twin-api/routes/audit.ts';
import { healthRoutes } from '../twin-api/routes/health.ts';
import { historyRoutes } from '../twin-api/routes/history.ts';
import { kpiRoutes } from '../twin-api/routes/kpis.ts';
import { plantRoutes } from '../twin-api/routes/plant.ts';
import { shadowRoutes } from '../twin-api/routes/shadow.ts';
import { whatIfRoutes } from '../twin-api/routes/what-if.ts';
import { meRoutes } from '../twin-api/routes/me.ts';
import { modelRoutes } from '../twin-api/routes/models.ts';
import { predictionRoutes } from '../twin-api/routes/predictions.ts';
import { ModelService } from '../twin-api/predictions/model-service.ts';
import { PredictionsFeed } from '../twin-api/predictions/predictions-feed.ts';
import { registryMirror } from '../twin-api/predictions/registry-mirror.ts';
import { assetKinds } from '../ml/live/live-models.ts';
import { standInLiveModels } from '../ml/live/stand-in-models.ts';
import { initBackend } from '../ml/tf/backend.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnginePlantSource } from '../twin-api/shadow/engine-plant-source.ts';
import { ShadowTracker } from '../monitor/shadow/shadow-tracker.ts';
import { PgliteStore } from '../twin-api/store/pglite-store.ts';
import { auditInto, testAuth } from '../twin-api/test-app.test-helper.ts';
import { createPlantCommands } from '../twin-api/plant/plant-command-service.ts';
import { standInCommandPort } from '../twin-api/plant/stand-in-command-port.ts';
import { parseWhatIfRequest } from '../twin-api/what-if/request.ts';
import type { WhatIfResult } from '../twin-api/what-if/result.ts';
import type { WhatIfService } from '../twin-api/what-if/service.ts';

/** A what-if service that validates like the real one and simulates nothing. */
export function checkingWhatIfService(twin: LiveTwin): WhatIfService {
  return {
    workers: 0,
    ready: async () => {},
    close: async () => {},
    run: async (_snapshot, _scenario, request) => {
      const plan = parseWhatIfRequest(request, twin.engine.layout.setpoints);
      return { plan } as unknown as WhatIfResult;
    },
  };
}

export async function fullApiServer(auth: AuthConfig = testAuth()) {
  const scenario = loadLibraryScenario('glass-plant');
  const engine = createEngine(scenario);
  engine.runFor(120);
  const twin = new LiveTwin(engine, { mode: { kind: 'paced', speed: 1 } });
  const store = await PgliteStore.open('memory://');
  const alerts = new AlertEngine({ sensors: engine.layout.sensors, startMs: engine.startMs });
  const kpis = new KpiTracker({ startMs: engine.startMs, lines: scenario.lines.map((l) => l.id), machines: scenario.machines.map((m) => m.id), sensorIndex: engine.layout.sensorIndex });
  const feed = new AlertFeed(engine, alerts, kpis, null, null);
  const source = new EnginePlantSource(engine);
  const tracker = new ShadowTracker(engine.layout);
  // Models: one registered pump RUL model (v1), no bootstrap; a retrain job finishes at once, empty.
  await initBackend();
  const modelsDir = mkdtempSync(join(tmpdir(), 'twin-api-models-'));
  // As in server.ts: the registry is copied into the history store after every (re)load.
  const registryCopy = registryMirror(store, Date.now, (msg) => console.error(msg));
  const models = new ModelService({
    layout: engine.layout,
    kinds: assetKinds(scenario),
    scenarioName: 'glass-plant',
    registryDir: modelsDir,
    bootstrap: false,
    train: () => ({ done: Promise.resolve({ registered: [], skipped: [] }), cancel: () => {} }),
    onRegistry: registryCopy.sync,
  });
  const pumpRul = standInLiveModels(engine.layout, assetKinds(scenario)).find((m) => m.kind === 'pump' && m.task === 'rul')!;
  await models.registry.register({ task: 'rul', kind: 'pump' }, { name: 'pump-rul', datasetFingerprint: 'test', hyperparameters: {}, metrics: {} }, (dir) => pumpRul.model.save(dir));
  await models.start();
  const predictions = new PredictionsFeed(engine, models.predictor, {});
  const audit: AuditEntry[] = [];
  const commands = createPlantCommands({ twin: engine, port: standInCommandPort(source, Date.now), audit: auditInto(audit) });
  const app = await buildApp({
    auth,
    audit: (e) => audit.push(e),
    routes: [
      healthRoutes({ twin, metrics: createMetrics(), database: async () => ({ ok: true, kind: 'pglite' }), models: () => ({ status: 'none' }) }),
      plantRoutes(twin, commands),
      historyRoutes(twin, store),
      alertRoutes(alerts, store),
      auditRoutes(store),
      kpiRoutes(kpis),
      shadowRoutes(tracker, source, 'engine'),
      whatIfRoutes(twin, checkingWhatIfService(twin)),
      predictionRoutes(() => predictions, store),
      modelRoutes(models, { store }),
      meRoutes(),
    ],
  });
  /** Opens a fresh alert (an anomaly report on a machine) and returns its id. */
  const openAlert = (asset = 'pump_003'): string => {
    alerts.reportAnomaly(asset, 0.9, 0.5, [`${asset}.vibration_rms_mm_s`], engine.isoAt());
    const open = alerts.list({ states: ['active'] }).find((a) => a.asset === asset);
    if (!open) throw new Error(`no active alert on ${asset}`);
    return open.id;
  };
  const close = async () => {
    await app.close();
    await predictions.close();
    models.close();
    await registryCopy.settled();
    await store.close();
    rmSync(modelsDir, { recursive: true, force: true });
  };
  return { app, twin, alerts, store, audit, openAlert, models, registrySynced: registryCopy.settled, close };
}
