import { createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { buildApp, type AuditEntry, type RoutePlugin } from './app.ts';
import type { AuthConfig, Principal, Role } from './auth.ts';
import { LiveTwin } from './live/live-twin.ts';
import { createMetrics } from './metrics.ts';
import { healthRoutes } from './routes/health.ts';
import { plantRoutes } from './routes/plant.ts';
import { createPlantCommands } from './plant/plant-command-service.ts';
import { standInCommandPort } from './plant/stand-in-command-port.ts';
import { EnginePlantSource } from './shadow/engine-plant-source.ts';
import type { AuditInput } from './store/history-store.ts';

/** API keys for tests, one per role; generated here, never shipped. */
export const KEYS: Record<Role, string> = {
  viewer: 'test-viewer-key-0000000001',
  operator: 'test-operator-key-00000001',
  trainer: 'test-trainer-key-000000001',
  engineer: 'test-engineer-key-00000001',
  admin: 'test-admin-key-0000000001',
};

export function testAuth(over: Partial<AuthConfig> = {}): AuthConfig {
  const apiKeys = new Map<string, Principal>(Object.entries(KEYS).map(([role, key]) => [key, { actor: `${role}-user`, role: role as Role }]));
  return { apiKeys, jwtSecret: 'test-jwt-secret-not-for-production', devMode: false, jwtMaxLifetimeS: 3600, ...over };
}

/** A server over a live twin that is stepped by hand (no paced clock running). */
export async function testServer(extra: (twin: LiveTwin) => RoutePlugin[] = () => [], auth = testAuth()) {
  const engine = createEngine(loadLibraryScenario('glass-plant'));
  engine.runFor(120);
  const twin = new LiveTwin(engine, { mode: { kind: 'paced', speed: 1 } });
  const audit: AuditEntry[] = [];
  const plant = new EnginePlantSource(engine);
  const commands = createPlantCommands({ twin: engine, port: standInCommandPort(plant, Date.now), audit: auditInto(audit) });
  const app = await buildApp({
    auth,
    strictResponses: true,
    audit: (e) => void audit.push(e),
    routes: [
      healthRoutes({ twin, metrics: createMetrics(), database: null, models: () => ({ status: 'none' }) }),
      plantRoutes(twin, commands),
      ...extra(twin),
    ],
  });
  return { app, twin, audit, plant };
}

/** An audit appender that keeps entries in `into`, in the shape of the app's audit hook. */
export function auditInto(into: AuditEntry[]) {
  return {
    appendAudit: async (e: AuditInput) => {
      into.push({ at: new Date(e.atMs).toISOString(), actor: e.actor, role: e.role, action: e.action, target: e.target ?? '', detail: e.detail as Record<string, unknown> });
    },
  };
}
