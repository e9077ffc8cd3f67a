import type { HistoryStore } from './history-store.ts';
import { PgStore } from './pg-store.ts';
import { PgliteStore } from './pglite-store.ts';

export interface CreateHistoryStoreOptions {
  /** A PostgreSQL connection string; without one the embedded store in `dataDir` is used. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
}

/** Opens the configured history store with its schema migrated. The caller reads the environment, not this. */
export function createHistoryStore(o: CreateHistoryStoreOptions): Promise<HistoryStore> {
  return o.databaseUrl ? PgStore.open({ connectionString: o.databaseUrl }) : PgliteStore.open(o.dataDir);
}
