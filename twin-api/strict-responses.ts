/**
 * A check for tests that the response schemas are exact. Fastify serializes a response with its
 * schema (fast-json-stringify), which drops any property the schema does not declare, silently:
 * this preSerialization hook validates the payload against the route's response schema with
 * every object closed (`additionalProperties: false` where the schema says nothing), and fails
 * the request naming the property instead.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifyReply, FastifyRequest } from 'fastify';

const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
const compiled = new WeakMap<object, ValidateFunction>();

// Keywords whose value is a map of name → schema, and those whose value is data, not a schema.
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);
const VALUES = new Set(['const', 'default', 'examples', 'enum', 'required']);

/** A copy of `schema` in which every object without an `additionalProperties` of its own is closed. */
export function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(k) && v && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, closed(s)]));
    else out[k] = VALUES.has(k) ? v : closed(v);
  }
  if ('properties' in out && !('additionalProperties' in out) && !('patternProperties' in out)) out['additionalProperties'] = false;
  return out;
}

function schemaFor(responses: Record<string, unknown>, status: number): object | undefined {
  const s = responses[String(status)] ?? responses[`${String(status)[0]}xx`] ?? responses['default'];
  return s && typeof s === 'object' ? s : undefined;
}

/** The hook: a response whose payload its route's schema would truncate fails with a 500 naming the property. */
export async function strictResponseCheck(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const responses = req.routeOptions.schema?.response as Record<string, unknown> | undefined;
  const schema = responses && schemaFor(responses, reply.statusCode);
  if (!schema) return payload;
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(closed(schema) as object)));
  if (!validate(payload)) {
    const e = validate.errors![0]!;
    const extra = (e.params as { additionalProperty?: string }).additionalProperty;
    throw new Error(`response of ${req.method} ${req.routeOptions.url} (${reply.statusCode}) does not match its schema at ${e.instancePath || '/'}: ${extra ? `"${extra}" is not declared in the response schema` : e.message}`);
  }
  return payload;
}
