import type { FastifyInstance } from 'fastify';
import { Envelope } from '../../protocol/envelope.ts';
import { Health, type MonitorsHealth, type PlantHealth, type StorageHealth } from '../../protocol/health.ts';
import { ok, type AppContext } from '../app.ts';
import type { LiveTwin } from '../live/live-twin.ts';
import type { Metrics } from '../metrics.ts';
import type { StartupPhases } from '../services/startup-phases.ts';
import { responses } from './responses.ts';

export interface HealthDeps {
  readonly twin: LiveTwin;
  readonly metrics: Metrics;
  /** Database reachability; null when the server runs without history. */
  readonly database: (() => Promise<{ ok: boolean; kind: string; detail?: string; bufferedRows?: number; quarantinedRows?: number }>) | null;
  readonly models: () => { status: string; detail?: string; backend?: string | null };
  /** The live plant's source and command port; a disconnected MQTT broker makes the server degraded. */
  readonly plant?: () => PlantHealth;
  /** The drift and shadow monitors; one that is off makes the server degraded. */
  readonly monitors?: () => MonitorsHealth;
  /** Disk use of the history (services/storage-usage.ts); also sets its /metrics gauges. */
  readonly storage?: () => Promise<StorageHealth | null>;
  /** The server's start-up phases: health says "starting" until they have ended. */
  readonly startup?: StartupPhases;
}

/** The engine part of health, from the clock's status (also what the early listener shows). */
export function engineHealth(twin: LiveTwin) {
  const st = twin.status;
  return {
    running: st.running,
    simTime: twin.engine.isoAt(),
    tick: twin.engine.tick,
    lagS: st.lagS,
    speed: st.mode.kind === 'paced' ? st.mode.speed : ('max' as const),
    behindS: st.behindS,
    effectiveSpeed: st.effectiveSpeed,
  };
}


/** GET /api/health (no auth: load balancers probe it) and GET /metrics (Prometheus text). */
export function healthRoutes(deps: HealthDeps) {
  return (app: FastifyInstance, _ctx: AppContext) => {
    app.get('/api/health', { schema: { tags: ['health'], summary: 'Database, engine lag and model status', response: responses(Health, 'ok, or degraded when the database or the plant is away') } }, async () => {
      const db = deps.database ? await deps.database() : { ok: true, kind: 'none', detail: 'history disabled' };
      const plant = deps.plant?.();
      const storage = db.ok ? await deps.storage?.() : null;
      const plantOk = plant === undefined || (plant.connected && plant.commands.connected);
      const monitors = deps.monitors?.();
      const monitorsOk = monitors === undefined || (monitors.drift.state === 'watching' && monitors.shadow.state === 'watching');
      return ok({
        status: !(db.ok && plantOk && monitorsOk) ? ('degraded' as const) : deps.startup?.starting ? ('starting' as const) : ('ok' as const),
        database: db,
        engine: engineHealth(deps.twin),
        models: (({ status, detail, backend }) => ({ status, ...(detail !== undefined ? { detail } : {}), ...(backend !== undefined ? { backend } : {}) }))(deps.models()),
        ...(storage ? { storage } : {}),
        ...(plant ? { plant } : {}),
        ...(monitors ? { monitors } : {}),
        ...(deps.startup ? { startup: deps.startup.view() } : {}),
      });
    });
    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
      deps.metrics.engineLag.set(deps.twin.status.lagS);
      deps.metrics.clockEffectiveSpeed.set(deps.twin.status.effectiveSpeed ?? 0);
      deps.metrics.clockBehind.set(deps.twin.status.behindS);
      deps.metrics.simTime.set(deps.twin.engine.tS);
      await deps.storage?.();
      reply.type(deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    });
  };
}
