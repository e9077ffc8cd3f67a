/**
 * The optimizer's API: recommendations with their evidence, operators' approve / reject / rollback,
 * engineers' settings and on-demand planning, admins' safety policy. People's decisions are audited
 * by the app's write hook (who, role, body); the optimizer's own by the service.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ok, type AppContext } from '../app.ts';
import { allows, requireRole } from '../auth.ts';
import { badRequest, TwinApiError } from '../errors.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import type { OptimizerService } from '../rl/optimizer-service.ts';
import { ApplyRecommendationBody, OptimizeBody, OptimizerSettings, Recommendation, RejectRecommendationBody, RollbackBody, SafetyPolicyChange, SafetyPolicyDoc, SessionOptimizerBody, SessionOptimizerView } from '../../protocol/recommendation.ts';
import { List } from '../../protocol/schema-kit.ts';
import { Text } from '../../protocol/text.ts';
import type { ProposalStatus } from '../../rl/proposal.ts';
import { mapDomainErrors } from './domain-errors.ts';
import { responses } from './responses.ts';

const STATUSES: readonly ProposalStatus[] = ['proposed', 'approved', 'applying', 'applied', 'rolled_back', 'rejected', 'expired', 'dropped', 'failed'];
const ListQuery = Type.Object({ status: Type.Optional(Text({ maxLength: 200, description: `comma-separated: ${STATUSES.join(',')}; "open" = proposed,approved,applying` })) }, { additionalProperties: false });
const RecommendationList = List(Recommendation);
const SessionParams = Type.Object({ id: Text({ minLength: 1, maxLength: 40 }) });

function statusesOf(text: string | undefined): ProposalStatus[] | undefined {
  if (!text) return undefined;
  return text.split(',').flatMap((raw) => {
    const s = raw.trim();
    if (s === 'open') return ['proposed', 'approved', 'applying'] as ProposalStatus[];
    if (!STATUSES.includes(s as ProposalStatus)) throw badRequest(`status: "${s}" is not one of open, ${STATUSES.join(', ')}`);
    return [s as ProposalStatus];
  });
}

export function rlAgentRoutes(optimizer: OptimizerService, sessions: Pick<SessionManager, 'get'>) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const viewer = requireRole(ctx.auth, 'viewer');
    const operator = requireRole(ctx.auth, 'operator');
    const engineer = requireRole(ctx.auth, 'engineer');
    const engineerOrTrainer = requireRole(ctx.auth, ['trainer', 'engineer']);
    const admin = requireRole(ctx.auth, 'admin');
    const tags = ['optimizer'];
    const caller = (req: { principal?: { actor: string; role: string } }) => ({ actor: req.principal!.actor, role: req.principal!.role });

    app.get('/api/rl-agent/recommendations', { onRequest: viewer, schema: { tags, summary: 'Recommendations, newest first: open, applied, rejected, expired, dropped', querystring: ListQuery, response: responses(RecommendationList, 'Recommendations with their evidence, decisions and outcome') } }, async (req) => {
      return ok(optimizer.list(statusesOf((req.query as { status?: string }).status)));
    });

    app.post(
      '/api/rl-agent/apply-recommendation',
      { onRequest: operator, schema: { tags, summary: 'Approve a proposal and apply it (refused with 409 when stale: the plant moved since it was verified)', body: ApplyRecommendationBody, response: responses(Recommendation, 'The recommendation, now applying') } },
      mapDomainErrors(async (req) => {
        const b = req.body as { id: string; note?: string };
        return ok(await optimizer.approve(b.id, caller(req), b.note ?? null));
      }),
    );

    app.post(
      '/api/rl-agent/reject',
      { onRequest: operator, schema: { tags, summary: 'Reject a proposal, with the reason', body: RejectRecommendationBody, response: responses(Recommendation, 'The rejected recommendation') } },
      mapDomainErrors(async (req) => {
        const b = req.body as { id: string; reason: string };
        return ok(await optimizer.reject(b.id, caller(req), b.reason));
      }),
    );

    app.post(
      '/api/rl-agent/rollback',
      { onRequest: operator, schema: { tags, summary: 'Undo an applied (or applying) recommendation now: the previous setpoints ramp back within their rate limits', body: RollbackBody, response: responses(Recommendation, 'The recommendation, rolled back') } },
      mapDomainErrors(async (req) => {
        const b = req.body as { id: string; reason?: string };
        return ok(await optimizer.rollBack(b.id, caller(req), b.reason ?? null));
      }),
    );

    app.post(
      '/api/rl-agent/optimize',
      {
        onRequest: engineerOrTrainer,
        schema: {
          tags,
          summary: 'Plan now: on the live plant (engineers; one asset, or every line and machine not busy), or on a training session’s present (trainers and engineers; nothing is kept or applied)',
          body: OptimizeBody,
          response: responses(RecommendationList, 'The new recommendations, proposed or dropped with their reasons'),
        },
      },
      mapDomainErrors(async (req) => {
        const b = (req.body ?? {}) as { asset?: string; session?: string };
        if (b.session !== undefined) return ok(await optimizer.planOnSession(sessions.get(b.session).engine, b.asset));
        if (!allows(req.principal!.role, 'engineer')) throw new TwinApiError('TWIN_ERR_FORBIDDEN', `role ${req.principal!.role} may not do this (needs engineer to plan on the live plant; trainers plan on a session: { "session": id })`);
        return ok(await optimizer.optimize(b.asset));
      }),
    );

    app.get(
      '/api/sessions/:id/optimizer',
      { onRequest: viewer, schema: { tags, summary: 'Whether the optimizer plans along a training session, and what it would have proposed there (SIM-…, never applied)', params: SessionParams, response: responses(SessionOptimizerView, 'The toggle, the cadence and the rounds so far, oldest first') } },
      async (req) => {
        const session = sessions.get((req.params as { id: string }).id);
        return ok(session.optimizer?.view() ?? { session: session.id, enabled: false, cadenceS: optimizer.getSettings().cadenceS, proposals: [] });
      },
    );
    app.put(
      '/api/sessions/:id/optimizer',
      { onRequest: engineerOrTrainer, schema: { tags, summary: 'Switch the optimizer on or off in a training session: on, it plans on the session’s twin at every cadence boundary of its simulated time and lists what it would propose; nothing is applied', params: SessionParams, body: SessionOptimizerBody, response: responses(SessionOptimizerView, 'The toggle now, and the rounds so far') } },
      async (req) => {
        const w = optimizer.sessionOptimizer(sessions.get((req.params as { id: string }).id));
        w.setEnabled((req.body as { enabled: boolean }).enabled);
        return ok(w.view());
      },
    );

    app.get('/api/rl-agent/settings', { onRequest: viewer, schema: { tags, summary: 'Mode per asset, reward weights, cadence, validity, rollback window', response: responses(OptimizerSettings, 'The optimizer settings') } }, async () => ok(optimizer.getSettings()));
    app.put(
      '/api/rl-agent/settings',
      { onRequest: engineer, schema: { tags, summary: 'Change the optimizer settings (engineers)', body: OptimizerSettings, response: responses(OptimizerSettings, 'The settings now in force') } },
      mapDomainErrors(async (req) => ok(await optimizer.putSettings(req.body as OptimizerSettings, caller(req)))),
    );

    app.get('/api/rl-agent/safety-policy', { onRequest: viewer, schema: { tags, summary: 'The safety policy in force (schema: rl/safety-policy.schema.json)', response: responses(SafetyPolicyDoc, 'The safety policy') } }, async () => ok(optimizer.getPolicy()));
    app.get('/api/rl-agent/safety-policy/changed', { onRequest: viewer, schema: { tags, summary: 'Who last replaced the safety policy and when', response: responses(SafetyPolicyChange, 'The version in force, its author and time (null: the default policy)') } }, async () => ok(optimizer.getPolicyChange()));
    app.put(
      '/api/rl-agent/safety-policy',
      { onRequest: admin, schema: { tags, summary: 'Replace the safety policy (admins); it gets the next version', body: SafetyPolicyDoc, response: responses(SafetyPolicyDoc, 'The policy now in force, with its new version') } },
      mapDomainErrors(async (req) => ok(await optimizer.putPolicy(req.body as SafetyPolicyDoc, caller(req)))),
    );
  };
}
