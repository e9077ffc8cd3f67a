import { readFileSync } from 'node:fs';
import { parseDuration } from '../scenarios/duration.ts';
import { ConfigError } from './config-error.ts';
import { llmConfigFrom, type LlmConfig } from './copilot/openai-chat.ts';
import { neo4jConfigFrom, type Neo4jConfig } from './knowledge/neo4j-config.ts';
import { retentionPolicyFromEnv, type RetentionPolicy } from './store/retention-policy.ts';

/** Server settings from the environment; a bad value stops the start with one line naming it. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly mqttUrl: string | null;
  readonly scenario: string;
  /** Simulated seconds the twin runs silently before serving (TWIN_WARM_UP, a duration: start an incident at 9 h); 0 by default. */
  readonly warmUpS: number;
  readonly speed: number | 'max';
  /** The model registry (ml/registry) the live predictions load their champions from. */
  readonly modelsDir: string;
  /** Train the default live models in the background when the registry has none for the plant. */
  readonly mlBootstrap: boolean;
  /** Retrain a model when its inputs drift (with a 24 h simulated cooldown); otherwise drift only raises alerts. */
  readonly retrainOnDrift: boolean;
  /** The optimizer plans on its cadence (TWIN_OPTIMIZER=1, the default); 0: only when asked (POST /api/rl-agent/optimize). */
  readonly optimizer: boolean;
  /** Days of history kept per table (TWIN_RETAIN_<TABLE>_DAYS), and how often the retention job runs (TWIN_RETENTION_INTERVAL_S). */
  readonly retention: { readonly policy: RetentionPolicy; readonly intervalS: number };
  /** LOG_LEVEL of the structured (JSON) request logs: every 5xx is logged at `error`. Default info. */
  readonly logLevel: LogLevel;
  /** Longest a SIGTERM/SIGINT shutdown may take before the server exits with what it could not flush logged. */
  readonly shutdownDeadlineS: number;
  /** The knowledge graph in Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD or NEO4J_PASSWORD_FILE, NEO4J_DATABASE); null: embedded in the history database. */
  readonly neo4j: Neo4jConfig | null;
  /** The copilot's language model (TWIN_LLM_URL, TWIN_LLM_MODEL, TWIN_LLM_API_KEY_FILE, TWIN_LLM_TIMEOUT_MS); null: the planner answers alone. */
  readonly llm: LlmConfig | null;
}

/**
 * Paced speeds the live server accepts (TWIN_SPEED). Above 600x the reference plant asks for more
 * than 2 cores give (a tick costs ~1 ms with history, WebSocket and alerts); 'max' runs as fast as
 * the machine goes, with the clock's per-turn budget keeping the server responsive.
 */
export const SPEED_LIMITS = { min: 0.1, max: 600 } as const;

export { ConfigError };

