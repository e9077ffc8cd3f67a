import { createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { buildApp, type AuditEntry, type RoutePlugin } from './app.ts';
import type { AuthConfig, Principal, Role } from './auth.ts';
import { LiveTwin } from './live/live-twin.ts';
import { createMetrics } from './metrics.ts';
import { healthRoutes } from './routes/health.ts';
import { plantRoutes } from './routes/plant.ts';

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
  return { apiKeys, jwtSecret: 'test-jwt-secret-not-for-production', devMode: false, ...over };
}

/** A server over a live twin that is stepped by hand (no paced clock running). */
export async function testServer(extra: (twin: LiveTwin) => RoutePlugin[] = () => [], auth = testAuth()) {
  const engine = createEngine(loadLibraryScenario('glass-plant'));
  engine.runFor(120);
  const twin = new LiveTwin(engine, { mode: { kind: 'paced', speed: 1 } });
  const audit: AuditEntry[] = [];
  const app = await buildApp({
    auth,
    audit: (e) => audit.push(e),
    routes: [
      healthRoutes({ twin, metrics: createMetrics(), database: null, models: () => ({ status: 'none' }) }),
      plantRoutes(twin),
      ...extra(twin),
    ],
  });
  return { app, twin, audit };
}
