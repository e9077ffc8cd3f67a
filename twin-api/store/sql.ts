/**
 * Every statement the stores run, in one place, for PGlite and PostgreSQL alike.
 * Conventions, so both drivers read and write the same values:
 * - times go in as ISO strings (`$n::timestamptz`) and come out as whole epoch milliseconds
 *   (`round(date_part('epoch', t) * 1000)`: rounding undoes the float error of date_part);
 * - bigint and count come out as float8 (pg would hand back strings);
 * - JSON goes in as text (`$n::text::jsonb`);
 * - a null filter parameter means "no filter" (`$n::text[] IS NULL OR …`).
 */

import { ROLLUP_LEVELS, rollupStart } from './rollups.ts';

const ms = (col: string): string => `round(date_part('epoch', ${col}) * 1000)`;

/**
 * Inserts samples ($5: their sources) and folds them into every rollup level, in one statement (so atomically).
 * A sample already stored (same sensor, source and time: a restart writing the same history again) is
 * skipped, and so is the rollups' count of it: they fold in only the rows `ins` returns, the new ones.
 */
export const INSERT_SAMPLES = `
WITH ins AS (
  INSERT INTO samples (t, sensor_id, value, status, source)
  SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::float8[], $4::int2[], $5::int2[])
  ON CONFLICT (sensor_id, source, t) DO NOTHING
  RETURNING t, sensor_id, value, source
)${ROLLUP_LEVELS.map(
  (l, i) => `, r${i} AS (
  INSERT INTO ${l.table} AS r (sensor_id, source, t, min, max, sum, n, rows)
  SELECT sensor_id, source, ${rollupStart('t', l.widthMs)}, min(value), max(value), sum(value), count(value), count(*) FROM ins GROUP BY 1, 2, 3
  ON CONFLICT (sensor_id, source, t) DO UPDATE SET
    min = least(r.min, excluded.min), max = greatest(r.max, excluded.max),
    sum = CASE WHEN r.sum IS NULL THEN excluded.sum WHEN excluded.sum IS NULL THEN r.sum ELSE r.sum + excluded.sum END,
    n = r.n + excluded.n, rows = r.rows + excluded.rows
  RETURNING 1
)`,
).join('')}
SELECT count(*)::float8 AS n FROM ins`;

export const COUNT_SAMPLES = `SELECT count(*)::float8 AS n FROM samples WHERE source = $1::int2`;

/** $1 sensor ids, $2 source, [$3, $4) the time range. */
const SAMPLE_RANGE = `sensor_id = ANY($1::text[]) AND source = $2::int2 AND t >= $3::timestamptz AND t < $4::timestamptz`;

// Series come back as one JSON text per sensor: drivers (PGlite above all) decode thousands of
// rows of numbers far slower than JSON.parse reads the same numbers (measured: 40 ms against 10 ms
// for a 24 h chart of 3 sensors). Values are finite or null, so the JSON is always valid.

/** Per sensor, its samples in the range as JSON [[t_ms, value, status], …] in time order. */
export const RAW_SAMPLES = `
SELECT sensor_id, json_agg(json_build_array(${ms('t')}, value, status) ORDER BY t)::text AS samples
FROM samples WHERE ${SAMPLE_RANGE} GROUP BY sensor_id`;

const perSensor = (inner: string): string => `
SELECT sensor_id, sum(rows)::float8 AS rows, json_agg(json_build_array(b, min, max, avg, n) ORDER BY b)::text AS buckets
FROM (${inner}) x GROUP BY sensor_id`;

/**
 * Per sensor, its row count (null values too) and buckets as JSON [[b, min, max, avg, n], …].
 * $5: range start (epoch ms), $6: bucket width (ms); bucket b starts at $5 + b·$6.
 */
export const BUCKETED_SAMPLES = perSensor(`
SELECT sensor_id, floor((${ms('t')} - $5::float8) / $6::float8) AS b,
       min(value) AS min, max(value) AS max, avg(value) AS avg, count(value) AS n, count(*) AS rows
FROM samples WHERE ${SAMPLE_RANGE}
GROUP BY sensor_id, b`);

