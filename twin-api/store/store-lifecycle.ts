/** What the composition root does with the store as a whole: health checks and shutdown. */
export interface StoreLifecycle {
  /** A round trip to the database (health checks): cheap, whatever the history's size. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
