/** One audited action: who (actor and role), what (action on target), from where, and the details. */
export interface AuditInput {
  readonly atMs: number;
  readonly actor: string;
  readonly role: string;
  /** e.g. 'PUT /api/plant/setpoints/:id', 'setpoint.change'. */
  readonly action: string;
  readonly target: string | null;
  /** Where the command came from (e.g. 'operator', 'optimizer', 'maintenance', 'rollback'); absent: not said. */
  readonly origin?: string | null;
  /** Any JSON: for a plant command, e.g. `{ previous, value, ack }`. */
  readonly detail: unknown;
}

export interface AuditEntry {
  readonly id: number;
  readonly atMs: number;
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly target: string | null;
  readonly origin: string | null;
  readonly detail: unknown;
}

export interface AuditFilter {
  /** Inclusive. */
  readonly fromMs?: number;
  /** Exclusive. */
  readonly toMs?: number;
  readonly actor?: string;
  readonly action?: string;
}

export interface AuditQuery extends AuditFilter {
  readonly limit: number;
  /** The `nextCursor` of the previous page; absent: the newest page. */
  readonly cursor?: string;
}

/** Newest first (by time, then by id). */
export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Pass it as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Thrown for a cursor this store did not hand out. */
export class AuditCursorError extends Error {}

/** The audit log. Append-only: there is no method to change or remove an entry. */
export interface AuditStore {
  appendAudit(entry: AuditInput): Promise<AuditEntry>;
  /** A page of entries matching the filter; pages never repeat nor skip an entry, whatever is appended meanwhile. */
  listAudit(query: AuditQuery): Promise<AuditPage>;
  /** How many entries match the filter. */
  countAudit(filter?: AuditFilter): Promise<number>;
}
