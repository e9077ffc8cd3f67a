/**
 * The `response` part of a route's schema: the success envelope of its data, and the error
 * envelope every failure answers with. They document the API (/openapi.json, /docs); responses are
 * written by JSON.stringify (app.ts says why), and the tests check with `strictResponses` that the
 * schemas declare every property a response carries.
 */
import type { TSchema } from 'typebox';
import { Envelope, ErrorEnvelope } from '../../protocol/envelope.ts';

const errors = {
  '4xx': { ...ErrorEnvelope, description: 'The request is wrong (the message names the field), not allowed, or names nothing that exists' },
  '5xx': { ...ErrorEnvelope, description: 'The server or a service it needs (the database, the plant) is unavailable; the message gives the request id it was logged under' },
};

/** `{ 200: { data, error: null }, 4xx, 5xx }`; `status` for a success other than 200 (202 for a job). */
export function responses<T extends TSchema>(data: T, description: string, status: 200 | 201 | 202 = 200) {
  return { [status]: { ...Envelope(data), description }, ...errors };
}
