/**
 * The maintenance planner's API: engineers plan (from the served predictions, on the MIP solver,
 * checked on forks of the twin) and apply a plan, whose jobs then happen at their times through the
 * plant command path; everyone may read the plans. Writes are audited by the app's write hook; each
 * maintenance job by the command service when it is issued.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ApplyScheduleBody, SchedulePlan, ScheduleRequest } from '../../protocol/maintenance.ts';
import { Nullable } from '../../protocol/schema-kit.ts';
import { Text } from '../../protocol/text.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import type { MaintenanceService } from '../maintenance/maintenance-service.ts';
import { responses } from './responses.ts';

/** A bare POST is an empty body: plan with every default, apply without a note. */
const emptyBody = async (req: { body: unknown }) => {
  req.body ??= {};
};
const PlanParams = Type.Object({ id: Text({ minLength: 1, maxLength: 80 }) });

export function maintenanceRoutes(service: MaintenanceService) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const viewer = requireRole(ctx.auth, 'viewer');
    const engineer = requireRole(ctx.auth, 'engineer');
    const tags = ['maintenance'];
    const caller = (req: { principal?: { actor: string; role: string } }) => ({ actor: req.principal!.actor, role: req.principal!.role });

    app.post(
      '/api/optimizer/schedule',
      {
        onRequest: engineer,
        preValidation: emptyBody,
        schema: {
          tags,
          summary: 'Plan maintenance from the served failure-risk and RUL predictions: the MIP schedule (HiGHS), the greedy baseline, both checked on forks of the twin',
          body: ScheduleRequest,
          response: responses(SchedulePlan, 'The stored plan: jobs per team and shift, expected costs, the twin check with 95 % intervals'),
        },
      },
      async (req) => ok(await service.plan(req.body as ScheduleRequest, caller(req))),
    );

    app.get('/api/maintenance/schedule', { onRequest: viewer, schema: { tags, summary: 'The latest maintenance plan (null before the first)', response: responses(Nullable(SchedulePlan), 'The latest plan, with its jobs’ states once applied') } }, async () => ok(service.latest()));

    app.get('/api/maintenance/schedule/:id', { onRequest: viewer, schema: { tags, summary: 'A maintenance plan by id', params: PlanParams, response: responses(SchedulePlan, 'The plan') } }, async (req) => ok(service.get((req.params as { id: string }).id)));

    app.post(
      '/api/maintenance/schedule/:id/apply',
      { onRequest: engineer, preValidation: emptyBody, schema: { tags, summary: 'Apply a plan: each job becomes a maintenance command on the twin and the plant at its start time (409 when already applied)', params: PlanParams, body: ApplyScheduleBody, response: responses(SchedulePlan, 'The plan, applied, with each job pending or done') } },
      async (req) => ok(await service.apply((req.params as { id: string }).id, caller(req), (req.body as ApplyScheduleBody).note ?? null)),
    );
  };
}
