export type * from './history-store.ts';
export { ALERT_SEVERITIES, ALERT_STATES, AuditCursorError, CLOSED_ALERT_STATES, MODEL_ROLES, OPEN_ALERT_STATES } from './history-store.ts';
export { createHistoryStore, type CreateHistoryStoreOptions } from './create-store.ts';
export { PgliteStore } from './pglite-store.ts';
export { PgStore, type PgStoreOptions } from './pg-store.ts';
export { SqlHistoryStore } from './sql-history-store.ts';
export type { SqlClient } from './sql-client.ts';
export { MIGRATIONS, migrate, type Migration } from './migrations.ts';
export { bucketWidthMs } from './series.ts';
export {
  SampleWriter, setTimeoutSchedule, type SampleWriterMetrics, type SampleWriterOptions, type ScheduleFn,
} from './sample-writer.ts';
