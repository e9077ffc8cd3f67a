import type { FastifyInstance } from 'fastify';
import { ShadowStateView } from '../../protocol/shadow.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import type { LiveSource } from '../shadow/live-source.ts';
import type { ShadowTracker } from '../../monitor/shadow/shadow-tracker.ts';
import { responses } from './responses.ts';

/** GET /api/digital-twin/shadow-state: residuals, tracking accuracy and drift/equipment flags. */
export function shadowRoutes(tracker: ShadowTracker, source: LiveSource, kind: 'engine' | 'mqtt') {
  return (app: FastifyInstance, ctx: AppContext) => {
    app.get('/api/digital-twin/shadow-state', { onRequest: requireRole(ctx.auth, 'viewer'), schema: { tags: ['digital-twin'], summary: 'Shadow-mode tracking of the live source', response: responses(ShadowStateView, 'The live source, and how well the twin tracks it') } }, async () =>
      ok({ source: { kind, ...source.status() }, ...tracker.state() }),
    );
  };
}
