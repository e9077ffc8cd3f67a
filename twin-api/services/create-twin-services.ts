/**
 * The composition root: every service of the live twin and the app that serves them, built from a
 * config, not listening. server.ts, the API tests and the benches all build the twin here, so what
 * they test is what runs. `start()` sets the clock and the sources going; `stop()` releases
 * everything in dependency order and flushes what was acknowledged, within a deadline.
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
import { shadowMonitorHealth } from '../shadow/shadow-health.ts';
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
import { createProposer } from '../../rl/proposer.ts';
import { defaultSeed, knowledgePlant } from '../../knowledge/default-knowledge.ts';
import { KnowledgeQueries } from '../knowledge/knowledge-queries.ts';
import { KnowledgeService, removedEdgesIn } from '../knowledge/knowledge-service.ts';
import { Neo4jGraphStore } from '../knowledge/neo4j-graph-store.ts';
import { SqlGraphStore } from '../knowledge/sql-graph-store.ts';
import { OptimizerService } from '../rl/optimizer-service.ts';
import { highsSolver } from '../maintenance/highs-solver.ts';
import { MaintenanceService } from '../maintenance/maintenance-service.ts';
import { createCopilot } from '../copilot/create-copilot.ts';
import { snapshotToBinary } from '../../engine/snapshot.ts';
import { builtinProfileResolver } from '../../engine/plant.ts';
import { LIVE_HORIZON_H } from '../../ml/bootstrap/live-data.ts';
import { randomUUID } from 'node:crypto';
import type { MipSolver } from '../../maintenance/mip.ts';
import type { PolicyBounds } from '../../commands/index.ts';
import { WsHub } from '../ws/hub.ts';
import { buildTwinApp } from './build-twin-app.ts';
import { deadlineSteps } from './deadline-steps.ts';
import { StartupPhases } from './startup-phases.ts';
import { storageUsage } from './storage-usage.ts';
import { storeHealth } from './store-health.ts';
import { throttle } from './throttle.ts';
import type { TwinServicesConfig } from './twin-services-config.ts';
import { watchServedModels } from './watch-served-models.ts';

export type TwinServices = Awaited<ReturnType<typeof createTwinServices>>;

/** What a shutdown managed: everything, or which steps it gave up on and what was not flushed. */
export interface StopReport {
  readonly complete: boolean;
  /** Steps that failed or did not finish within the deadline. */
  readonly late: readonly string[];
  /** Samples handed to history since start, and samples written. */
  readonly samplesProduced: number;
  readonly samplesWritten: number;
  /** Rows (the twin's and the plant's samples, events) the writers could not store before the deadline. */
  readonly unflushedRows: number;
  /** The engine's tick when it stopped: every sample up to it was produced and handed to history. */
  readonly lastTick: number;
}

/** History rows buffered beyond this hold the clock (the writer cannot keep up): memory stays bounded. */
const MAX_BUFFERED_SAMPLES = 500_000;

