import pg from 'pg';
import { migrate } from './migrations.ts';
import { SqlHistoryStore } from './sql-history-store.ts';
import type { SqlClient } from './sql-client.ts';

export interface PgStoreOptions {
  readonly connectionString: string;
  /** A schema of its own (created if missing) instead of the connection's default search_path. */
  readonly schema?: string;
  /** Statements running longer fail; a stuck database then surfaces as an error the caller can retry. Default 30 s. */
  readonly statementTimeoutMs?: number;
  readonly maxConnections?: number;
  /** Shows in pg_stat_activity. */
  readonly applicationName?: string;
  /** Errors of idle pooled connections (e.g. the server restarted); the pool replaces them. */
  readonly onConnectionError?: (err: Error) => void;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

// pg sends a Buffer as bytea; a plain Uint8Array it would stringify.
const toPgParam = (v: unknown): unknown => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v);

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

function clientOf(db: Queryable, pool: pg.Pool | null): SqlClient {
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await db.query(sql, params.map(toPgParam))).rows as T[],
    exec: async (sql) => void (await db.query(sql)),
    transaction: async (fn) => {
      if (!pool) return fn(clientOf(db, null));
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const out = await fn(clientOf(conn, null));
        await conn.query('COMMIT');
        conn.release();
        return out;
      } catch (err) {
        // A connection that cannot even roll back is broken: release(err) makes the pool drop it.
        await conn.query('ROLLBACK').then(() => conn.release(), (e: Error) => conn.release(e));
        throw err;
      }
    },
    close: async () => {
      if (pool) await pool.end();
    },
  };
}

/** The PostgreSQL store: same SQL as the embedded one, over a `pg` connection pool. */
export class PgStore extends SqlHistoryStore {
  /**
   * Connects and brings the schema up to date.
   * @example const store = await PgStore.open({ connectionString: 'postgres://twin@db:5432/twin' });
   */
  static async open(o: PgStoreOptions): Promise<PgStore> {
    if (o.schema !== undefined && !IDENTIFIER.test(o.schema)) throw new Error(`invalid schema name: ${o.schema}`);
    const settings = [`-c statement_timeout=${Math.round(o.statementTimeoutMs ?? 30_000)}`];
    if (o.schema) settings.push(`-c search_path=${o.schema}`);
    const pool = new pg.Pool({
      connectionString: o.connectionString,
      options: settings.join(' '),
      max: o.maxConnections ?? 10,
      application_name: o.applicationName ?? 'twin-api',
    });
    // Without a listener an idle connection's error (server restart, pg_terminate_backend) would crash the process.
    pool.on('error', (err) => o.onConnectionError?.(err));
    const client = clientOf(pool, pool);
    try {
      if (o.schema) await client.exec(`CREATE SCHEMA IF NOT EXISTS ${o.schema}`);
      await migrate(client);
    } catch (err) {
      await client.close();
      throw err;
    }
    return new PgStore(client);
  }
}