/** BUCKETED_SAMPLES from a rollup table (named by ROLLUP_LEVELS, never by input); buckets are whole windows. */
export const bucketedRolledUp = (table: string): string =>
  perSensor(`
SELECT sensor_id, floor((${ms('t')} - $5::float8) / $6::float8) AS b,
       min(min) AS min, max(max) AS max, sum(sum) / nullif(sum(n), 0) AS avg, sum(n) AS n, sum(rows) AS rows
FROM ${table} WHERE ${SAMPLE_RANGE}
GROUP BY sensor_id, b`);

/** $1: a JSON array of { seq, t (ISO), type, asset, payload }; an event already stored is skipped. */
export const INSERT_EVENTS = `
INSERT INTO events (seq, t, type, asset, payload)
SELECT (e->>'seq')::bigint, (e->>'t')::timestamptz, e->>'type', e->>'asset', e->'payload'
FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS x(e, i) ORDER BY i
ON CONFLICT (t, seq, type, asset) DO NOTHING`;

export const QUERY_EVENTS = `
SELECT id::float8 AS id, seq::float8 AS seq, ${ms('t')} AS t_ms, type, asset, payload FROM events
WHERE ($1::timestamptz IS NULL OR t >= $1) AND ($2::timestamptz IS NULL OR t < $2)
  AND ($3::text[] IS NULL OR type = ANY($3)) AND ($4::text[] IS NULL OR asset = ANY($4))
ORDER BY t DESC, id DESC LIMIT $5::bigint`;

const ALERT_COLUMNS = `id, rule, severity, asset, sensor, ${ms('opened_at')} AS opened_at_ms, ${ms('last_at')} AS last_at_ms,
  value, message, state, acknowledged_by, ${ms('acknowledged_at')} AS acknowledged_at_ms, dismissed_by, justification, view`;

export const INSERT_ALERT = `
INSERT INTO alerts (id, rule, severity, asset, sensor, opened_at, last_at, value, message, state, view)
VALUES (COALESCE($1::text, gen_random_uuid()::text), $2, $3, $4, $5, $6::timestamptz, $7::timestamptz, $8::float8, $9,
        COALESCE($10::text, 'active'), $11::text::jsonb)
RETURNING ${ALERT_COLUMNS}`;

export const GET_ALERT = `SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1`;

export const UPDATE_ALERT = `
UPDATE alerts SET
  state = COALESCE($2::text, state),
  last_at = COALESCE($3::timestamptz, last_at),
  value = COALESCE($4::float8, value),
  message = COALESCE($5::text, message),
  acknowledged_by = COALESCE($6::text, acknowledged_by),
  acknowledged_at = COALESCE($7::timestamptz, acknowledged_at),
  dismissed_by = COALESCE($8::text, dismissed_by),
  justification = COALESCE($9::text, justification),
  severity = COALESCE($10::text, severity),
  view = COALESCE($11::text::jsonb, view)
WHERE id = $1
RETURNING ${ALERT_COLUMNS}`;

export const LIST_ALERTS = `
SELECT ${ALERT_COLUMNS} FROM alerts
WHERE ($1::text[] IS NULL OR severity = ANY($1)) AND ($2::text[] IS NULL OR state = ANY($2))
  AND ($3::timestamptz IS NULL OR opened_at >= $3) AND ($4::timestamptz IS NULL OR opened_at < $4)
  AND ($5::boolean IS NULL OR (acknowledged_at IS NOT NULL) = $5)
ORDER BY opened_at DESC, id LIMIT $6::bigint`;

/** One number of the sequence per call: the caller's alert id prefix. */
export const NEXT_ALERT_BLOCK = `SELECT nextval('alert_id_blocks')::float8 AS n`;

const SETTING_COLUMNS = `key, value, ${ms('updated_at')} AS updated_at_ms, updated_by`;

export const GET_SETTING = `SELECT ${SETTING_COLUMNS} FROM settings WHERE key = $1`;

export const LIST_SETTINGS = `SELECT ${SETTING_COLUMNS} FROM settings ORDER BY key`;

export const PUT_SETTING = `
INSERT INTO settings (key, value, updated_at, updated_by) VALUES ($1, $2::text::jsonb, now(), $3::text)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
RETURNING ${SETTING_COLUMNS}`;

const AUDIT_COLUMNS = `id::float8 AS id, ${ms('at')} AS at_ms, actor, role, action, target, origin, detail`;

