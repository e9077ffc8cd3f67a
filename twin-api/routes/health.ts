import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Envelope } from '../../protocol/envelope.ts';
import { ok, type AppContext } from '../app.ts';
import type { LiveTwin } from '../live/live-twin.ts';
import type { Metrics } from '../metrics.ts';

export interface HealthDeps {
  readonly twin: LiveTwin;
  readonly metrics: Metrics;
  /** Database reachability; null when the server runs without history. */
  readonly database: (() => Promise<{ ok: boolean; kind: string; detail?: string }>) | null;
  readonly models: () => { status: string; detail?: string; backend?: string | null };
}

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Object({ ok: Type.Boolean(), kind: Type.String(), detail: Type.Optional(Type.String()) }),
  engine: Type.Object({ running: Type.Boolean(), simTime: Type.String(), tick: Type.Integer(), lagS: Type.Number(), speed: Type.Union([Type.Number(), Type.Literal('max')]) }),
  models: Type.Object({ status: Type.String(), detail: Type.Optional(Type.String()), backend: Type.Optional(Type.Union([Type.String(), Type.Null()])) }),
});

/** GET /api/health (no auth: load balancers probe it) and GET /metrics (Prometheus text). */
export function healthRoutes(deps: HealthDeps) {
  return (app: FastifyInstance, _ctx: AppContext) => {
    app.get('/api/health', { schema: { tags: ['health'], summary: 'Database, engine lag and model status', response: { 200: Envelope(Health) } } }, async () => {
      const st = deps.twin.status;
      const db = deps.database ? await deps.database() : { ok: true, kind: 'none', detail: 'history disabled' };
      return ok({
        status: db.ok ? ('ok' as const) : ('degraded' as const),
        database: db,
        engine: {
          running: st.running,
          simTime: deps.twin.engine.isoAt(),
          tick: deps.twin.engine.tick,
          lagS: st.lagS,
          speed: st.mode.kind === 'paced' ? st.mode.speed : ('max' as const),
        },
        models: (({ status, detail, backend }) => ({ status, ...(detail !== undefined ? { detail } : {}), ...(backend !== undefined ? { backend } : {}) }))(deps.models()),
      });
    });
    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
      deps.metrics.engineLag.set(deps.twin.status.lagS);
      deps.metrics.simTime.set(deps.twin.engine.tS);
      reply.type(deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    });
  };
}
