import { AuditCursorError, type AuditFilter, type AuditPage } from './audit-store.ts';
import type {
  Alert, AlertInput, AlertPatch, AlertQuery, AuditEntry, AuditInput, AuditQuery, EventQuery, HistoryStore, ModelIndexInput,
  ModelVersionQuery, Prediction, PredictionInput, PredictionQuery, QuarantinedRow, QuarantinedRowInput, Recording, RecordingInfo,
  RecordingInput, SampleRow, SampleSource, Series, SeriesQuery, Setting, StoredEvent, StoredEventInput, StoredModelVersion, StoredTwinSnapshot,
} from './history-store.ts';
import {
  bytes, iso, jsonText, toAlert, toAudit, toEvent, toModelVersion, toPrediction, toRecordingInfo, toSetting, type AlertRow,
  type AuditRow, type EventRow, type ModelVersionRow, type PredictionRow, type RecordingInfoRow, type SettingRow,
} from './row-mappers.ts';
import { querySeries } from './series.ts';
import { sourceCode } from './sources.ts';
import { InvalidRowError } from './store-errors.ts';
import { RETAINED_TABLES, type RetainedTable, type RetentionCut } from './retention-policy.ts';
import type { StorageUsage, TableBytes } from './retention-store.ts';
import type { Recommendation } from '../../rl/recommendation.ts';
import type { RecommendationQuery } from './recommendation-store.ts';
import * as SQL from './sql.ts';
import { storableText as txt } from './storable-text.ts';
import type { SqlClient } from './sql-client.ts';

const finiteOrNull = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);
/** A time as SQL takes it; a row whose time Date cannot even print is refused as invalid data, not retried. */
function rowTime(tMs: number): string {
  const d = new Date(tMs);
  if (Number.isNaN(d.getTime())) throw new InvalidRowError(`time out of range: ${tMs} ms`);
  return d.toISOString();
}
const listOrNull = <T>(xs: readonly T[] | undefined): readonly T[] | null => (xs && xs.length > 0 ? xs : null);

/** Cursor of an audit page: the time and id of its last entry. */
const auditCursor = (e: AuditEntry): string => `${e.atMs}.${e.id}`;
function parseAuditCursor(cursor: string): [string, number] {
  const m = /^(-?\d{1,15})\.(\d{1,15})$/.exec(cursor);
  if (!m) throw new AuditCursorError(`not an audit cursor: ${cursor}`);
  return [new Date(Number(m[1])).toISOString(), Number(m[2])];
}
const auditFilter = (q: AuditFilter): unknown[] => [iso(q.fromMs), iso(q.toMs), q.actor ?? null, q.action ?? null];

/**
 * Every narrow port (`SampleStore`, `AlertStore`, `AuditStore`, …) over any `SqlClient`: the one adapter
 * class; PgliteStore and PgStore differ only in the client they hand it.
 */
export class SqlHistoryStore implements HistoryStore {
  /** `db`: the raw client, for migrations, administration and tests; it is not part of the `HistoryStore` port. */
  constructor(readonly db: SqlClient) {}

  async insertSamples(rows: readonly SampleRow[]): Promise<void> {
    if (rows.length === 0) return;
    // Five parameter arrays instead of 5×N parameters: one statement, whatever the batch size.
    const t: string[] = [], id: string[] = [], v: (number | null)[] = [], st: number[] = [], src: number[] = [];
    for (const r of rows) {
      t.push(rowTime(r.tMs));
      id.push(r.sensorId);
      v.push(finiteOrNull(r.value));
      st.push(r.status);
      src.push(sourceCode(r.source));
    }
    await this.db.query(SQL.INSERT_SAMPLES, [t, id, v, st, src]);
  }

  querySeries(query: SeriesQuery): Promise<Series[]> {
    return querySeries(this.db, query);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async countSamples(source?: SampleSource): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(SQL.COUNT_SAMPLES, [sourceCode(source)]);
    return row?.n ?? 0;
  }

  async insertEvents(events: readonly StoredEventInput[]): Promise<void> {
    if (events.length === 0) return;
    const json = jsonText(events.map((e) => ({ seq: e.seq, t: rowTime(e.tMs), type: e.type, asset: e.asset, payload: e.payload ?? null })));
    await this.db.query(SQL.INSERT_EVENTS, [json]);
  }

  async queryEvents(q: EventQuery): Promise<StoredEvent[]> {
    const rows = await this.db.query<EventRow>(SQL.QUERY_EVENTS, [iso(q.fromMs), iso(q.toMs), listOrNull(q.types), listOrNull(q.assets), q.limit]);
    return rows.map(toEvent);
  }