export const APPEND_AUDIT = `
INSERT INTO audit_log (at, actor, role, action, target, detail, origin)
VALUES ($1::timestamptz, $2, $3, $4, $5::text, $6::text::jsonb, $7::text)
RETURNING ${AUDIT_COLUMNS}`;

const AUDIT_FILTER = `($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
  AND ($3::text IS NULL OR actor = $3) AND ($4::text IS NULL OR action = $4)`;

/** $5, $6: the cursor (the last entry of the previous page: its time and id), or nulls; $7 the limit. */
export const LIST_AUDIT = `
SELECT ${AUDIT_COLUMNS} FROM audit_log
WHERE ${AUDIT_FILTER} AND ($5::timestamptz IS NULL OR (at, id) < ($5::timestamptz, $6::bigint))
ORDER BY at DESC, id DESC LIMIT $7::bigint`;

export const COUNT_AUDIT = `SELECT count(*)::float8 AS n FROM audit_log WHERE ${AUDIT_FILTER}`;

const PREDICTION_COLUMNS = `id::float8 AS id, ${ms('t')} AS t_ms, asset, model, payload`;

export const INSERT_PREDICTION = `
INSERT INTO predictions (t, asset, model, payload) VALUES ($1::timestamptz, $2, $3, $4::text::jsonb)
RETURNING ${PREDICTION_COLUMNS}`;

export const LIST_PREDICTIONS = `
SELECT ${PREDICTION_COLUMNS} FROM predictions
WHERE ($1::text IS NULL OR asset = $1) AND ($2::text IS NULL OR model = $2)
  AND ($3::timestamptz IS NULL OR t >= $3) AND ($4::timestamptz IS NULL OR t < $4)
ORDER BY t DESC, id DESC LIMIT $5::bigint`;

const RECORDING_INFO_COLUMNS = `id::float8 AS id, name, ${ms('created_at')} AS created_at_ms, scenario, meta,
  octet_length(body)::float8 AS size_bytes`;

export const SAVE_RECORDING = `
INSERT INTO recordings (name, created_at, scenario, meta, body)
VALUES ($1, COALESCE($2::timestamptz, now()), $3, $4::text::jsonb, $5::bytea)
RETURNING ${RECORDING_INFO_COLUMNS}`;

export const LIST_RECORDINGS = `SELECT ${RECORDING_INFO_COLUMNS} FROM recordings ORDER BY created_at DESC, id DESC`;

export const GET_RECORDING = `SELECT ${RECORDING_INFO_COLUMNS}, body FROM recordings WHERE id = $1::bigint`;

// The model registry's copy. $1 of the sync statements: a JSON array of indexes
// { task, kind ('' for task-level), champion, challenger, previousChampions, versions: [{ version, name,
// created (ISO), datasetFingerprint, hyperparameters, metrics }] }. The three run in one transaction.

/** Inserts or updates every version of the given indexes; none is ever deleted. */
export const UPSERT_MODEL_VERSIONS = `
INSERT INTO model_versions (task, kind, version, created, name, dataset_fingerprint, hyperparameters, metrics)
SELECT i->>'task', i->>'kind', v->>'version', (v->>'created')::timestamptz, v->>'name', v->>'datasetFingerprint',
       v->'hyperparameters', v->'metrics'
FROM jsonb_array_elements($1::text::jsonb) AS i, jsonb_array_elements(i->'versions') AS v
ON CONFLICT (task, kind, version) DO UPDATE SET
  created = EXCLUDED.created, name = EXCLUDED.name, dataset_fingerprint = EXCLUDED.dataset_fingerprint,
  hyperparameters = EXCLUDED.hyperparameters, metrics = EXCLUDED.metrics`;

/** Roles follow each given index, over all its stored versions: one no longer in the registry loses its role. */
export const SET_MODEL_ROLES = `
UPDATE model_versions AS m
SET role = CASE m.version WHEN i->>'champion' THEN 'champion' WHEN i->>'challenger' THEN 'challenger' END
FROM jsonb_array_elements($1::text::jsonb) AS i
WHERE m.task = i->>'task' AND m.kind = i->>'kind'`;

