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
import { LiveTwin } from './live/live-twin.ts';
import { createMetrics } from './metrics.ts';
import { healthRoutes } from './routes/health.ts';
import { historyRoutes } from './routes/history.ts';
import { plantRoutes } from './routes/plant.ts';
import { createHistoryStore } from './store/create-store.ts';

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

  const app = await buildApp({
    auth,
    logger: false,
    audit: (e) => {
      store.appendAudit({ atMs: Date.parse(e.at), actor: e.actor, role: e.role, action: e.action, target: e.target, detail: e.detail }).catch((err) => log(`audit write failed: ${(err as Error).message}`));
    },
    routes: [
      healthRoutes({
        twin,
        metrics,
        database: async () => {
          try {
            await store.countSamples();
            return { ok: true, kind: config.databaseUrl ? 'postgresql' : 'pglite' };
          } catch (err) {
            return { ok: false, kind: config.databaseUrl ? 'postgresql' : 'pglite', detail: (err as Error).message };
          }
        },
        models: () => ({ status: 'none', detail: 'no predictive models are deployed yet' }),
      }),
      plantRoutes(twin),
      historyRoutes(twin, store),
    ],
  });

  twin.start();
  await app.listen({ port: config.port, host: config.host });
  log(`${scenario.name} running at ${config.speed === 'max' ? 'max speed' : `${config.speed}x`}; API on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (docs at /docs), history in ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the engine and flushing history…`);
    twin.stop();
    await app.close();
    await feed.close();
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
