/** The command service's audit log on the history store's audit table (action `plant.<kind>`). */
import type { CommandLog, CommandRecord } from '../../commands/index.ts';
import { commandTarget } from '../../commands/index.ts';
import type { AuditInput } from '../store/history-store.ts';

/** Anything that appends audit entries durably (the history store, or its audit port). */
export interface AuditAppender {
  appendAudit(entry: AuditInput): Promise<unknown>;
}

/** The audit entry of one command: who, as what, the command, previous and new target, the plant's answer. */
export function auditEntryOf(record: CommandRecord): AuditInput {
  const { id, twinTime, origin, command, previous, next, unit, plant, reason } = record;
  return {
    atMs: record.atMs,
    actor: record.actor,
    role: record.role,
    action: `plant.${command.kind}`,
    target: commandTarget(command),
    origin,
    detail: { commandId: id, origin, twinTime, command, previous, next, unit, plant, reason },
  };
}

export function auditCommandLog(store: AuditAppender): CommandLog {
  return { append: async (record) => void (await store.appendAudit(auditEntryOf(record))) };
}
