/** What the composition root needs to know; server.ts derives it from the environment, tests write it out. */
import type { ClockMode } from '../../engine/clock.ts';
import type { Scenario } from '../../engine/scenario.ts';
import type { AuthConfig } from '../auth.ts';
import type { AppOptions } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import type { Driver } from 'neo4j-driver';
import type { LlmConfig } from '../copilot/openai-chat.ts';
import type { Neo4jConfig } from '../knowledge/neo4j-config.ts';
import type { RetentionPolicy } from '../store/retention-policy.ts';
import type { ModelServiceOptions } from '../predictions/model-service.ts';
import type { PlantDifferences } from '../shadow/engine-plant-source.ts';
import type { ProposerOptions } from '../../rl/proposer.ts';
import type { WhatIfService } from '../what-if/service.ts';
import type { StartupPhases } from './startup-phases.ts';

/** Where history is kept: PostgreSQL, PGlite in a folder, or PGlite in memory (tests). */
export type StoreConfig =
  /** dataDir: where rows the quarantine table refuses are appended (JSONL). */
  | { readonly kind: 'postgresql'; readonly url: string; readonly dataDir?: string }
  | { readonly kind: 'pglite'; readonly dataDir: string } | { readonly kind: 'memory' };

export interface TwinServicesConfig {
  readonly auth: AuthConfig;
  /** A scenario of the library (scenarios/library). */
  readonly scenario: string;
  /** Runs this scenario instead of the library's of that name (a variant: e.g. without its scripted operator actions). */
  readonly scenarioVariant?: (library: Scenario) => Scenario;
  /** How the live twin's clock runs once started: paced at a speed, or virtual (as fast as it can). */
  readonly clock: ClockMode;
  /** Simulated seconds the twin runs before serving (tests use it to have history and state). */
  readonly warmUpS?: number;
  readonly store: StoreConfig;
  /** History retention; absent: the defaults (store/retention-policy.ts), every 60 s. */
  readonly retention?: { readonly policy: RetentionPolicy; readonly intervalS: number };
  /** Shadow mode and plant commands over MQTT; null: the built-in stand-in plant. */
  readonly mqtt: { readonly url: string; readonly clientId: string } | null;
  /** How the stand-in plant differs from the twin (default: engine-plant-source's hidden differences). */
  readonly standIn?: PlantDifferences;
  readonly models: {
    readonly dir: string;
    readonly bootstrap: boolean;
    readonly retrainOnDrift: boolean;
    /** How models are trained (default: in a worker thread). */
    readonly train?: ModelServiceOptions['train'];
  };
  /**
   * The optimizer: `scheduled` plans on its cadence by itself (the server, TWIN_OPTIMIZER=1, the
   * default); otherwise only on request. `proposer`: smaller searches for tests. Absent: on request.
   */
  readonly optimizer?: { readonly scheduled: boolean; readonly proposer?: Omit<ProposerOptions, 'runner'> };
  /** The knowledge graph's store: Neo4j when given, else embedded in the history database (the default). */
  readonly knowledge?: {
    readonly neo4j: Neo4jConfig | null;
    /** How the Neo4j store connects (tests: a stand-in server); default neo4j-driver. */
    readonly driverOf?: (c: Neo4jConfig) => Driver;
  };
  /** The copilot: a language model when configured (else the planner alone), and its client (tests: a stand-in). */
  readonly copilot?: { readonly llm: LlmConfig | null; readonly fetch?: typeof fetch };
  /** Replaces the worker-pool what-if service (tests that check requests without simulating). */
  readonly whatIf?: WhatIfService;
  /** The built viewer to serve at /, or null. */
  readonly viewerDist: string | null;
  readonly log?: (msg: string) => void;
  /** Where start-up progress is recorded (server.ts shares it with the early listener's health answer). */
  readonly startup?: StartupPhases;
  /** The API's structured request logs (every 5xx with its request id); none when absent. */
  readonly requestLog?: AppOptions['log'];
  /** Tests: a response property its schema does not declare fails the request (app.ts). */
  readonly strictResponses?: boolean;
}

/** The server's configuration as the composition root's. */
export function servicesConfigOf(config: ServerConfig, auth: AuthConfig, mqttClientId: string, viewerDist: string | null, log: (msg: string) => void): TwinServicesConfig {
  return {
    auth,
    scenario: config.scenario,
    clock: config.speed === 'max' ? { kind: 'virtual' } : { kind: 'paced', speed: config.speed },
    store: config.databaseUrl ? { kind: 'postgresql', url: config.databaseUrl, dataDir: config.dataDir } : { kind: 'pglite', dataDir: config.dataDir },
    mqtt: config.mqttUrl ? { url: config.mqttUrl, clientId: mqttClientId } : null,
    retention: config.retention,
    models: { dir: config.modelsDir, bootstrap: config.mlBootstrap, retrainOnDrift: config.retrainOnDrift },
    optimizer: { scheduled: config.optimizer },
    knowledge: { neo4j: config.neo4j },
    copilot: { llm: config.llm },
    ...(config.warmUpS > 0 ? { warmUpS: config.warmUpS } : {}),
    viewerDist,
    log,
    requestLog: { level: config.logLevel },
  };
}
