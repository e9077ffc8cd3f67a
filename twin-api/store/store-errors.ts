/**
 * Which database errors a retry can cure. A data error (SQLSTATE class 22 "data exception": invalid
 * input syntax, out of range, character not in repertoire, NUL; class 23 "integrity constraint
 * violation") fails the same batch the same way every time: retrying it forever would hold up every
 * row behind it. Anything else (connection refused or reset, class 08, statement timeout 57014,
 * admin shutdown 57P01, deadlock 40P01, out of resources 53…) may pass later and is retried.
 * Codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export type StoreErrorKind = 'data' | 'transient';

const DATA_CLASSES = new Set(['22', '23']);
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** A row our own code cannot turn into SQL parameters (a time outside what Date can print, say). */
export class InvalidRowError extends Error {
  readonly code = '22000';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRowError';
  }
}

/** 'data' when the rows themselves are at fault, 'transient' when the same write may succeed later. */
export function classifyStoreError(err: unknown): StoreErrorKind {
  if (err instanceof InvalidRowError) return 'data';
  const code = (err as { code?: unknown } | null)?.code;
  // Node's network errors carry codes too (ECONNREFUSED), never five upper-case characters of a SQLSTATE class 22/23.
  if (typeof code === 'string' && SQLSTATE.test(code) && DATA_CLASSES.has(code.slice(0, 2))) return 'data';
  return 'transient';
}

/** The error's SQLSTATE, or null; for the quarantine record. */
export function sqlStateOf(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SQLSTATE.test(code) ? code : null;
}

/**
 * A store that cannot be reached is not a bug of the request: the API answers 503 (try again)
 * instead of 500. The drivers say so in their own ways; this is the one place that knows them.
 */

/** The history database did not answer; the request may succeed later. */
export class StoreUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`the history database is unavailable: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'StoreUnavailableError';
  }
}

// Node's socket errors on the way to the server.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// PostgreSQL SQLSTATEs: class 08 connection exception; 57P01-57P03 the server shutting down or
// starting; 53300 too many connections (PostgreSQL manual, appendix A).
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
// node-postgres' pool and client messages, and PGlite's once closed.
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|is not queryable|Cannot use a pool after calling end|PGlite is closed/;

/** Whether `err` says the store could not be reached (not that the query was wrong). */
export function isStoreUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  // pg wraps several socket failures of one connect attempt in an AggregateError.
  if (err instanceof AggregateError && err.errors.some(isStoreUnavailable)) return true;
  return MESSAGES.test(err.message);
}
