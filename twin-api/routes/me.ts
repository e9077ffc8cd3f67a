import type { FastifyInstance } from 'fastify';
import { Me } from '../../protocol/health.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { responses } from './responses.ts';

/** GET /api/me: who the credentials belong to, so a client can show only what the role may do. */
export function meRoutes() {
  return (app: FastifyInstance, ctx: AppContext) => {
    app.get('/api/me', { onRequest: requireRole(ctx.auth, 'viewer'), schema: { tags: ['health'], summary: 'The caller: actor and role (and whether the server is in development mode)', response: responses(Me, 'Who the credentials belong to') } }, async (req) =>
      ok({ actor: req.principal!.actor, role: req.principal!.role, devMode: ctx.auth.devMode }),
    );
  };
}
