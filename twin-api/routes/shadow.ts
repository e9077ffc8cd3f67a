import type { FastifyInstance } from 'fastify';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import type { LiveSource } from '../shadow/live-source.ts';
import type { ShadowTracker } from '../../monitor/shadow/shadow-tracker.ts';

/** GET /api/digital-twin/shadow-state: residuals, tracking accuracy and drift/equipment flags. */
export function shadowRoutes(tracker: ShadowTracker, source: LiveSource, kind: 'engine' | 'mqtt') {
  return (app: FastifyInstance, ctx: AppContext) => {
    app.get('/api/digital-twin/shadow-state', { onRequest: requireRole(ctx.auth, 'viewer'), schema: { tags: ['digital-twin'], summary: 'Shadow-mode tracking of the live source' } }, async () =>
      ok({ source: { kind, ...source.status() }, ...tracker.state() }),
    );
  };
}
