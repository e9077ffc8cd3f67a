import { afterAll, beforeAll } from 'vitest';
import type { StoreLifecycle } from './store-lifecycle.ts';

/** Times of the contract suites: a Monday, UTC. */
export const T0 = Date.UTC(2025, 0, 6, 0, 0, 0);
export const DAY_MS = 86_400_000;

/**
 * Opens a migrated store of one database (its own directory or schema). Every call opens the same
 * database again, so a suite can close it and check what a restarted server finds.
 */
export type OpenStore<S> = () => Promise<S & StoreLifecycle>;

/** Opens the store before the suite's tests and closes it after them; `current()` is the open one. */
export function useStore<S>(open: OpenStore<S>): { current: () => S & StoreLifecycle; reopen: () => Promise<S & StoreLifecycle> } {
  let store: (S & StoreLifecycle) | undefined;
  // Creating a PGlite cluster runs initdb: seconds, more on a busy machine.
  beforeAll(async () => {
    store = await open();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });
  return {
    current: () => store!,
    reopen: async () => {
      await store?.close();
      store = undefined;
      store = await open();
      return store;
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
