/**
 * The composition root: every service of the live twin and the app that serves them, built from a
 * config, not listening. server.ts, the API tests and the benches all build the twin here, so what
 * they test is what runs. `start()` sets the clock and the sources going; `stop()` releases
 * everything in dependency order and flushes what was acknowledged.
 *
 * @example
 * const twin = await createTwinServices(config); await twin.start(); await twin.app.listen({ port });
 */
import { mkdirSync } from 'node:fs';
import { Subject } from 'rxjs';
import { createEngine } from '../../engine/plant.ts';
import { trainInWorker } from '../../ml/bootstrap/train-in-worker.ts';
import { assetKinds } from '../../ml/live/live-models.ts';
import { AlertEngine, sequentialAlertIds } from '../../monitor/alerts/alert-engine.ts';
import { KpiTracker } from '../../monitor/kpis/kpi-tracker.ts';
import { ShadowTracker } from '../../monitor/shadow/shadow-tracker.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { AlertFeed } from '../live/alert-feed.ts';
import { HistoryFeed } from '../live/history-feed.ts';
import { LiveTwin } from '../live/live-twin.ts';
import { PlantHistoryFeed } from '../live/plant-history-feed.ts';
import { feedPlantEvents } from '../live/events-feed.ts';
import { feedSensors } from '../live/ws-feed.ts';
import { createMetrics } from '../metrics.ts';
import { MqttCommandPort } from '../plant/mqtt-command-port.ts';
import { createPlantCommands } from '../plant/plant-command-service.ts';
import { standInCommandPort } from '../plant/stand-in-command-port.ts';
import { DriftFeed } from '../predictions/drift-feed.ts';
import { ModelService, type ServedModel } from '../predictions/model-service.ts';
import { PredictionsFeed } from '../predictions/predictions-feed.ts';
import { registryMirror } from '../predictions/registry-mirror.ts';
import { SessionManager } from '../sessions/session-manager.ts';
import { connectShadow } from '../shadow/connect-shadow.ts';
import { EnginePlantSource } from '../shadow/engine-plant-source.ts';
import { MqttSource } from '../shadow/mqtt-source.ts';
import { plantSampleContext, rejectionLog } from './live-sample-checks.ts';
import { loadAlertsForRestore } from '../store/alert-restore.ts';
import { createHistoryStore } from '../store/create-store.ts';
import { PgliteStore } from '../store/pglite-store.ts';
import { createWhatIfService } from '../what-if/service.ts';
import { WsHub } from '../ws/hub.ts';
import { buildTwinApp } from './build-twin-app.ts';
import { storeHealth } from './store-health.ts';
import { throttle } from './throttle.ts';
import type { TwinServicesConfig } from './twin-services-config.ts';
import { watchServedModels } from './watch-served-models.ts';

export type TwinServices = Awaited<ReturnType<typeof createTwinServices>>;

