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
import { join } from 'node:path';
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
import { AuditWriter } from '../store/audit-writer.ts';
import { createHistoryStore } from '../store/create-store.ts';
import { DEFAULT_RETENTION } from '../store/retention-policy.ts';
import { RetentionRunner } from '../store/retention-runner.ts';
import { PgliteStore } from '../store/pglite-store.ts';
import { Quarantine } from '../store/quarantine.ts';
import { TwinCheckpoint } from '../store/twin-checkpoint.ts';
import { createWhatIfService } from '../what-if/service.ts';
import { WsHub } from '../ws/hub.ts';
import { buildTwinApp } from './build-twin-app.ts';
import { storageUsage } from './storage-usage.ts';
import { storeHealth } from './store-health.ts';
import { throttle } from './throttle.ts';
import type { TwinServicesConfig } from './twin-services-config.ts';
import { watchServedModels } from './watch-served-models.ts';

export type TwinServices = Awaited<ReturnType<typeof createTwinServices>>;

export async function createTwinServices(config: TwinServicesConfig) {
  const log = config.log ?? (() => {});
  const scenario = loadLibraryScenario(config.scenario);
  const engine = createEngine(scenario);
  const metrics = createMetrics();

  const s = config.store;
  if (s.kind === 'pglite') mkdirSync(s.dataDir, { recursive: true });
  const store = s.kind === 'memory' ? await PgliteStore.open('memory://') : await createHistoryStore(s.kind === 'postgresql' ? { databaseUrl: s.url, dataDir: '' } : { dataDir: s.dataDir });
  // History continues where it ends (README "History"): the deterministic twin resumes from its last
  // checkpoint instead of writing the scenario's timestamps again. Warm-up is for a fresh start only.
  const resumed = await TwinCheckpoint.resume(engine, store, log);
  if (config.warmUpS && !resumed) engine.runFor(config.warmUpS);
  const twin = new LiveTwin(engine, { mode: config.clock });
  // Rows the database refuses (a year-0 time, a NUL in a sensor id) are set aside, so the rows after them are stored.
  const quarantineDir = s.kind === 'pglite' ? s.dataDir : s.kind === 'postgresql' ? (s.dataDir ?? null) : null;
  const quarantine = new Quarantine({
    store,
    fallbackFile: quarantineDir ? join(quarantineDir, 'quarantined-samples.jsonl') : null,
    log,
    onQuarantined: (writer, n) => metrics.samplesQuarantined.inc({ writer }, n),
  });
  const history = new HistoryFeed(
    engine,
    store,
    {
      onWrite: (rows, ms) => {
        metrics.dbWriteLatency.observe(ms / 1000);
        metrics.samplesWritten.inc(rows);
      },
      onError: (err, attempt, retryInMs) => log(`history write failed (attempt ${attempt}, retry in ${retryInMs} ms): ${(err as Error).message}`),
    },
    quarantine,
  );
  const checkpoint = new TwinCheckpoint({ engine, store, writers: [history.samples, history.events], log });

  // Audit entries (the API's write hook and the plant commands') go through one ordered, retrying writer: an outage delays them, loses none.
  const audit = new AuditWriter(store, { onError: (err, attempt, retryInMs) => log(`audit write failed (attempt ${attempt}, retry in ${retryInMs} ms): ${(err as Error).message}`) });
  const retention = new RetentionRunner({
    store,
    policy: config.retention?.policy ?? DEFAULT_RETENTION,
    intervalMs: (config.retention?.intervalS ?? 60) * 1000,
    twinNowMs: () => engine.startMs + engine.tS * 1000,
    onDeleted: (table, rows) => metrics.retentionDeleted.inc({ table }, rows),
    onError: (err) => log(`retention: ${(err as Error).message}`),
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
  const plantHistory = mqtt
    ? new PlantHistoryFeed(source, store, { onError: (err, attempt, retryInMs) => log(`plant history write failed (attempt ${attempt}, retry in ${retryInMs} ms): ${(err as Error).message}`) }, quarantine)
    : null;
  /** Every row the history writers hold: the twin's samples and events, and the plant's measurements. */
  const rowsBuffered = (): number => history.rowsBuffered + (plantHistory?.samples.metrics().rowsBuffered ?? 0);
  const tracker = new ShadowTracker(engine.layout);
  const shadowSub = connectShadow({ twin: engine, source, tracker, hub });
  const mqttCommands = mqtt ? new MqttCommandPort({ url: mqtt.url, clientId: `${mqtt.clientId}-commands` }) : null;
  const commands = createPlantCommands({ twin: engine, port: mqttCommands ?? standInCommandPort(standIn!, Date.now), audit });

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

  const services = { config, engine, twin, metrics, store, audit, retention, history, plantHistory, quarantine, checkpoint, hub, alerts, kpis, alertFeed, source, tracker, commands, whatIf, models, drift, predictions, sessions };
  const plant = () => ({
    source: mqtt ? ('mqtt' as const) : ('stand-in' as const),
    connected: source.status().connected,
    commands: mqttCommands ? { port: mqttCommands.name, connected: mqttCommands.status().connected } : { port: 'stand-in', connected: true },
  });
  const dbHealth = storeHealth(store, s.kind, log);
  const database = async () => ({ ...(await dbHealth()), bufferedRows: rowsBuffered(), quarantinedRows: quarantine.count });
  const app = await buildTwinApp(services, { database, plant, storage: storageUsage(store, s.kind === 'pglite' ? s.dataDir : null, metrics), log });

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
        metrics.samplesBuffered.set(rowsBuffered());
        metrics.samplesProduced.set(history.produced);
        const a = audit.metrics();
        metrics.durableBuffered.set({ writer: 'audit' }, a.buffered);
        metrics.durableFailures.set({ writer: 'audit' }, a.writeFailures);
        const al = alertFeed.writerMetrics();
        if (al) {
          metrics.durableBuffered.set({ writer: 'alerts' }, al.buffered);
          metrics.durableFailures.set({ writer: 'alerts' }, al.writeFailures);
        }
      }, 1000);
      gauges.unref();
      // Waits a moment for the broker, so the first command after start finds it; a broker that is away does not hold the start up.
      await mqttCommands?.start(2000);
      void source.start().catch((err: Error) => log(`live source: ${err.message}`));
      twin.start();
      checkpoint.start();
      retention.start();
    },
    /**
     * Stops the twin, closes the app, flushes history (each writer for at most `historyDeadlineMs`,
     * default 10 s: what it could not write is logged and returned) and closes the store.
     */
    async stop(options: { historyDeadlineMs?: number } = {}): Promise<{ unflushedRows: number }> {
      if (gauges) clearInterval(gauges);
      await retention.stop();
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
      await audit.flush();
      const deadline = options.historyDeadlineMs !== undefined ? { deadlineMs: options.historyDeadlineMs } : {};
      const [twinRows, plantRows] = await Promise.all([history.close(deadline), plantHistory?.close(deadline)]);
      const unflushedRows = twinRows.unflushed + (plantRows?.unflushed ?? 0);
      if (unflushedRows > 0) log(`history: ${unflushedRows} rows could not be written before the deadline and are lost`);
      // After the writers: the checkpoint is saved only if the history it ends is stored.
      await checkpoint.close();
      await quarantine.settled();
      await registryCopy.settled();
      await store.close();
      standIn?.dispose();
      return { unflushedRows };
    },
  };
}
