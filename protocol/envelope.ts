import { Type, type Static, type TSchema } from 'typebox';

/** Every REST response: `{ data, error: null }` or `{ data: null, error: { code, message } }`. */
export const ApiError = Type.Object({
  code: Type.String({ description: 'stable machine-readable code, e.g. TWIN_ERR_BAD_REQUEST' }),
  message: Type.String({ description: 'what is wrong, naming the field' }),
});
export type ApiError = Static<typeof ApiError>;

export const ErrorEnvelope = Type.Object({ data: Type.Null(), error: ApiError });
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;

export function Envelope<T extends TSchema>(data: T) {
  return Type.Object({ data, error: Type.Null() });
}

/** ISO 8601 UTC timestamp, e.g. 2026-11-23T08:15:00.000Z */
export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601 UTC' });
