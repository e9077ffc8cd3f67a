/** Coded API errors with their HTTP status (after fastify's lib/errors.js). */
export const ERRORS = {
  TWIN_ERR_BAD_REQUEST: 400,
  TWIN_ERR_UNAUTHORIZED: 401,
  TWIN_ERR_FORBIDDEN: 403,
  TWIN_ERR_NOT_FOUND: 404,
  TWIN_ERR_CONFLICT: 409,
  TWIN_ERR_PAYLOAD_TOO_LARGE: 413,
  TWIN_ERR_UNAVAILABLE: 503,
  TWIN_ERR_INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERRORS;

export class TwinApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TwinApiError';
    this.statusCode = ERRORS[code];
  }
}

export const badRequest = (message: string) => new TwinApiError('TWIN_ERR_BAD_REQUEST', message);
export const notFound = (message: string) => new TwinApiError('TWIN_ERR_NOT_FOUND', message);

/** "body/changes/0/value" → "changes[0].value" (how our errors name fields everywhere). */
export function fieldPath(instancePath: string, part?: string): string {
  const segs = instancePath.split('/').filter(Boolean);
  let out = part && part !== 'body' ? part : '';
  for (const s of segs) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out || part || '(root)';
}

/**
 * An ISO 8601 time from a request. The schema's date-time format admits times PostgreSQL and
 * Date.parse cannot represent (year 0000, leap seconds): those are the caller's mistake, a 400.
 */
const YEAR_1_MS = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const YEAR_9999_END_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

export function parseTime(text: string, field: string): number {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms) || ms < YEAR_1_MS || ms > YEAR_9999_END_MS) {
    throw badRequest(`${field}: "${text}" is not a time between years 1 and 9999 (ISO 8601, no leap seconds)`);
  }
  return ms;
}