  async insertAlert(a: AlertInput): Promise<Alert> {
    const [row] = await this.db.query<AlertRow>(SQL.INSERT_ALERT, [
      a.id === undefined ? null : txt(a.id), txt(a.rule), a.severity, txt(a.asset), txt(a.sensor), iso(a.openedAtMs), iso(a.lastAtMs), a.value, txt(a.message), a.state ?? null,
      a.view ? jsonText(a.view) : null,
    ]);
    return toAlert(row!);
  }

  async getAlert(id: string): Promise<Alert | null> {
    const [row] = await this.db.query<AlertRow>(SQL.GET_ALERT, [id]);
    return row ? toAlert(row) : null;
  }

  async updateAlert(id: string, p: AlertPatch): Promise<Alert | null> {
    const [row] = await this.db.query<AlertRow>(SQL.UPDATE_ALERT, [
      txt(id), p.state ?? null, iso(p.lastAtMs), p.value ?? null, txt(p.message ?? null), txt(p.acknowledgedBy ?? null), iso(p.acknowledgedAtMs),
      txt(p.dismissedBy ?? null), txt(p.justification ?? null), p.severity ?? null, p.view ? jsonText(p.view) : null,
    ]);
    return row ? toAlert(row) : null;
  }

  async listAlerts(q: AlertQuery = {}): Promise<Alert[]> {
    const rows = await this.db.query<AlertRow>(SQL.LIST_ALERTS, [
      listOrNull(q.severities), listOrNull(q.states), iso(q.fromMs), iso(q.toMs), q.acknowledged ?? null, q.limit ?? null,
    ]);
    return rows.map(toAlert);
  }

  async nextAlertIdPrefix(): Promise<string> {
    const [row] = await this.db.query<{ n: number }>(SQL.NEXT_ALERT_BLOCK);
    return `ALT-${String(row!.n).padStart(6, '0')}-`;
  }

  async getSetting(key: string): Promise<Setting | null> {
    const [row] = await this.db.query<SettingRow>(SQL.GET_SETTING, [key]);
    return row ? toSetting(row) : null;
  }

  async putSetting(key: string, value: unknown, updatedBy: string | null): Promise<Setting> {
    const [row] = await this.db.query<SettingRow>(SQL.PUT_SETTING, [txt(key), jsonText(value), txt(updatedBy)]);
    return toSetting(row!);
  }

  async listSettings(): Promise<Setting[]> {
    return (await this.db.query<SettingRow>(SQL.LIST_SETTINGS)).map(toSetting);
  }

  async appendAudit(e: AuditInput): Promise<AuditEntry> {
    const [row] = await this.db.query<AuditRow>(SQL.APPEND_AUDIT, [
      iso(e.atMs), txt(e.actor), txt(e.role), txt(e.action), txt(e.target), jsonText(e.detail), txt(e.origin ?? null),
    ]);
    return toAudit(row!);
  }

  async listAudit(q: AuditQuery): Promise<AuditPage> {
    const [at, id] = q.cursor === undefined ? [null, null] : parseAuditCursor(q.cursor);
    // One row more than asked tells whether there is a next page.
    const rows = await this.db.query<AuditRow>(SQL.LIST_AUDIT, [...auditFilter(q), at, id, q.limit + 1]);
    const entries = rows.slice(0, q.limit).map(toAudit);
    return { entries, nextCursor: rows.length > q.limit && entries.length > 0 ? auditCursor(entries.at(-1)!) : null };
  }

