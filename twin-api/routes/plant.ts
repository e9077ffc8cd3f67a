import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { EngineError } from '../../engine/commands.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { badRequest } from '../errors.ts';
import type { LiveTwin } from '../live/live-twin.ts';

const SetpointBody = Type.Object({ value: Type.Number({ description: 'new target, within the setpoint bounds' }) }, { additionalProperties: false });
const SetpointParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. Line_A.furnace_temp' }) });

/** Plant topology, latest values and setpoints of the live twin. */
export function plantRoutes(twin: LiveTwin) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const viewer = requireRole(ctx.auth, 'viewer');
    app.get('/api/plant/topology', { onRequest: viewer, schema: { tags: ['plant'], summary: 'Lines and machines with their sensors and setpoints' } }, async () => ok(twin.topology()));
    app.get('/api/plant/latest', { onRequest: viewer, schema: { tags: ['plant'], summary: 'Latest value and status of every sensor' } }, async (_req, reply) => {
      reply.type('application/json');
      return twin.latestJson();
    });
    app.get('/api/plant/setpoints', { onRequest: viewer, schema: { tags: ['plant'], summary: 'Every setpoint with its target and actual value' } }, async () => ok(twin.engine.setpoints()));
    app.put(
      '/api/plant/setpoints/:id',
      { onRequest: requireRole(ctx.auth, ['operator', 'engineer']), schema: { tags: ['plant'], summary: 'Change a setpoint of the live plant', params: SetpointParams, body: SetpointBody } },
      async (req) => {
        const { id } = req.params as { id: string };
        const { value } = req.body as { value: number };
        try {
          twin.engine.setSetpoint(id, value);
        } catch (err) {
          if (err instanceof EngineError) throw badRequest(`value: ${err.message}`);
          throw err;
        }
        return ok(twin.engine.setpoints().find((s) => s.id === id));
      },
    );
  };
}
