export interface Setting {
  readonly key: string;
  readonly value: unknown;
  readonly updatedAtMs: number;
  readonly updatedBy: string | null;
}

/** Settings of any JSON shape by key (alert thresholds, …); the last write wins. */
export interface SettingsStore {
  getSetting(key: string): Promise<Setting | null>;
  putSetting(key: string, value: unknown, updatedBy: string | null): Promise<Setting>;
  listSettings(): Promise<Setting[]>;
}
