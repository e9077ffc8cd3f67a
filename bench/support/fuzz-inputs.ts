/**
 * Inputs that break naive handlers, as fast-check arbitraries: the property tests of the API
 * (test/api-fuzz.test.ts) draw from them, and so does the soak bench (bench/soak.ts), which sends
 * them to a running server over HTTP.
 */
import fc from 'fast-check';

export const nested = (depth: number, leaf: unknown): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
/** Values that break naive handlers: wrong types, extremes, deep nesting, big strings, prototype keys. */
export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, '', ' ', '0', 'NaN', 'Infinity', '1e999', '4h', [], {}, [null], { value: 1 }),
  // Text a JSON parser accepts and a database's text and json columns refuse.
  fc.constantFrom('\u0000', 'probe\u0000replaced', '\ud800', 'lone \udfff surrogate', '\ud83d'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 100, max: 3000 }).map((d) => nested(d, 1)),
  fc.integer({ min: 1000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom({ __proto__: { value: 1 } }, JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: { prototype: { polluted: true } } }),
);
/** A field of `valid`, kept, dropped or replaced by a nasty value. */
export const mutatedField = (v: unknown) => fc.oneof({ weight: 2, arbitrary: fc.constant(v) }, { weight: 3, arbitrary: nasty }, { weight: 1, arbitrary: fc.constant(undefined) });
/** Bodies around a valid one: missing fields, wrong types, extra fields; or any value at all. */
export function bodiesAround(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, mutatedField(v)])) as Record<string, fc.Arbitrary<unknown>>;
  const mutated = fc.tuple(fc.record(fields), fc.dictionary(fc.string({ maxLength: 12 }), nasty, { maxKeys: 3 })).map(([b, extra]) => {
    const out: Record<string, unknown> = { ...extra, ...b };
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out;
  });
  return fc.oneof(mutated, fc.constant(valid), nasty);
}

export const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/jsonx'];
/** A request body on the wire: JSON of a value, or raw text (mostly not JSON), with a content type. */
export const payloadOf = (bodies: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: bodies.map((b) => ({ contentType: 'application/json', payload: JSON.stringify(b) ?? 'null' })) },
    { weight: 1, arbitrary: fc.record({ contentType: fc.constantFrom(...CONTENT_TYPES), payload: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '{"value": ', '[1,', '\u0000', 'null', '"x"', '{"a":1}{"b":2}')) }) },
  );

export const QUERY_KEYS = ['sensors', 'from', 'to', 'maxPoints', 'types', 'assets', 'limit', 'severity', 'state', 'acknowledged', 'x', '__proto__', 'constructor'];
export const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer().map(String),
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('Line_A.forming.belt_speed', 'Line_A.forming.belt_speed,pump_003.vibration_rms_mm_s', 'CRITICAL,HIGH', 'active', 'true', 'defect,failure', '2024-03-14T00:00:00Z', '2024-03-13T00:00:00Z', '2024-03-14T23:59:60Z', '2024-02-30T00:00:00Z'),
);
/** A query string: known and unknown keys, repeated keys, encoded or raw (malformed escapes). */
export const queryString = fc.oneof(
  fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValue), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')),
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[#\s]/g, '')),
  fc.constantFrom('%', '%zz', 'a=%E0%A4%A', '&&&', '=', 'from=&to=', 'sensors[]=x&sensors[]=y', 'limit=1&limit=2', 'maxPoints=1e3'),
);
/** A path segment: encoded random text, or raw oddities. */
export const pathId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 300 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '..', '%2e%2e', '%00', 'ALT-000001', 'Line_A.furnace_temp', 'x'.repeat(5000)),
);
