/**
 * The live twin server's history, as narrow ports: each consumer takes only the one it needs.
 * Times are epoch milliseconds (UTC).
 * Adapters: `PgliteStore` (embedded, the default) and `PgStore` (PostgreSQL); both run the same SQL
 * in one class (`SqlHistoryStore`) that implements every port.
 */

import type { AlertStore } from './alert-store.ts';
import type { AuditStore } from './audit-store.ts';
import type { EventStore } from './event-store.ts';
import type { ModelStore } from './model-store.ts';
import type { QuarantineStore } from './quarantine-store.ts';
import type { RecommendationStore } from './recommendation-store.ts';
import type { RecordingStore } from './recording-store.ts';
import type { RetentionStore } from './retention-store.ts';
import type { SampleStore } from './sample-store.ts';
import type { SettingsStore } from './settings-store.ts';
import type { StoreLifecycle } from './store-lifecycle.ts';
import type { TwinSnapshotStore } from './twin-snapshot-store.ts';

export * from './alert-store.ts';
export * from './audit-store.ts';
export type * from './event-store.ts';
export * from './model-store.ts';
export type * from './quarantine-store.ts';
export type * from './recommendation-store.ts';
export type * from './recording-store.ts';
export type * from './retention-store.ts';
export * from './sample-store.ts';
export type * from './settings-store.ts';
export type * from './store-lifecycle.ts';
export type * from './twin-snapshot-store.ts';

/** Every port at once: for the composition root (server.ts) only, which hands each consumer its own. */
export interface HistoryStore
  extends SampleStore, EventStore, AlertStore, AuditStore, SettingsStore, RecordingStore, RecommendationStore, ModelStore, QuarantineStore, TwinSnapshotStore, RetentionStore, StoreLifecycle {}
