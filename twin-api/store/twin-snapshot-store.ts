/** The live twin's state as of the end of its stored history: what a restart continues from. */
export interface StoredTwinSnapshot {
  readonly tick: number;
  readonly tMs: number;
  /** The engine snapshot as JSON (engine/snapshot.ts, snapshotToJson). */
  readonly body: string;
}

/** One checkpoint per scenario, replaced each time. */
export interface TwinSnapshotStore {
  putTwinSnapshot(scenario: string, snapshot: StoredTwinSnapshot, savedAtMs: number): Promise<void>;
  getTwinSnapshot(scenario: string): Promise<StoredTwinSnapshot | null>;
}
