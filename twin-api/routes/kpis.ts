import type { FastifyInstance } from 'fastify';
import { KpiSnapshot } from '../../protocol/kpis.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import type { KpiTracker } from '../../monitor/kpis/kpi-tracker.ts';
import { responses } from './responses.ts';

/** KPIs per line and plant: defects, FPY, production rate, downtime, OEE, per shift, day and rolling hour. */
export function kpiRoutes(kpis: KpiTracker) {
  return (app: FastifyInstance, ctx: AppContext) => {
    app.get('/api/kpis', { onRequest: requireRole(ctx.auth, 'viewer'), schema: { tags: ['kpis'], summary: 'Quality and production KPIs (shift, previous shift, day, rolling, 24 h sparkline)', response: responses(KpiSnapshot, 'KPIs per line, for the plant, and machine downtime') } }, async () => ok(kpis.snapshot()));
  };
}
