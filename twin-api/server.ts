/**
 * The live twin server: reads the configuration, builds the twin (services/create-twin-services.ts),
 * listens, and stops on a signal. `npm start` runs it on embedded defaults: PGlite in ./data, the
 * reference plant at 1x, port 8080.
 */
import { authConfigFromEnv } from './auth.ts';
import { ConfigError, isLoopback, serverConfigFromEnv } from './config.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { listenEarly } from './early-listener.ts';
import type { TwinServices } from './services/create-twin-services.ts';
import { StartupPhases } from './services/startup-phases.ts';

async function main(): Promise<void> {
  const auth = authConfigFromEnv(process.env);
  const config = serverConfigFromEnv(process.env, auth.devMode);
  const log = (msg: string) => process.stdout.write(`[twin-api] ${msg}\n`);
  if (auth.devMode) log('development mode: requests without credentials act as admin "dev" (set TWIN_API_KEYS or TWIN_JWT_SECRET to require credentials)');
  if (auth.devMode && !isLoopback(config.host)) {
    log(`WARNING: development mode on ${config.host}: ANYONE WHO CAN REACH THIS ADDRESS IS ADMIN (TWIN_DEV_MODE=1). Set TWIN_API_KEYS or TWIN_JWT_SECRET for a shared network.`);
  }

  // Listen first: health answers "starting" with its phases while the rest of the server loads (its
  // modules alone take seconds: TF.js, PGlite, fastify), the store opens and the models load.
  const startup = new StartupPhases(Date.now);
  const scenario = loadLibraryScenario(config.scenario);
  const speedText = config.speed === 'max' ? 'max' : config.speed;
  const listener = await listenEarly({
    port: config.port,
    host: config.host,
    startingHealth: () => ({
      status: 'starting',
      database: { ok: false, kind: config.databaseUrl ? 'postgresql' : 'pglite', detail: 'opening' },
      engine: { running: false, simTime: scenario.start, tick: 0, lagS: 0, speed: speedText, behindS: 0, effectiveSpeed: null },
      models: { status: 'waiting', detail: 'the store opens first' },
      startup: startup.view(),
    }),
  });
  const where = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  log(`listening on ${where}; starting (GET /api/health shows the progress)`);

  let twin: TwinServices | null = null;
  let stopping = false;
  let stopDeadlineAtMs = 0;
  const stop = async (signal: string) => {
    if (stopping) return log(`${signal}: already stopping (deadline ${config.shutdownDeadlineS} s)`);
    stopping = true;
    const deadlineMs = config.shutdownDeadlineS * 1000;
    stopDeadlineAtMs = Date.now() + deadlineMs;
    // Last resort if a step blocks the event loop past the deadline's own timers.
    setTimeout(() => {
      log(`shutdown did not end ${deadlineMs + 2000} ms after ${signal}: exiting with what is not flushed`);
      process.exit(1);
    }, deadlineMs + 2000).unref();
    log(`${signal}: stopping within ${config.shutdownDeadlineS} s: clock, listener, training, what-ifs, then flushing history…`);
    if (!twin) {
      // Still starting: refuse connections; the start-up sees `stopping` and stops the twin when built.
      await listener.stopAccepting();
      return;
    }
    const report = await twin.stop({ deadlineMs, stopAccepting: () => listener.stopAccepting() });
    listener.dropConnections();
    log(`history: ${report.samplesWritten} of ${report.samplesProduced} samples written up to the engine's last tick ${report.lastTick}; unflushed: ${report.unflushedRows} rows`);
    if (report.complete) {
      log('stopped cleanly');
      process.exit(0);
    }
    log(`stopped with loss: ${report.late.join('; ') || 'rows left unwritten'}`);
    process.exit(1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const { ensureViewerBuilt, VIEWER_DIST } = await import('./viewer-build.ts');
  const viewer = await ensureViewerBuilt(log);
  const { servicesConfigOf } = await import('./services/twin-services-config.ts');
  const { createTwinServices } = await import('./services/create-twin-services.ts');
  twin = await createTwinServices({ ...servicesConfigOf(config, auth, process.env['TWIN_MQTT_CLIENT_ID'] ?? 'twinworks-shadow', viewer === 'unavailable' ? null : VIEWER_DIST, log), startup });
  if (stopping) {
    // A signal came while it was starting: release what the start-up opened, within the same deadline.
    const report = await twin.stop({ deadlineMs: Math.max(0, stopDeadlineAtMs - Date.now()) });
    listener.dropConnections();
    log(report.complete ? 'stopped cleanly (during start-up)' : `stopped during start-up with loss: ${report.late.join('; ')}`);
    process.exit(report.complete ? 0 : 1);
  }
  await listener.serve(twin.app);
  await twin.start();
  const speed = config.speed === 'max' ? 'max speed' : `${config.speed}x`;
  log(`${twin.engine.scenario.name} running at ${speed}; API on ${where} (docs at /docs${viewer === 'unavailable' ? ', viewer not available' : ', viewer at /'}), history in ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}`);
}

main().catch((err) => {
  process.stderr.write(`twin-api: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
