/**
 * The little the stores need from a PostgreSQL driver, so PGlite and `pg` run the very same SQL.
 * Parameters are plain JS values: strings, numbers, null, arrays of those, and Uint8Array for bytea.
 * JSON goes in as text and is cast in SQL (`$1::text::jsonb`): the drivers disagree on how they
 * serialize JS objects and arrays, but not on strings.
 */
export interface SqlClient {
  /** One statement with `$n` parameters; returns its rows. */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
