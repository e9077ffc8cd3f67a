/**
 * The copilot's API: a question in words (with the conversation so far and what the viewer shows),
 * answered from the twin's tools. Anyone who may read the twin may ask; the tools that plan or fork
 * the plant keep their own routes' roles, so a viewer's "plan the maintenance" is answered with why not.
 */
import type { FastifyInstance } from 'fastify';
import type { Copilot } from '../../copilot/copilot.ts';
import { ChatAnswer, ChatRequest } from '../../protocol/copilot.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { responses } from './responses.ts';

export function copilotRoutes(copilot: Copilot) {
  return (app: FastifyInstance, ctx: AppContext) => {
    app.post(
      '/api/copilot/chat',
      {
        onRequest: requireRole(ctx.auth, 'viewer'),
        schema: {
          tags: ['copilot'],
          summary: 'Ask the copilot: failure risk, RUL, why a risk is high or an alert fired, root causes, what-ifs, a maintenance plan, history, the manuals; every number in the answer comes from a tool it called',
          body: ChatRequest,
          response: responses(ChatAnswer, 'The answer, the tools it called with their results, the sources it cites, and whether every number is grounded'),
        },
      },
      async (req) => {
        const body = req.body as ChatRequest;
        const p = req.principal!;
        const a = await copilot.answer(body.messages, body.context ?? {}, { actor: p.actor, role: p.role });
        return ok({
          ...a,
          toolCalls: a.toolCalls.map((c) => ({ tool: c.tool, args: c.args, ok: c.result.ok, result: c.result.ok ? c.result.data : null, error: c.result.ok ? null : c.result.error })),
        });
      },
    );
  };
}
