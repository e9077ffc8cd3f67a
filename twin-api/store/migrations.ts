import { ROLLUP_LEVELS, rollupStart } from './rollups.ts';
import type { SqlClient } from './sql-client.ts';

/** One step of the schema. Never edit a released migration: append a new one. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The schema, in order. Unqualified names land in the connection's search_path, so tests can use a schema each. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'history tables',
    sql: `
CREATE TABLE samples (
  t timestamptz NOT NULL,
  sensor_id text NOT NULL,
  value double precision,
  status smallint NOT NULL
);
CREATE INDEX samples_sensor_t ON samples (sensor_id, t);

CREATE TABLE events (
  id bigserial PRIMARY KEY,
  seq bigint NOT NULL,
  t timestamptz NOT NULL,
  type text NOT NULL,
  asset text NOT NULL,
  payload jsonb NOT NULL
);
CREATE INDEX events_t ON events (t);
CREATE INDEX events_type_t ON events (type, t);

CREATE TABLE alerts (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  rule text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
  asset text NOT NULL,
  sensor text,
  opened_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  value double precision,
  message text NOT NULL,
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'acknowledged', 'dismissed', 'cleared')),
  acknowledged_by text,
  acknowledged_at timestamptz,
  dismissed_by text,
  justification text
);
CREATE INDEX alerts_opened_at ON alerts (opened_at);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);

CREATE TABLE predictions (
  id bigserial PRIMARY KEY,
  t timestamptz NOT NULL,
  asset text NOT NULL,
  model text NOT NULL,
  payload jsonb NOT NULL
);
CREATE INDEX predictions_asset_t ON predictions (asset, t);

CREATE TABLE recordings (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  scenario text NOT NULL,
  meta jsonb NOT NULL,
  body bytea NOT NULL
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  role text NOT NULL,
  action text NOT NULL,
  target text,
  detail jsonb NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The port has no way to change the audit log; this keeps anyone with a SQL prompt from doing it either.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
`,
  },
  {
    version: 2,
    name: 'sample sources and rollups',
    // `source` tells the twin's own samples (0) from measurements of the live plant (1, shadow mode).
    // Chart queries read the rollups instead of the raw samples: a 24 h chart aggregates 8,640 rows
    // per sensor instead of 86,400. They are kept in step by the insert statement itself (sql.ts).
    sql: `
ALTER TABLE samples ADD COLUMN source smallint NOT NULL DEFAULT 0;
DROP INDEX samples_sensor_t;
CREATE INDEX samples_sensor_source_t ON samples (sensor_id, source, t);
${ROLLUP_LEVELS.map(
  (l) => `
CREATE TABLE ${l.table} (
  sensor_id text NOT NULL,
  source smallint NOT NULL,
  t timestamptz NOT NULL,
  min double precision,
  max double precision,
  sum double precision,
  n integer NOT NULL,
  rows integer NOT NULL,
  PRIMARY KEY (sensor_id, source, t)
);
INSERT INTO ${l.table} (sensor_id, source, t, min, max, sum, n, rows)
SELECT sensor_id, source, ${rollupStart('t', l.widthMs)}, min(value), max(value), sum(value), count(value), count(*)
FROM samples GROUP BY 1, 2, 3;`,
).join('\n')}`,
  },
  {
    version: 3,
    name: 'model registry',
    // A copy of the model registry on disk (ml/registry), which stays the source of truth: the weights
    // are files there. Versions are never deleted, so a version whose folder was pruned stays on record.
    // `kind` '' is a task-level index (no asset kind): a primary key column cannot be null.
    sql: `
CREATE TABLE model_versions (
  task text NOT NULL,
  kind text NOT NULL DEFAULT '',
  version text NOT NULL,
  created timestamptz NOT NULL,
  name text NOT NULL,
  dataset_fingerprint text NOT NULL,
  hyperparameters jsonb NOT NULL,
  metrics jsonb NOT NULL,
  role text NULL CHECK (role IN ('champion', 'challenger')),
  PRIMARY KEY (task, kind, version)
);

CREATE TABLE model_indexes (
  task text NOT NULL,
  kind text NOT NULL DEFAULT '',
  champion text NULL,
  challenger text NULL,
  previous_champions jsonb NOT NULL,
  synced_at timestamptz NOT NULL,
  PRIMARY KEY (task, kind)
);`,
  },
  {
    version: 4,
    name: 'alert ids, alert views and audit origin',
    // Alert ids: each server start takes one number of alert_id_blocks as its id prefix (ALT-000042-…),
    // so ids never repeat across restarts or servers, whatever the clocks say. `view` keeps the whole
    // alert as the engine shows it (protocol AlertView), to serve closed alerts and restore open ones.
    // The audit log gets the command's origin and indexes for its paged, filtered reads (at, id: the cursor).
    sql: `
CREATE SEQUENCE alert_id_blocks;
ALTER TABLE alerts ADD COLUMN view jsonb;
CREATE INDEX alerts_state_opened_at ON alerts (state, opened_at);

ALTER TABLE audit_log ADD COLUMN origin text;
DROP INDEX audit_log_at;
CREATE INDEX audit_log_at_id ON audit_log (at, id);
CREATE INDEX audit_log_actor_at_id ON audit_log (actor, at, id);
CREATE INDEX audit_log_action_at_id ON audit_log (action, at, id);`,
  },
  {
    version: 5,
    name: 'unique history, quarantined samples and twin checkpoints',
    // History written twice (a restart that ran the scenario again) becomes one: a sample is unique per
    // (sensor, source, time) and an event per (time, seq, type, asset); inserts skip what is already
    // there (sql.ts). Existing duplicates are deleted first, and the rollup windows they had counted twice
    // are rebuilt from the samples left. quarantined_samples keeps rows the database refused (row_json is
    // text: jsonb cannot hold the NUL that may be the reason). twin_snapshots: the twin's state at the end
    // of what is stored, per scenario, so a restart continues the history instead of repeating it.
    sql: `
CREATE TEMP TABLE duplicate_sample_keys ON COMMIT DROP AS
SELECT sensor_id, source, t FROM samples GROUP BY 1, 2, 3 HAVING count(*) > 1;
DELETE FROM samples WHERE ctid IN (
  SELECT ctid FROM (
    SELECT s.ctid, row_number() OVER (PARTITION BY s.sensor_id, s.source, s.t ORDER BY s.ctid) AS n
    FROM samples s JOIN duplicate_sample_keys d USING (sensor_id, source, t)
  ) x WHERE x.n > 1
);
DROP INDEX samples_sensor_source_t;
CREATE UNIQUE INDEX samples_sensor_source_t ON samples (sensor_id, source, t);
${ROLLUP_LEVELS.map(
  (l) => `
CREATE TEMP TABLE ${l.table}_stale ON COMMIT DROP AS
SELECT DISTINCT sensor_id, source, ${rollupStart('t', l.widthMs)} AS t FROM duplicate_sample_keys;
DELETE FROM ${l.table} r USING ${l.table}_stale w WHERE r.sensor_id = w.sensor_id AND r.source = w.source AND r.t = w.t;
INSERT INTO ${l.table} (sensor_id, source, t, min, max, sum, n, rows)
SELECT s.sensor_id, s.source, ${rollupStart('s.t', l.widthMs)}, min(s.value), max(s.value), sum(s.value), count(s.value), count(*)
FROM samples s JOIN ${l.table}_stale w ON s.sensor_id = w.sensor_id AND s.source = w.source AND ${rollupStart('s.t', l.widthMs)} = w.t
GROUP BY 1, 2, 3;`,
).join('\n')}

DELETE FROM events a USING events b
WHERE a.t = b.t AND a.seq = b.seq AND a.type = b.type AND a.asset = b.asset AND a.id > b.id;
CREATE UNIQUE INDEX events_t_seq_type_asset ON events (t, seq, type, asset);

CREATE TABLE quarantined_samples (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  writer text NOT NULL,
  code text,
  reason text NOT NULL,
  row_json text NOT NULL
);
CREATE INDEX quarantined_samples_at ON quarantined_samples (at);

CREATE TABLE twin_snapshots (
  scenario text PRIMARY KEY,
  tick bigint NOT NULL,
  t timestamptz NOT NULL,
  body text NOT NULL,
  saved_at timestamptz NOT NULL
);`,
  },
  {
    version: 6,
    name: 'optimizer recommendations',
    // The whole recommendation as JSON (its decisions and outcome included), replaced on every change;
    // status, asset and the simulated creation time as columns to list by.
    sql: `
CREATE TABLE recommendations (
  id text PRIMARY KEY,
  asset text NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  body jsonb NOT NULL
);
CREATE INDEX recommendations_status_created ON recommendations (status, created_at);
CREATE INDEX recommendations_asset_created ON recommendations (asset, created_at);`,
  },
  {
    version: 7,
    name: 'knowledge graph',
    // The causal knowledge graph of the embedded store (twin-api/knowledge/sql-graph-store.ts), read
    // whole into memory at start. Kinds are checked by the store, not here: the lists may grow without
    // a migration. Nodes are never deleted, so edges can keep their ends by foreign key.
    sql: `
CREATE TABLE kg_nodes (
  id text PRIMARY KEY,
  kind text NOT NULL,
  label text NOT NULL,
  props jsonb NOT NULL
);
CREATE TABLE kg_edges (
  id text PRIMARY KEY,
  kind text NOT NULL,
  from_id text NOT NULL REFERENCES kg_nodes (id),
  to_id text NOT NULL REFERENCES kg_nodes (id),
  props jsonb NOT NULL
);
CREATE INDEX kg_edges_from_id ON kg_edges (from_id);
CREATE INDEX kg_edges_to_id ON kg_edges (to_id);`,
  },
];

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one transaction.
 * An advisory lock (per schema) makes two servers starting at once take turns. Returns the versions applied.
 */
export async function migrate(client: SqlClient, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return client.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.schema_migrations'))`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
