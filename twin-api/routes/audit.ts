import type { FastifyInstance } from 'fastify';
import { AuditPageWire, AuditQueryWire, type AuditEntryWire } from '../../protocol/audit.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { badRequest, parseTime } from '../errors.ts';
import { AuditCursorError, type AuditEntry, type AuditStore } from '../store/audit-store.ts';
import { responses } from './responses.ts';

const toWire = (e: AuditEntry): AuditEntryWire => ({
  id: e.id, at: new Date(e.atMs).toISOString(), actor: e.actor, role: e.role, action: e.action, target: e.target, origin: e.origin, detail: e.detail,
});

/** The audit log, for admins: newest first, filtered by actor, action and time, a page at a time. */
export function auditRoutes(store: AuditStore) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const admin = requireRole(ctx.auth, 'admin');
    app.get('/api/audit', { onRequest: admin, schema: { tags: ['audit'], summary: 'The audit log, newest first, paged by cursor', querystring: AuditQueryWire, response: responses(AuditPageWire, 'A page of entries, newest first, and the cursor of the next') } }, async (req) => {
      const q = req.query as AuditQueryWire;
      const filter = {
        ...(q.actor ? { actor: q.actor } : {}),
        ...(q.action ? { action: q.action } : {}),
        ...(q.from ? { fromMs: parseTime(q.from, 'from') } : {}),
        ...(q.to ? { toMs: parseTime(q.to, 'to') } : {}),
      };
      try {
        const [page, total] = await Promise.all([
          store.listAudit({ ...filter, limit: q.limit ?? 50, ...(q.cursor ? { cursor: q.cursor } : {}) }),
          store.countAudit(filter),
        ]);
        return ok({ entries: page.entries.map(toWire), nextCursor: page.nextCursor, total });
      } catch (err) {
        if (err instanceof AuditCursorError) throw badRequest(`cursor: "${q.cursor}" is not a cursor of this log`);
        throw err;
      }
    });
  };
}