/** $2: when the sync ran. */
export const UPSERT_MODEL_INDEXES = `
INSERT INTO model_indexes (task, kind, champion, challenger, previous_champions, synced_at)
SELECT i->>'task', i->>'kind', i->>'champion', i->>'challenger', i->'previousChampions', $2::timestamptz
FROM jsonb_array_elements($1::text::jsonb) AS i
ON CONFLICT (task, kind) DO UPDATE SET
  champion = EXCLUDED.champion, challenger = EXCLUDED.challenger,
  previous_champions = EXCLUDED.previous_champions, synced_at = EXCLUDED.synced_at`;

// Byte order ("C"), so PGlite and a PostgreSQL of any locale list kinds like "cooling_tower" alike;
// versions by their number, so v10 comes after v9.
export const LIST_MODEL_VERSIONS = `
SELECT task, kind, version, ${ms('created')} AS created_ms, name, dataset_fingerprint, hyperparameters, metrics, role
FROM model_versions
WHERE ($1::text IS NULL OR task = $1) AND ($2::text IS NULL OR kind = $2)
ORDER BY task COLLATE "C", kind COLLATE "C", substring(version FROM '[0-9]+')::numeric NULLS LAST, version COLLATE "C"`;

/** $1: a JSON array of { at (ISO), writer, code, reason, row (JSON text) }. */
export const INSERT_QUARANTINED = `
INSERT INTO quarantined_samples (at, writer, code, reason, row_json)
SELECT (q->>'at')::timestamptz, q->>'writer', q->>'code', q->>'reason', q->>'row'
FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS x(q, i) ORDER BY i`;

export const LIST_QUARANTINED = `
SELECT id::float8 AS id, ${ms('at')} AS at_ms, writer, code, reason, row_json FROM quarantined_samples
ORDER BY id DESC LIMIT $1::bigint`;

export const COUNT_QUARANTINED = `SELECT count(*)::float8 AS n FROM quarantined_samples`;

/** $1 scenario, $2 tick, $3 time (ISO), $4 body (the snapshot's JSON), $5 when saved (ISO). */
export const PUT_SNAPSHOT = `
INSERT INTO twin_snapshots (scenario, tick, t, body, saved_at) VALUES ($1, $2::bigint, $3::timestamptz, $4, $5::timestamptz)
ON CONFLICT (scenario) DO UPDATE SET tick = EXCLUDED.tick, t = EXCLUDED.t, body = EXCLUDED.body, saved_at = EXCLUDED.saved_at`;

export const GET_SNAPSHOT = `SELECT tick::float8 AS tick, ${ms('t')} AS t_ms, body FROM twin_snapshots WHERE scenario = $1`;
/**
 * Retention: at most $2 rows of `table` older than $1, by ctid so the statement is bounded whatever
 * the table holds (PostgreSQL has no DELETE … LIMIT). `table` and `column` come from
 * RETAINED_TABLES, never from input. The scan reads the heap in insertion order, where old rows are.
 */
export const deleteOlderThan = (table: string, column: string): string => `
WITH gone AS (
  DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${column} < $1::timestamptz LIMIT $2::bigint))
  RETURNING 1
)
SELECT count(*)::float8 AS n FROM gone`;

/** Bytes of every table of the current schema (indexes and TOAST included), largest first. */
export const TABLE_BYTES = `
SELECT c.relname AS table, pg_total_relation_size(c.oid)::float8 AS bytes
FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
WHERE ns.nspname = current_schema() AND c.relkind = 'r'
ORDER BY bytes DESC, c.relname`;

export const DATABASE_BYTES = `SELECT pg_database_size(current_database())::float8 AS bytes`;

/** $1 id, $2 asset, $3 status, $4 created (ISO, simulated), $5 updated (ISO), $6 body (JSON text). */
export const PUT_RECOMMENDATION = `
INSERT INTO recommendations (id, asset, status, created_at, updated_at, body) VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz, $6::jsonb)
ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, body = EXCLUDED.body`;

/** $1 statuses (text[] or null: all), $2 asset (or null), $3 limit. */
export const LIST_RECOMMENDATIONS = `
SELECT body FROM recommendations
WHERE ($1::text[] IS NULL OR status = ANY($1::text[])) AND ($2::text IS NULL OR asset = $2)
ORDER BY created_at DESC, id DESC LIMIT $3::bigint`;