  async countAudit(filter: AuditFilter = {}): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(SQL.COUNT_AUDIT, auditFilter(filter));
    return row?.n ?? 0;
  }

  async insertPrediction(p: PredictionInput): Promise<Prediction> {
    const [row] = await this.db.query<PredictionRow>(SQL.INSERT_PREDICTION, [iso(p.tMs), p.asset, p.model, jsonText(p.payload)]);
    return toPrediction(row!);
  }

  async listPredictions(q: PredictionQuery): Promise<Prediction[]> {
    const rows = await this.db.query<PredictionRow>(SQL.LIST_PREDICTIONS, [q.asset ?? null, q.model ?? null, iso(q.fromMs), iso(q.toMs), q.limit]);
    return rows.map(toPrediction);
  }

  async saveRecording(r: RecordingInput): Promise<RecordingInfo> {
    const [row] = await this.db.query<RecordingInfoRow>(SQL.SAVE_RECORDING, [r.name, iso(r.createdAtMs), r.scenario, jsonText(r.meta), r.body]);
    return toRecordingInfo(row!);
  }

  async listRecordings(): Promise<RecordingInfo[]> {
    return (await this.db.query<RecordingInfoRow>(SQL.LIST_RECORDINGS)).map(toRecordingInfo);
  }

  async getRecording(id: number): Promise<Recording | null> {
    const [row] = await this.db.query<RecordingInfoRow & { body: Uint8Array }>(SQL.GET_RECORDING, [id]);
    return row ? { ...toRecordingInfo(row), body: bytes(row.body) } : null;
  }

  async syncModelIndexes(indexes: readonly ModelIndexInput[], syncedAtMs: number): Promise<void> {
    if (indexes.length === 0) return;
    // Only the fields the tables keep, with kind '' for a task-level index (it is part of the key).
    // Metrics can hold NaN or ±Infinity in memory; JSON has neither, so JSON.stringify stores them as null.
    const json = jsonText(
      indexes.map((i) => ({
        task: i.task,
        kind: i.kind ?? '',
        champion: i.champion ?? null,
        challenger: i.challenger ?? null,
        previousChampions: i.previousChampions,
        versions: i.versions.map((v) => ({
          version: v.version, name: v.name, created: v.created, datasetFingerprint: v.datasetFingerprint,
          hyperparameters: v.hyperparameters, metrics: v.metrics,
        })),
      })),
    );
    await this.db.transaction(async (tx) => {
      await tx.query(SQL.UPSERT_MODEL_VERSIONS, [json]);
      await tx.query(SQL.SET_MODEL_ROLES, [json]);
      await tx.query(SQL.UPSERT_MODEL_INDEXES, [json, iso(syncedAtMs)]);
    });
  }

  async listModelVersions(q: ModelVersionQuery = {}): Promise<StoredModelVersion[]> {
    const rows = await this.db.query<ModelVersionRow>(SQL.LIST_MODEL_VERSIONS, [q.task ?? null, q.kind ?? null]);
    return rows.map(toModelVersion);
  }

  async quarantineRows(rows: readonly QuarantinedRowInput[]): Promise<void> {
    if (rows.length === 0) return;
    const json = JSON.stringify(rows.map((r) => ({ at: iso(r.atMs), writer: r.writer, code: r.code, reason: r.reason, row: r.rowJson })));
    await this.db.query(SQL.INSERT_QUARANTINED, [json]);
  }

  async listQuarantined(limit: number): Promise<QuarantinedRow[]> {
    const rows = await this.db.query<{ id: number; at_ms: number; writer: string; code: string | null; reason: string; row_json: string }>(
      SQL.LIST_QUARANTINED,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, atMs: r.at_ms, writer: r.writer, code: r.code, reason: r.reason, rowJson: r.row_json }));
  }

  async countQuarantined(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(SQL.COUNT_QUARANTINED);
    return row?.n ?? 0;
  }

  async putTwinSnapshot(scenario: string, snap: StoredTwinSnapshot, savedAtMs: number): Promise<void> {
    await this.db.query(SQL.PUT_SNAPSHOT, [scenario, snap.tick, iso(snap.tMs), snap.body, iso(savedAtMs)]);
  }

  async putRecommendation(rec: Recommendation, updatedAtMs: number): Promise<void> {
    await this.db.query(SQL.PUT_RECOMMENDATION, [rec.id, rec.asset, rec.status, rec.createdAt, iso(updatedAtMs), JSON.stringify(rec)]);
  }

  async listRecommendations(q: RecommendationQuery = {}): Promise<Recommendation[]> {
    const rows = await this.db.query<{ body: Recommendation | string }>(SQL.LIST_RECOMMENDATIONS, [q.statuses ? [...q.statuses] : null, q.asset ?? null, q.limit ?? 200]);
    // node-postgres parses jsonb; PGlite too, but be safe with a driver that returns text.
    return rows.map((r) => (typeof r.body === 'string' ? (JSON.parse(r.body) as Recommendation) : r.body));
  }

  async getTwinSnapshot(scenario: string): Promise<StoredTwinSnapshot | null> {
    const [row] = await this.db.query<{ tick: number; t_ms: number; body: string }>(SQL.GET_SNAPSHOT, [scenario]);
    return row ? { tick: row.tick, tMs: row.t_ms, body: row.body } : null;
  }

  async deleteOlderThan(cut: RetentionCut, limit: number): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(SQL.deleteOlderThan(cut.table, cut.column), [iso(cut.cutoffMs), limit]);
    return row?.n ?? 0;
  }

  async vacuum(table: RetainedTable): Promise<void> {
    if (!(table in RETAINED_TABLES)) throw new RangeError(`not a retained table: ${table}`);
    await this.db.exec(`VACUUM ${table}`);
  }

  async storageUsage(): Promise<StorageUsage> {
    const tables = await this.db.query<TableBytes>(SQL.TABLE_BYTES);
    const [db] = await this.db.query<{ bytes: number }>(SQL.DATABASE_BYTES);
    return { databaseBytes: db?.bytes ?? 0, tables };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