/** pino's levels, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A host only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function serverConfigFromEnv(env: NodeJS.ProcessEnv, devMode: boolean, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): ServerConfig {
  const port = Number(env['PORT'] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT: "${env['PORT']}" is not a port number`);
  const speedText = env['TWIN_SPEED'] ?? '1';
  const speed = speedText === 'max' ? 'max' : speedText.trim() === '' ? NaN : Number(speedText.replace(/x$/, ''));
  if (speed !== 'max' && !(speed >= SPEED_LIMITS.min && speed <= SPEED_LIMITS.max)) {
    throw new ConfigError(`TWIN_SPEED: "${speedText}" is not supported: use a number from ${SPEED_LIMITS.min} to ${SPEED_LIMITS.max} (times real time) or "max"`);
  }
  const deadlineText = env['TWIN_SHUTDOWN_DEADLINE_S'] ?? '10';
  const shutdownDeadlineS = deadlineText.trim() === '' ? NaN : Number(deadlineText);
  if (!(shutdownDeadlineS > 0 && shutdownDeadlineS <= 600)) throw new ConfigError(`TWIN_SHUTDOWN_DEADLINE_S: "${deadlineText}" is not a number of seconds from above 0 to 600`);
  const dbUrl = env['DATABASE_URL'] || null;
  if (dbUrl && !/^postgres(ql)?:\/\//.test(dbUrl)) throw new ConfigError('DATABASE_URL: must start with postgres:// or postgresql://');
  const mqttUrl = env['MQTT_URL'] || null;
  if (mqttUrl && !/^mqtts?:\/\/|^wss?:\/\//.test(mqttUrl)) throw new ConfigError('MQTT_URL: must start with mqtt://, mqtts://, ws:// or wss://');
  const bootstrap = env['TWIN_ML_BOOTSTRAP'] ?? '1';
  if (bootstrap !== '0' && bootstrap !== '1') throw new ConfigError(`TWIN_ML_BOOTSTRAP: "${bootstrap}" is not 0 or 1`);
  const retrain = env['TWIN_RETRAIN_ON_DRIFT'] ?? '0';
  if (retrain !== '0' && retrain !== '1') throw new ConfigError(`TWIN_RETRAIN_ON_DRIFT: "${retrain}" is not 0 or 1`);
  const warmUpText = env['TWIN_WARM_UP'] ?? '0s';
  const warmUpS = parseDuration(warmUpText);
  if (warmUpS === undefined || warmUpS < 0 || warmUpS > 7 * 86_400) throw new ConfigError(`TWIN_WARM_UP: "${warmUpText}" is not a duration up to 7d, such as "9h" or "90m"`);
  const optimizer = env['TWIN_OPTIMIZER'] ?? '1';
  if (optimizer !== '0' && optimizer !== '1') throw new ConfigError(`TWIN_OPTIMIZER: "${optimizer}" is not 0 or 1`);
  // Development mode answers anonymous requests as admin: on a reachable interface that is an open
  // door, so it needs the explicit TWIN_DEV_MODE=1 (server.ts then warns on every start).
  const host = env['HOST'];
  if (devMode && host !== undefined && !isLoopback(host) && env['TWIN_DEV_MODE'] !== '1') {
    throw new ConfigError(`HOST: "${host}" in development mode (no TWIN_API_KEYS or TWIN_JWT_SECRET) would serve anonymous admin on every interface; set credentials, or TWIN_DEV_MODE=1 to accept it`);
  }
  let retentionPolicy: RetentionPolicy;
  try {
    retentionPolicy = retentionPolicyFromEnv(env);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const intervalText = env['TWIN_RETENTION_INTERVAL_S'] ?? '60';
  const retentionIntervalS = Number(intervalText);
  if (!(retentionIntervalS > 0) || !Number.isFinite(retentionIntervalS)) throw new ConfigError(`TWIN_RETENTION_INTERVAL_S: "${intervalText}" is not a positive number of seconds`);
  const logLevel = env['LOG_LEVEL'] || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError(`LOG_LEVEL: "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);
  if (env['TWIN_WHATIF_MAX'] && parseDuration(env['TWIN_WHATIF_MAX']) === undefined) throw new ConfigError('TWIN_WHATIF_MAX: not a duration');
  return {
    port,
    // Development mode has no credentials: listen on loopback only unless HOST says otherwise.
    host: env['HOST'] ?? (devMode ? '127.0.0.1' : '0.0.0.0'),
    dataDir: env['DATA_DIR'] ?? './data',
    databaseUrl: dbUrl,
    mqttUrl,
    scenario: env['TWIN_SCENARIO'] ?? 'glass-plant',
    warmUpS,
    speed,
    modelsDir: env['TWIN_MODELS_DIR'] ?? './models',
    mlBootstrap: bootstrap === '1',
    retrainOnDrift: retrain === '1',
    optimizer: optimizer === '1',
    retention: { policy: retentionPolicy, intervalS: retentionIntervalS },
    logLevel: logLevel as LogLevel,
    shutdownDeadlineS,
    neo4j: neo4jConfigFrom(env, readFile),
    llm: llmConfigFrom(env, readFile),
  };
}
