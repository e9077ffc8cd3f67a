/** The database part of GET /api/health: reachable or not, and which kind, never the error's internals. */
import type { StoreLifecycle } from '../store/store-lifecycle.ts';

export type StoreKind = 'postgresql' | 'pglite' | 'memory';

export function storeHealth(store: Pick<StoreLifecycle, 'ping'>, kind: StoreKind, log: (msg: string) => void) {
  return async (): Promise<{ ok: boolean; kind: string; detail?: string }> => {
    try {
      await store.ping();
      return { ok: true, kind };
    } catch (err) {
      // The reason goes to the log; the public health route says only that the database is away.
      log(`health: database ping failed: ${(err as Error).message}`);
      return { ok: false, kind, detail: 'database unreachable' };
    }
  };
}
