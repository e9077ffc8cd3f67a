import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CommandError, type CommandIssuer, type PlantCommand, type PlantCommands } from '../../commands/index.ts';
import { LatestSnapshot, MaintenanceCommandResult, SetpointCommandResult, SetpointList, Topology } from '../../protocol/plant.ts';
import { Text } from '../../protocol/text.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { badRequest, notFound, TwinApiError } from '../errors.ts';
import type { LiveTwin } from '../live/live-twin.ts';
import { responses } from './responses.ts';

const Reason = Type.Optional(Text({ maxLength: 500, description: 'why, for the audit log' }));
const SetpointBody = Type.Object({ value: Type.Number({ description: 'new target, within the setpoint bounds' }), reason: Reason }, { additionalProperties: false });
const SetpointParams = Type.Object({ id: Text({ minLength: 1, maxLength: 200, description: 'e.g. Line_A.furnace_temp' }) });
const MaintenanceBody = Type.Object({ reason: Reason }, { additionalProperties: false });
const AssetParams = Type.Object({ asset: Text({ minLength: 1, maxLength: 200, description: 'e.g. pump_003' }) });

/** A command the plant cannot take is the caller's mistake: unknown names are 404s (with the closest names), bad values 400s. */
function httpError(err: unknown): unknown {
  if (!(err instanceof CommandError)) return err;
  return err.code === 'UNKNOWN_SETPOINT' || err.code === 'UNKNOWN_ASSET' ? notFound(err.message) : badRequest(err.message);
}

/** Operators change the plant as operators; engineers and admins as engineers (the command's origin). */
function issuerOf(req: FastifyRequest, reason: string | undefined): CommandIssuer {
  const p = req.principal!;
  return { actor: p.actor, role: p.role, origin: p.role === 'operator' ? 'operator' : 'engineer', ...(reason ? { reason } : {}) };
}

/**
 * Plant topology, latest values and setpoints of the live twin, and the operator's commands to
 * the plant. Every change goes through the plant command service, which audits it itself.
 */
export function plantRoutes(twin: LiveTwin, commands: PlantCommands) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const viewer = requireRole(ctx.auth, 'viewer');
    const steer = requireRole(ctx.auth, ['operator', 'engineer']);
    const execute = async (command: PlantCommand, req: FastifyRequest, reason: string | undefined) => {
      try {
        return await commands.execute(command, issuerOf(req, reason));
      } catch (err) {
        if (err instanceof CommandError) throw httpError(err);
        throw new TwinApiError('TWIN_ERR_UNAVAILABLE', `the command was applied to the twin but its audit record could not be stored: ${(err as Error).message}`);
      }
    };
    app.get('/api/plant/topology', { onRequest: viewer, schema: { tags: ['plant'], summary: 'Lines and machines with their sensors and setpoints', response: responses(Topology, 'The plant as the twin models it') } }, async () => ok(twin.topology()));
    app.get('/api/plant/latest', { onRequest: viewer, schema: { tags: ['plant'], summary: 'Latest value and status of every sensor', response: responses(LatestSnapshot, 'One sample per sensor, from the last tick') } }, async (_req, reply) => {
      reply.type('application/json');
      return twin.latestJson();
    });
    app.get(
      '/api/plant/setpoints',
      { onRequest: viewer, schema: { tags: ['plant'], summary: 'Every setpoint with its bounds, actuator lag and rate limit, target and actual value', response: responses(SetpointList, 'Every setpoint of the plant') } },
      async () => ok(commands.setpoints()),
    );
    app.put(
      '/api/plant/setpoints/:id',
      {
        onRequest: steer,
        config: { auditedByService: true },
        schema: { tags: ['plant'], summary: 'Change a setpoint of the plant (the twin, and the plant through its command port)', params: SetpointParams, body: SetpointBody, response: responses(SetpointCommandResult, 'The setpoint as it is now, and the command as executed and audited') },
      },
      async (req) => {
        const { id } = req.params as { id: string };
        const { value, reason } = req.body as { value: number; reason?: string };
        const command = await execute({ kind: 'setpoint', setpoint: id, value }, req, reason);
        return ok({ ...commands.setpoints().find((s) => s.id === id)!, command });
      },
    );
    app.post(
      '/api/plant/maintenance/:asset',
      {
        onRequest: steer,
        // The reason is optional, so is the body: a bare POST maintains the asset.
        preValidation: async (req) => {
          req.body ??= {};
        },
        config: { auditedByService: true },
        schema: { tags: ['plant'], summary: 'Maintain an asset now (clears its faults and wear), on the twin and the plant', params: AssetParams, body: MaintenanceBody, response: responses(MaintenanceCommandResult, 'The command as executed and audited') },
      },
      async (req) => {
        const { asset } = req.params as { asset: string };
        const { reason } = req.body as { reason?: string };
        return ok({ command: await execute({ kind: 'maintenance', target: asset }, req, reason) });
      },
    );
  };
}
