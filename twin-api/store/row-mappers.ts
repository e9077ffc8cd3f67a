import { storableJson } from './storable-text.ts';
import type { AlertView } from '../../protocol/alerts.ts';
import type {
  Alert, AlertSeverity, AlertState, AuditEntry, ModelRole, Prediction, RecordingInfo, Setting, StoredEvent, StoredModelVersion,
} from './history-store.ts';

/** Rows as the SQL in `sql.ts` returns them (times already epoch ms, bigints already numbers). */
export interface AlertRow {
  id: string;
  rule: string;
  severity: string;
  asset: string;
  sensor: string | null;
  opened_at_ms: number;
  last_at_ms: number;
  value: number | null;
  message: string;
  state: string;
  acknowledged_by: string | null;
  acknowledged_at_ms: number | null;
  dismissed_by: string | null;
  justification: string | null;
  view: AlertView | null;
}
export interface EventRow { id: number; seq: number; t_ms: number; type: string; asset: string; payload: unknown }
export interface SettingRow { key: string; value: unknown; updated_at_ms: number; updated_by: string | null }
export interface AuditRow { id: number; at_ms: number; actor: string; role: string; action: string; target: string | null; origin: string | null; detail: unknown }
export interface PredictionRow { id: number; t_ms: number; asset: string; model: string; payload: unknown }
export interface RecordingInfoRow { id: number; name: string; created_at_ms: number; scenario: string; meta: unknown; size_bytes: number }
export interface ModelVersionRow {
  task: string;
  kind: string;
  version: string;
  created_ms: number;
  name: string;
  dataset_fingerprint: string;
  hyperparameters: Record<string, unknown>;
  metrics: Record<string, number | null>;
  role: string | null;
}

/** Epoch ms to the ISO string the SQL casts to timestamptz; null passes through as "no value". */
export const iso = (ms: number | undefined | null): string | null => (ms == null ? null : new Date(ms).toISOString());

/** JSON text for a `$n::text::jsonb` parameter; undefined is stored as JSON null; NUL and lone surrogates as visible escapes (storable-text.ts). */
export const jsonText = (value: unknown): string => storableJson(value);

/** pg returns bytea as a Buffer, PGlite as a Uint8Array: hand out the plain view either way. */
export const bytes = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  rule: r.rule,
  severity: r.severity as AlertSeverity,
  asset: r.asset,
  sensor: r.sensor,
  openedAtMs: r.opened_at_ms,
  lastAtMs: r.last_at_ms,
  value: r.value,
  message: r.message,
  state: r.state as AlertState,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAtMs: r.acknowledged_at_ms,
  dismissedBy: r.dismissed_by,
  justification: r.justification,
  view: r.view ?? null,
});

export const toEvent = (r: EventRow): StoredEvent => ({
  id: r.id,
  seq: r.seq,
  tMs: r.t_ms,
  type: r.type,
  asset: r.asset,
  payload: r.payload,
});

export const toSetting = (r: SettingRow): Setting => ({
  key: r.key,
  value: r.value,
  updatedAtMs: r.updated_at_ms,
  updatedBy: r.updated_by,
});

export const toAudit = (r: AuditRow): AuditEntry => ({
  id: r.id,
  atMs: r.at_ms,
  actor: r.actor,
  role: r.role,
  action: r.action,
  target: r.target,
  origin: r.origin,
  detail: r.detail,
});

export const toPrediction = (r: PredictionRow): Prediction => ({
  id: r.id,
  tMs: r.t_ms,
  asset: r.asset,
  model: r.model,
  payload: r.payload,
});

export const toRecordingInfo = (r: RecordingInfoRow): RecordingInfo => ({
  id: r.id,
  name: r.name,
  createdAtMs: r.created_at_ms,
  scenario: r.scenario,
  meta: r.meta,
  sizeBytes: r.size_bytes,
});

/** Kind '' is how the table keys a task-level version; the port's callers see no kind. */
export const toModelVersion = (r: ModelVersionRow): StoredModelVersion => ({
  task: r.task,
  ...(r.kind === '' ? {} : { kind: r.kind }),
  version: r.version,
  name: r.name,
  createdMs: r.created_ms,
  datasetFingerprint: r.dataset_fingerprint,
  hyperparameters: r.hyperparameters,
  metrics: r.metrics,
  role: r.role as ModelRole | null,
});
