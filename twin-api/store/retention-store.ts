import type { RetainedTable, RetentionCut } from './retention-policy.ts';

/** Bytes on disk of one table, its indexes and TOAST included. */
export interface TableBytes {
  readonly table: string;
  readonly bytes: number;
}

export interface StorageUsage {
  /** The whole database (PostgreSQL: the database the schema lives in). */
  readonly databaseBytes: number;
  /** The tables of the store's schema, largest first. */
  readonly tables: readonly TableBytes[];
}

/** What the retention job needs of the store: bounded deletes of old rows, and how much room they take. */
export interface RetentionStore {
  /** Deletes at most `limit` rows of `cut.table` older than `cut.cutoffMs` (exclusive); returns how many went. */
  deleteOlderThan(cut: RetentionCut, limit: number): Promise<number>;
  /** Plain VACUUM of one table: makes the room of deleted rows reusable (PGlite runs no autovacuum), without locking writers out. */
  vacuum(table: RetainedTable): Promise<void>;
  storageUsage(): Promise<StorageUsage>;
}
