import type { ModelIndexInput, ModelRegistryStore } from '../store/model-store.ts';

/** Feeds `ModelService`'s onRegistry into the history store. */
export interface RegistryMirror {
  /** Queues a sync of `indexes`, stamped with the clock now; never throws or rejects. */
  readonly sync: (indexes: readonly ModelIndexInput[]) => void;
  /** Resolves once every sync queued so far has finished or failed (tests; closing the store). */
  readonly settled: () => Promise<void>;
}

/**
 * Keeps the history store's copy of the model registry; the registry on disk stays the source of truth.
 * Syncs run one after another, so an older snapshot never lands after a newer one. A failed sync is
 * logged, not thrown: each later sync writes every index again, so the copy catches up.
 * @example const mirror = registryMirror(store, Date.now, log); new ModelService({ …, onRegistry: mirror.sync });
 */
export function registryMirror(store: Pick<ModelRegistryStore, 'syncModelIndexes'>, nowMs: () => number, log: (msg: string) => void): RegistryMirror {
  let last: Promise<void> = Promise.resolve();
  return {
    sync: (indexes) => {
      const atMs = nowMs();
      last = last
        .then(() => store.syncModelIndexes(indexes, atMs))
        .catch((err: unknown) => log(`model registry sync to the history database failed: ${(err as Error).message}`));
    },
    settled: () => last,
  };
}
