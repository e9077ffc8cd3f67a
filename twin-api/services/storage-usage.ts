/** The disk use of the history for GET /api/health and /metrics: the database, each table, the data directory. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StorageHealth } from '../../protocol/health.ts';
import type { Metrics } from '../metrics.ts';
import type { RetentionStore } from '../store/retention-store.ts';

/** Bytes of the files under `dir` (0 when it does not exist). */
export async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += await directoryBytes(p);
    else if (e.isFile()) total += await stat(p).then((s) => s.size, () => 0);
  }
  return total;
}

/**
 * Measures at most once per `maxAgeMs` (probes and scrapes come often; a PGlite data dir holds
 * about a thousand files) and sets the gauges. `dataDir`: the embedded store's directory, or null.
 * Null when the database cannot be asked (it is away: health says so under `database`).
 */
export function storageUsage(store: Pick<RetentionStore, 'storageUsage'>, dataDir: string | null, metrics: Metrics, maxAgeMs = 10_000, now: () => number = Date.now) {
  let last: { atMs: number; value: Promise<StorageHealth | null> } | null = null;
  const measure = async (): Promise<StorageHealth | null> => {
    try {
      const u = await store.storageUsage();
      const dataDirBytes = dataDir === null ? null : await directoryBytes(dataDir);
      metrics.dbSizeBytes.set(u.databaseBytes);
      for (const t of u.tables) metrics.dbTableBytes.set({ table: t.table }, t.bytes);
      if (dataDirBytes !== null) metrics.dataDirBytes.set(dataDirBytes);
      return { databaseBytes: u.databaseBytes, dataDirBytes, tables: Object.fromEntries(u.tables.map((t) => [t.table, t.bytes])) };
    } catch {
      return null;
    }
  };
  return (): Promise<StorageHealth | null> => {
    if (!last || now() - last.atMs >= maxAgeMs) last = { atMs: now(), value: measure() };
    return last.value;
  };
}
