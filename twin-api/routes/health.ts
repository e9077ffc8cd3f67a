import type { FastifyInstance } from 'fastify';
import { Envelope } from '../../protocol/envelope.ts';
import { Health, type PlantHealth, type StorageHealth } from '../../protocol/health.ts';
import { ok, type AppContext } from '../app.ts';
import type { LiveTwin } from '../live/live-twin.ts';
import type { Metrics } from '../metrics.ts';
import { responses } from './responses.ts';

export interface HealthDeps {
  readonly twin: LiveTwin;
  readonly metrics: Metrics;
  /** Database reachability; null when the server runs without history. */
  readonly database: (() => Promise<{ ok: boolean; kind: string; detail?: string; bufferedRows?: number; quarantinedRows?: number }>) | null;
  readonly models: () => { status: string; detail?: string; backend?: string | null };
  /** The live plant's source and command port; a disconnected MQTT broker makes the server degraded. */
  readonly plant?: () => PlantHealth;
  /** Disk use of the history (services/storage-usage.ts); also sets its /metrics gauges. */
  readonly storage?: () => Promise<StorageHealth | null>;
}


/** GET /api/health (no auth: load balancers probe it) and GET /metrics (Prometheus text). */
export function healthRoutes(deps: HealthDeps) {
  return (app: FastifyInstance, _ctx: AppContext) => {
    app.get('/api/health', { schema: { tags: ['health'], summary: 'Database, engine lag and model status', response: responses(Health, 'ok, or degraded when the database or the plant is away') } }, async () => {
      const st = deps.twin.status;
      const db = deps.database ? await deps.database() : { ok: true, kind: 'none', detail: 'history disabled' };
      const plant = deps.plant?.();
      const storage = db.ok ? await deps.storage?.() : null;
      const plantOk = plant === undefined || (plant.connected && plant.commands.connected);
      return ok({
        status: db.ok && plantOk ? ('ok' as const) : ('degraded' as const),
        database: db,
        engine: {
          running: st.running,
          simTime: deps.twin.engine.isoAt(),
          tick: deps.twin.engine.tick,
          lagS: st.lagS,
          speed: st.mode.kind === 'paced' ? st.mode.speed : ('max' as const),
        },
        models: (({ status, detail, backend }) => ({ status, ...(detail !== undefined ? { detail } : {}), ...(backend !== undefined ? { backend } : {}) }))(deps.models()),
        ...(storage ? { storage } : {}),
        ...(plant ? { plant } : {}),
      });
    });
    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
      deps.metrics.engineLag.set(deps.twin.status.lagS);
      deps.metrics.simTime.set(deps.twin.engine.tS);
      await deps.storage?.();
      reply.type(deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    });
  };
}