export async function createTwinServices(config: TwinServicesConfig) {
  const log = config.log ?? (() => {});
  const startup = config.startup ?? new StartupPhases(Date.now);
  const library = loadLibraryScenario(config.scenario);
  const scenario = config.scenarioVariant ? config.scenarioVariant(library) : library;
  const engine = createEngine(scenario);
  const metrics = createMetrics();

  const s = config.store;
  startup.begin('store', s.kind);
  if (s.kind === 'pglite') mkdirSync(s.dataDir, { recursive: true });
  const store = await (s.kind === 'memory' ? PgliteStore.open('memory://') : createHistoryStore(s.kind === 'postgresql' ? { databaseUrl: s.url, dataDir: '' } : { dataDir: s.dataDir })).catch((err: Error) => {
    startup.end('store', 'failed', err.message);
    throw err;
  });
  startup.end('store', 'done', s.kind);
  startup.begin('engine', 'building the services');
  // History continues where it ends (README "History"): the deterministic twin resumes from its last
  // checkpoint instead of writing the scenario's timestamps again. Warm-up is for a fresh start only.
  const resumed = await TwinCheckpoint.resume(engine, store, log);
  if (config.warmUpS && !resumed) engine.runFor(config.warmUpS);
  let samplesBuffered = () => 0; // the history feed's, once it exists
  const twin = new LiveTwin(engine, { mode: config.clock, hold: () => samplesBuffered() > MAX_BUFFERED_SAMPLES });
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
  samplesBuffered = () => history.samples.metrics().rowsBuffered;
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
  // The causal knowledge graph: embedded in the history database, or in Neo4j when configured;
  // seeded with the shipped knowledge, keeping what feedback and engineers changed.
  const neo4j = config.knowledge?.neo4j ?? null;
  const graphStore = neo4j ? await Neo4jGraphStore.open(neo4j, config.knowledge?.driverOf) : await SqlGraphStore.open(store.db);
  const knowledge = await KnowledgeService.open({ store: graphStore, seed: defaultSeed(knowledgePlant(scenario, engine.layout.sensors)), kind: neo4j ? 'neo4j' : 'embedded', removed: removedEdgesIn(store) });
  // Alerts recommend what the graph says as it now is (knowledge/advice.ts).
  const alerts = new AlertEngine({
    sensors: engine.layout.sensors,
    advice: knowledge.advice(),
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
  // Every command stays inside the safety policy's envelope; the optimizer service (below) keeps the policy.
  let policyBounds: (setpoint: string) => PolicyBounds | undefined = () => undefined;
  const commands = createPlantCommands({ twin: engine, port: mqttCommands ?? standInCommandPort(standIn!, Date.now), audit, policyBounds: (id) => policyBounds(id) });

  const whatIf = config.whatIf ?? createWhatIfService({});
  metrics.whatIfWorkers.set(whatIf.workers);

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
      if (job.reason === 'bootstrap') {
        if (job.state === 'running') {
          if (job.progress) startup.progress('models', { done: job.progress.done, total: job.progress.total, etaS: job.progress.etaS, message: job.progress.message });
        } else startup.end('models', job.state === 'done' ? 'done' : 'failed', job.state === 'done' ? models.status().detail : `training ${job.state}: ${job.error ?? ''}`);
      }
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
  startup.begin('models', 'loading the registry');
  await models.start();
  const afterLoad = models.status();
  if (afterLoad.status !== 'training') startup.end('models', afterLoad.status === 'ready' || config.models.bootstrap ? 'done' : 'skipped', `${afterLoad.detail}${config.models.bootstrap ? '' : ' (TWIN_ML_BOOTSTRAP=0)'}`);
  else startup.progress('models', { done: 0, total: afterLoad.job?.progress?.total ?? 0, etaS: null, message: 'bootstrap training started' }, 'training the default models');
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

  // The optimizer's rollouts run on the what-if pool: one set of workers for every look-ahead.
  const optimizer = new OptimizerService({
    engine,
    commands,
    store,
    audit,
    hub,
    shadow: () => tracker.state(),
    alerts,
    propose: createProposer({ runner: whatIf.runner, ...config.optimizer?.proposer }),
    scheduled: config.optimizer?.scheduled ?? false,
    now: Date.now,
    log,
  });
  await optimizer.load();
  policyBounds = (id) => optimizer.policyBounds(id);

  const knowledgeQueries = new KnowledgeQueries({
    knowledge,
    history: store,
    startMs: engine.startMs,
    nowS: () => engine.tS,
    lines: scenario.lines.map((l) => l.id),
    machines: scenario.machines.map((m) => m.id),
    setpoints: () => engine.setpoints(),
    alert: (id) => alerts.get(id),
    instrumentFlags: () => new Set(tracker.state().sensors.filter((x) => x.flag === 'equipment_issue').map((x) => x.sensor_id)),
    // In shadow mode over MQTT the plant's own measurements are what happened.
    source: mqtt ? 'plant' : 'twin',
  });

  /** The registry's champion for a task and machine kind; null before one is trained. */
  const champion = (task: 'failure' | 'rul', kind: string) => {
    try {
      return models.registry.get({ task, kind });
    } catch {
      return null;
    }
  };

  // The maintenance planner: HiGHS loaded on the first plan; its twin checks on the what-if pool.
  let solver: Promise<MipSolver> | null = null;
  const maintenance = new MaintenanceService({
    engine,
    commands,
    store,
    predictions: () => predictions.latest(),
    // No champion: the planner takes a quarter of the estimate.
    rulRmseH: (kind) => champion('rul', kind)?.metrics['rmse'],
    resolveProfile: builtinProfileResolver(),
    riskHorizonH: LIVE_HORIZON_H.failure!,
    solver: () => (solver ??= highsSolver().catch((err: Error) => {
      solver = null;
      throw err;
    })),
    runner: whatIf.runner,
    nextId: () => `${engine.isoAt().slice(0, 10)}-${randomUUID().slice(0, 8)}`,
    now: Date.now,
    log,
  });
  await maintenance.load();

  // The copilot answers from these services; a language model writes the answers when configured.
  const copilot = createCopilot({
    engine,
    predictions: () => predictions.latest(),
    model: (task, kind) => {
      const v = champion(task, kind);
      return v && { version: v.version, metrics: v.metrics };
    },
    failureHorizonH: LIVE_HORIZON_H.failure!,
    plan: (req, by) => maintenance.plan(req, by),
    knowledge: knowledgeQueries,
    graph: () => knowledge.graph().snapshot,
    whatIf: (request) => whatIf.run(snapshotToBinary(engine.snapshot()), engine.scenario, request),
    alerts,
    history: store,
    source: mqtt ? 'plant' : 'twin',
    llm: config.copilot?.llm ?? null,
    ...(config.copilot?.fetch ? { fetch: config.copilot.fetch } : {}),
  });

  const services = { config, engine, twin, metrics, store, audit, retention, history, plantHistory, quarantine, checkpoint, hub, alerts, kpis, alertFeed, source, tracker, commands, whatIf, models, drift, predictions, sessions, optimizer, knowledge, knowledgeQueries, maintenance, copilot };
  const plant = () => ({
    source: mqtt ? ('mqtt' as const) : ('stand-in' as const),
    connected: source.status().connected,
    commands: mqttCommands ? { port: mqttCommands.name, connected: mqttCommands.status().connected } : { port: 'stand-in', connected: true },
  });
  const dbHealth = storeHealth(store, s.kind, log);
  const database = async () => ({ ...(await dbHealth()), bufferedRows: rowsBuffered(), quarantinedRows: quarantine.count });
  const monitors = () => {
    const d = drift.status();
    return { drift: { ...d, models: [...d.models] }, shadow: shadowMonitorHealth(source) };
  };
  const app = await buildTwinApp(services, { database, plant, monitors, storage: storageUsage(store, s.kind === 'pglite' ? s.dataDir : null, metrics), log, startup });

  twin.tickDurations$.subscribe((sec) => metrics.tickDuration.observe(sec));
  // Says once when the machine cannot keep the asked speed (5 s below 90 %) and once when it can again.
  let slowS = 0;
  let saidSlow = false;
  const reportSlowClock = () => {
    const st = twin.status;
    const slow = st.running && st.mode.kind === 'paced' && st.effectiveSpeed !== null && st.effectiveSpeed < 0.9 * st.mode.speed;
    slowS = slow ? slowS + 1 : 0;
    if (slowS >= 5 && !saidSlow && st.mode.kind === 'paced') {
      saidSlow = true;
      log(`clock: this machine sustains ${st.effectiveSpeed!.toFixed(1)}x, not the ${st.mode.speed}x asked; the twin runs behind (health: engine.effectiveSpeed, engine.behindS)`);
    } else if (!slow && saidSlow) {
      saidSlow = false;
      log('clock: keeping up with the asked speed again');
    }
  };
  let gauges: NodeJS.Timeout | null = null;

  return {
    ...services,
    app,
    /** Resolves when the registry's copy in the history database is up to date. */
    registrySynced: () => registryCopy.settled(),
    /** Resolves when the drift feed watches the models last put in service. */
    driftWatchSettled: () => servedSub.settled(),
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
        reportSlowClock();
      }, 1000);
      gauges.unref();
      // Waits a moment for the broker, so the first command after start finds it; a broker that is away does not hold the start up.
      await mqttCommands?.start(2000);
      void source.start().catch((err: Error) => log(`live source: ${err.message}`));
      optimizer.start();
      maintenance.start();
      twin.start();
      checkpoint.start();
      retention.start();
      startup.end('engine', 'done', 'running');
    },
    /**
     * Stops the clock, refuses new work, cancels training and what-ifs, flushes history and closes the
     * store, all within `deadlineMs` (default 10 s): a step still running then is given up and named
     * in the report, with the rows it could not write. `stopAccepting`: the listener's (server.ts).
     */
    async stop(opts: { deadlineMs?: number; stopAccepting?: () => Promise<void> } = {}): Promise<StopReport> {
      const deadlineAtMs = Date.now() + (opts.deadlineMs ?? 10_000);
      const steps = deadlineSteps(deadlineAtMs, Date.now, log);
      if (gauges) clearInterval(gauges);
      twin.stop(); // no more samples from here on
      const lastTick = engine.tick;
      // Stop accepting: new connections are refused; in-flight requests end as their services close.
      const accepting = opts.stopAccepting ? steps.run('close the listener', opts.stopAccepting) : Promise.resolve(true);
      hub.close();
      models.close(); // cancels a running training job (its worker is terminated)
      sessions.closeAll();
      for (const sub of [sensorsSub, eventsSub, shadowSub, servedSub]) sub.unsubscribe();
      commands.close();
      await Promise.all([
        steps.run('stop retention', () => retention.stop()),
        steps.run('cancel what-ifs', () => whatIf.close()),
        steps.run('stop the live source', () => source.stop()),
        steps.run('stop the command port', () => mqttCommands?.stop()),
      ]);
      drift.close();
      // The writers get what is left of the deadline themselves, so they return what they could not write.
      const writerDeadline = { deadlineMs: Math.max(0, deadlineAtMs - Date.now()) };
      let unflushedRows = rowsBuffered();
      await Promise.all([
        steps.run('flush history', async () => {
          const [twinRows, plantRows] = await Promise.all([history.close(writerDeadline), plantHistory?.close(writerDeadline)]);
          unflushedRows = twinRows.unflushed + (plantRows?.unflushed ?? 0);
        }),
        steps.run('flush alerts', () => alertFeed.close()),
        steps.run('flush the audit log', () => audit.flush()),
        steps.run('flush recommendations', () => optimizer.close()),
        steps.run('flush maintenance jobs', () => maintenance.close()),
        steps.run('flush predictions', () => predictions.close()),
        steps.run('sync the model registry copy', () => registryCopy.settled()),
        steps.run('close the app', () => app.close()),
      ]);
      if (unflushedRows > 0) log(`history: ${unflushedRows} rows could not be written before the deadline and are lost`);
      // After the writers: the checkpoint is saved only if the history it ends is stored.
      await steps.run('save the checkpoint', () => checkpoint.close());
      await steps.run('settle the quarantine', () => quarantine.settled());
      await steps.run('close the knowledge graph', () => knowledge.close());
      await steps.run('close the store', () => store.close());
      await accepting;
      standIn?.dispose();
      return {
        complete: steps.late.length === 0 && unflushedRows === 0,
        late: steps.late,
        samplesProduced: history.produced,
        samplesWritten: history.samples.metrics().rowsWritten,
        unflushedRows,
        lastTick,
      };
    },
  };
}
