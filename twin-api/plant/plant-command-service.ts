/** Builds the plant command service with the server's real clock and ids (the core takes them injected). */
import { randomUUID } from 'node:crypto';
import { PlantCommands, type CommandableTwin, type PlantCommandPort, type PolicyBounds } from '../../commands/index.ts';
import { auditCommandLog, type AuditAppender } from './audit-command-log.ts';

export interface PlantCommandServiceDeps {
  readonly twin: CommandableTwin;
  readonly port: PlantCommandPort;
  /** Where audit records go: the history store's audit table. */
  readonly audit: AuditAppender;
  readonly now?: () => number;
  /** The safety policy's envelope of a setpoint (the optimizer service keeps the policy). */
  readonly policyBounds?: (setpoint: string) => PolicyBounds | undefined;
}

export function createPlantCommands(deps: PlantCommandServiceDeps): PlantCommands {
  return new PlantCommands({
    twin: deps.twin,
    port: deps.port,
    log: auditCommandLog(deps.audit),
    now: deps.now ?? Date.now,
    ...(deps.policyBounds ? { policyBounds: deps.policyBounds } : {}),
    // A command id must exist before the plant is asked (its echo carries it), so it cannot be the audit row's id.
    nextId: () => `CMD-${randomUUID()}`,
  });
}
