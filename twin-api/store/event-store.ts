export interface StoredEventInput {
  /** The engine's event sequence number (not unique across runs and forks). */
  readonly seq: number;
  readonly tMs: number;
  readonly type: string;
  readonly asset: string;
  /** The whole event as the engine emitted it; defects are events with type 'defect'. */
  readonly payload: unknown;
}

export interface StoredEvent extends StoredEventInput {
  readonly id: number;
}

export interface EventQuery {
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly types?: readonly string[];
  readonly assets?: readonly string[];
  readonly limit: number;
}

/** The engine's events (defects, units produced, faults), newest first. */
export interface EventStore {
  insertEvents(events: readonly StoredEventInput[]): Promise<void>;
  queryEvents(query: EventQuery): Promise<StoredEvent[]>;
}
