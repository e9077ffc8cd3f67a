/**
 * The live twin server: the only place that creates real adapters (database, MQTT) and listens.
 * `npm start` runs it on embedded defaults: PGlite in ./data, the reference plant at 1x, port 8080.
 */
import { mkdirSync } from 'node:fs';
import { createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { buildApp } from './app.ts';
import { authConfigFromEnv } from './auth.ts';
import { ConfigError, serverConfigFromEnv } from './config.ts';
import { HistoryFeed } from './live/history-feed.ts';
import { PlantHistoryFeed } from './live/plant-history-feed.ts';
import { LiveTwin } from './live/live-twin.ts';
import { createMetrics } from './metrics.ts';
import { healthRoutes } from './routes/health.ts';
import { historyRoutes } from './routes/history.ts';
import { plantRoutes } from './routes/plant.ts';
import { createHistoryStore } from './store/create-store.ts';
import { AlertEngine } from '../monitor/alerts/alert-engine.ts';
import { KpiTracker } from '../monitor/kpis/kpi-tracker.ts';
import { AlertFeed } from './live/alert-feed.ts';
import { feedSensors } from './live/ws-feed.ts';
import { feedPlantEvents } from './live/events-feed.ts';
import { alertRoutes } from './routes/alerts.ts';
import { kpiRoutes } from './routes/kpis.ts';
import { shadowRoutes } from './routes/shadow.ts';
import { wsRoutes } from './routes/ws.ts';
import { connectShadow } from './shadow/connect-shadow.ts';
import { EnginePlantSource } from './shadow/engine-plant-source.ts';
import type { LiveSource } from './shadow/live-source.ts';
import { MqttSource } from './shadow/mqtt-source.ts';
import { ShadowTracker } from '../monitor/shadow/shadow-tracker.ts';
import { WsHub } from './ws/hub.ts';
import { whatIfRoutes } from './routes/what-if.ts';
import { createWhatIfService } from './what-if/service.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { SessionManager } from './sessions/session-manager.ts';
import { viewerFallback, viewerRoutes } from './routes/viewer.ts';
import { assetKinds, loadDriftReference } from '../ml/live/live-models.ts';
import { DriftFeed } from './predictions/drift-feed.ts';
import { trainInWorker } from '../ml/bootstrap/train-in-worker.ts';
import { ModelService } from './predictions/model-service.ts';
import { PredictionsFeed } from './predictions/predictions-feed.ts';
import { registryMirror } from './predictions/registry-mirror.ts';
import { predictionRoutes } from './routes/predictions.ts';
import { modelRoutes } from './routes/models.ts';
import { meRoutes } from './routes/me.ts';
import { ensureViewerBuilt, VIEWER_DIST } from './viewer-build.ts';

async function main(): Promise<void> {
  const auth = authConfigFromEnv(process.env);
  const config = serverConfigFromEnv(process.env, auth.devMode);
  const log = (msg: string) => process.stdout.write(`[twin-api] ${msg}\n`);
  if (auth.devMode) log('development mode: requests without credentials act as admin "dev" (set TWIN_API_KEYS or TWIN_JWT_SECRET to require credentials)');

  const scenario = loadLibraryScenario(config.scenario);
  const engine = createEngine(scenario);
  const twin = new LiveTwin(engine, { mode: config.speed === 'max' ? { kind: 'virtual' } : { kind: 'paced', speed: config.speed } });
  const metrics = createMetrics();

  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const store = await createHistoryStore({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dataDir: config.dataDir });
  const feed = new HistoryFeed(engine, store, {
    onWrite: (rows, ms) => {
      metrics.dbWriteLatency.observe(ms / 1000);
      metrics.samplesWritten.inc(rows);
    },
    onError: (err, attempt, retryInMs) => log(`history write failed (attempt ${attempt}, retry in ${retryInMs} ms): ${(err as Error).message}`),
  });

  const hub = new WsHub();
  const sensorsSub = feedSensors(engine, hub);
  const eventsSub = feedPlantEvents(engine, hub);
  const savedAlertSettings = await store.getSetting('alerts');
  const alerts = new AlertEngine({
    sensors: engine.layout.sensors,
    startMs: engine.startMs,
    ...(savedAlertSettings ? { settings: savedAlertSettings.value } : {}),
    // Unique across restarts: alert ids are primary keys in history.
    idPrefix: `ALT-${Date.now().toString(36)}-`,
  });
  const kpis = new KpiTracker({
    startMs: engine.startMs,
    lines: scenario.lines.map((l) => l.id),
    machines: scenario.machines.map((m) => m.id),
    sensorIndex: engine.layout.sensorIndex,
  });
  const alertFeed = new AlertFeed(engine, alerts, kpis, hub, store, log);

  // Shadow mode: MQTT when MQTT_URL is set, else a stand-in plant with hidden differences.
  const source: LiveSource = config.mqttUrl
    ? new MqttSource({ url: config.mqttUrl, clientId: process.env['TWIN_MQTT_CLIENT_ID'] ?? 'twinworks-shadow' })
    : new EnginePlantSource(engine);
  // Real measurements are kept in history (source 'plant'); the stand-in plant is reproducible from its seed, so it is not.
  const plantFeed = config.mqttUrl
    ? new PlantHistoryFeed(source, store, { onError: (err, attempt, retryInMs) => log(`plant history write failed (attempt ${attempt}, retry in ${retryInMs} ms): ${(err as Error).message}`) })
    : null;
  const tracker = new ShadowTracker(engine.layout);
  const shadowSub = connectShadow({ twin: engine, source, tracker });
  source.start();

  const whatIf = createWhatIfService({});

  // Live predictions: the registry's champions, trained in the background on first start. Their
  // inputs are watched for drift against the training reference each model was saved with.
  const kinds = assetKinds(scenario);
  const drift = new DriftFeed(engine, {
    kinds,
    alerts: alertFeed,
    policy: { enabled: config.retrainOnDrift, cooldownS: 24 * 3600 },
    retrain: (kind, task) => models.retrain([{ kind, task }], 'drift-monitor'),
    log,
  });
  let lastJobPublishMs = 0;
  // The registry on disk is copied into the history database after every (re)load, to be queried
  // beside alerts and predictions, and kept as a record when model folders are pruned.
  const registryCopy = registryMirror(store, Date.now, log);
  const models = new ModelService({
    onServed: (served) => {
      void Promise.all(served.map(async (m) => ({ ...m, reference: await loadDriftReference(m.dir).catch(() => null) }))).then((refs) => {
        try {
          drift.watch(refs.flatMap((r) => (r.reference ? [{ kind: r.kind, task: r.task, reference: r.reference }] : [])));
        } catch (err) {
          log(`drift: not watching the models: ${(err as Error).message}`);
        }
      });
    },
    layout: engine.layout,
    kinds,
    scenarioName: config.scenario,
    registryDir: config.modelsDir,
    bootstrap: config.mlBootstrap,
    train: trainInWorker,
    log,
    onRegistry: registryCopy.sync,
    onJob: (job) => {
      const now = Date.now();
      if (job.state === 'running' && job.progress && now - lastJobPublishMs < 500) return;
      lastJobPublishMs = now;
      hub.publish('state', engine.isoAt(), { kind: 'training', ...job });
    },
  });
  await models.start();
  const predictions = new PredictionsFeed(engine, models.predictor, { hub, store, alerts: alertFeed, log });

  // Training sessions publish their position on the `state` channel, at most 4 times a second each.
  const lastState = new Map<string, number>();
  const sessions = new SessionManager({
    loadScenario: loadLibraryScenario,
    createEngine,
    store,
    onState: (view) => {
      const now = Date.now();
      if (!view.running || now - (lastState.get(view.id) ?? 0) >= 250) {
        lastState.set(view.id, now);
        hub.publish('state', view.t, { kind: 'session', ...view });
      }
    },
  });

  const viewer = ensureViewerBuilt(log);
  const app = await buildApp({
    auth,
    logger: false,
    notFoundFallback: viewerFallback(VIEWER_DIST),
    audit: (e) => {
      store.appendAudit({ atMs: Date.parse(e.at), actor: e.actor, role: e.role, action: e.action, target: e.target, detail: e.detail }).catch((err) => log(`audit write failed: ${(err as Error).message}`));
    },
    routes: [
      healthRoutes({
        twin,
        metrics,
        database: async () => {
          try {
            await store.ping();
            return { ok: true, kind: config.databaseUrl ? 'postgresql' : 'pglite' };
          } catch (err) {
            return { ok: false, kind: config.databaseUrl ? 'postgresql' : 'pglite', detail: (err as Error).message };
          }
        },
        models: () => models.status(),
      }),
      plantRoutes(twin),
      historyRoutes(twin, store),
      alertRoutes(alerts, alertFeed, store),
      kpiRoutes(kpis),
      shadowRoutes(tracker, source, config.mqttUrl ? 'mqtt' : 'engine'),
      wsRoutes(hub),
      whatIfRoutes(twin, whatIf),
      sessionRoutes(sessions, store),
      predictionRoutes(() => predictions, store),
      modelRoutes(models, { drift: () => drift.reports(), store }),
      meRoutes(),
      viewerRoutes(VIEWER_DIST),
    ],
  });

  twin.tickDurations$.subscribe((s) => metrics.tickDuration.observe(s));
  const gauges = setInterval(() => {
    const m = hub.metrics();
    metrics.wsClients.set(m.clients);
    metrics.wsDropped.set(m.messagesDropped.conflated + m.messagesDropped.rate + m.messagesDropped.overflow);
    metrics.samplesBuffered.set(feed.samples.metrics().rowsBuffered);
    metrics.samplesProduced.set(feed.produced);
  }, 1000);
  gauges.unref();

  twin.start();
  await app.listen({ port: config.port, host: config.host });
  log(`${scenario.name} running at ${config.speed === 'max' ? 'max speed' : `${config.speed}x`}; API on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (docs at /docs${viewer === 'unavailable' ? ', viewer not available' : ', viewer at /'}), history in ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the engine and flushing history…`);
    twin.stop();
    sensorsSub.unsubscribe();
    eventsSub.unsubscribe();
    shadowSub.unsubscribe();
    source.stop();
    sessions.closeAll();
    hub.close();
    await app.close();
    await whatIf.close();
    await predictions.close();
    drift.close();
    models.close();
    await alertFeed.close();
    await feed.close();
    await plantFeed?.close();
    await registryCopy.settled();
    await store.close();
    log('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`twin-api: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
