/**
 * The live twin server: reads the configuration, builds the twin (services/create-twin-services.ts),
 * listens, and stops on a signal. `npm start` runs it on embedded defaults: PGlite in ./data, the
 * reference plant at 1x, port 8080.
 */
import { authConfigFromEnv } from './auth.ts';
import { ConfigError, isLoopback, serverConfigFromEnv } from './config.ts';
import { createTwinServices } from './services/create-twin-services.ts';
import { servicesConfigOf } from './services/twin-services-config.ts';
import { ensureViewerBuilt, VIEWER_DIST } from './viewer-build.ts';

async function main(): Promise<void> {
  const auth = authConfigFromEnv(process.env);
  const config = serverConfigFromEnv(process.env, auth.devMode);
  const log = (msg: string) => process.stdout.write(`[twin-api] ${msg}\n`);
  if (auth.devMode) log('development mode: requests without credentials act as admin "dev" (set TWIN_API_KEYS or TWIN_JWT_SECRET to require credentials)');
  if (auth.devMode && !isLoopback(config.host)) {
    log(`WARNING: development mode on ${config.host}: ANYONE WHO CAN REACH THIS ADDRESS IS ADMIN (TWIN_DEV_MODE=1). Set TWIN_API_KEYS or TWIN_JWT_SECRET for a shared network.`);
  }

  const viewer = ensureViewerBuilt(log);
  const twin = await createTwinServices(servicesConfigOf(config, auth, process.env['TWIN_MQTT_CLIENT_ID'] ?? 'twinworks-shadow', viewer === 'unavailable' ? null : VIEWER_DIST, log));
  await twin.start();
  await twin.app.listen({ port: config.port, host: config.host });
  const speed = config.speed === 'max' ? 'max speed' : `${config.speed}x`;
  const where = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  log(`${twin.engine.scenario.name} running at ${speed}; API on ${where} (docs at /docs${viewer === 'unavailable' ? ', viewer not available' : ', viewer at /'}), history in ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the engine and flushing history…`);
    await twin.stop();
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