export async function createTwinServices(config: TwinServicesConfig) {
  const log = config.log ?? (() => {});
  const scenario = loadLibraryScenario(config.scenario);
  const engine = createEngine(scenario);
  if (config.warmUpS) engine.runFor(config.warmUpS);
  const twin = new LiveTwin(engine, { mode: config.clock });
  const metrics = createMetrics();

  const s = config.store;
  if (s.kind === 'pglite') mkdirSync(s.dataDir, { recursive: true });
  const store = s.kind === 'memory' ? await PgliteStore.open('memory://') : await createHistoryStore(s.kind === 'postgresql' ? { databaseUrl: s.url, dataDir: '' } : { dataDir: s.dataDir });
  const history = new HistoryFeed(engine, store, {
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
    // Unique across restarts and servers: the prefix comes from a database sequence.
    nextId: sequentialAlertIds(await store.nextAlertIdPrefix()),
  });
  // Open and recent alerts come back as they were, to clear or escalate as if there had been no restart.
  alerts.restore(await loadAlertsForRestore(store));
  const kpis = new KpiTracker({ startMs: engine.startMs, lines: scenario.lines.map((l) => l.id), machines: scenario.machines.map((m) => m.id), sensorIndex: engine.layout.sensorIndex });
  const alertFeed = new AlertFeed(engine, alerts, kpis, hub, store, log);

  // Shadow mode and the plant's command port: MQTT when configured, else the stand-in plant.
  const mqtt = config.mqtt;
  const standIn = mqtt ? null : new EnginePlantSource(engine, config.standIn);
  const source = mqtt ? new MqttSource({ url: mqtt.url, clientId: mqtt.clientId, context: plantSampleContext(engine), onReject: rejectionLog(log) }) : standIn!;
  // Real measurements are kept in history (source 'plant'); the stand-in plant is reproducible from its seed.
  const plantHistory = mqtt ? new PlantHistoryFeed(source, store, { onError: (err, attempt, retryInMs) => log(`plant history write failed (attempt ${attempt}, retry in ${retryInMs} ms): ${(err as Error).message}`) }) : null;
  const tracker = new ShadowTracker(engine.layout);
  const shadowSub = connectShadow({ twin: engine, source, tracker, hub });
  const mqttCommands = mqtt ? new MqttCommandPort({ url: mqtt.url, clientId: `${mqtt.clientId}-commands` }) : null;
  const commands = createPlantCommands({ twin: engine, port: mqttCommands ?? standInCommandPort(standIn!, Date.now), audit: store });

  const whatIf = config.whatIf ?? createWhatIfService({});

  // Live predictions: the registry's champions, trained in the background on first start, their
  // inputs watched for drift; drift may retrain them.
  const kinds = assetKinds(scenario);
  const served = new Subject<readonly ServedModel[]>();
  const registryCopy = registryMirror(store, Date.now, log);
  const publishJob = throttle(500);
  const models = new ModelService({
    onServed: (m) => served.next(m),
    layout: engine.layout,
    kinds,
    scenarioName: config.scenario,
    registryDir: config.models.dir,
    bootstrap: config.models.bootstrap,
    train: config.models.train ?? trainInWorker,
    log,
    onRegistry: registryCopy.sync,
    onJob: (job) => {
      if (publishJob('job', job.state !== 'running' || !job.progress)) hub.publish('state', engine.isoAt(), { kind: 'training', ...job });
    },
  });
  const drift = new DriftFeed(engine, {
    kinds,
    alerts,
    policy: { enabled: config.models.retrainOnDrift, cooldownS: 24 * 3600 },
    retrain: (kind, task) => models.retrain([{ kind, task }], 'drift-monitor'),
    log,
  });
  const servedSub = watchServedModels(served, drift, log);
  await models.start();
  const predictions = new PredictionsFeed(engine, models.predictor, { hub, store, alerts, log });

  // Training sessions publish their position on the `state` channel, at most 4 times a second each.
  const publishSession = throttle(250);
  const sessions = new SessionManager({
    loadScenario: loadLibraryScenario,
    createEngine,
    store,
    onState: (view) => {
      if (publishSession(view.id, !view.running)) hub.publish('state', view.t, { kind: 'session', ...view });
    },
  });

  const services = { config, engine, twin, metrics, store, history, hub, alerts, kpis, alertFeed, source, tracker, commands, whatIf, models, drift, predictions, sessions };
  const plant = () => ({
    source: mqtt ? ('mqtt' as const) : ('stand-in' as const),
    connected: source.status().connected,
    commands: mqttCommands ? { port: mqttCommands.name, connected: mqttCommands.status().connected } : { port: 'stand-in', connected: true },
  });
  const app = await buildTwinApp(services, { database: storeHealth(store, s.kind, log), plant, log });

  twin.tickDurations$.subscribe((sec) => metrics.tickDuration.observe(sec));
  let gauges: NodeJS.Timeout | null = null;

  return {
    ...services,
    app,
    /** Resolves when the registry's copy in the history database is up to date. */
    registrySynced: () => registryCopy.settled(),
    /** Starts the clock, the live source and the plant command port (a broker away at start is retried). */
    async start(): Promise<void> {
      gauges = setInterval(() => {
        const m = hub.metrics();
        metrics.wsClients.set(m.clients);
        metrics.wsDropped.set(m.messagesDropped.conflated + m.messagesDropped.rate + m.messagesDropped.overflow);
        metrics.samplesBuffered.set(history.samples.metrics().rowsBuffered);
        metrics.samplesProduced.set(history.produced);
      }, 1000);
      gauges.unref();
      // Waits a moment for the broker, so the first command after start finds it; a broker that is away does not hold the start up.
      await mqttCommands?.start(2000);
      void source.start().catch((err: Error) => log(`live source: ${err.message}`));
      twin.start();
    },
    /** Stops the twin, closes the app, flushes history and closes the store. */
    async stop(): Promise<void> {
      if (gauges) clearInterval(gauges);
      twin.stop();
      sensorsSub.unsubscribe();
      eventsSub.unsubscribe();
      shadowSub.unsubscribe();
      servedSub.unsubscribe();
      await source.stop();
      await mqttCommands?.stop();
      commands.close();
      sessions.closeAll();
      hub.close();
      await app.close();
      await whatIf.close();
      await predictions.close();
      drift.close();
      models.close();
      await alertFeed.close();
      await history.close();
      await plantHistory?.close();
      await registryCopy.settled();
      await store.close();
      standIn?.dispose();
    },
  };
}
