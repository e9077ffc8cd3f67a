/** Short, safe renderings of arbitrary values for error messages (no JSON.stringify of cyclic data). */

const MAX_CHARS = 40;

/** `"abc"`, `42`, `true`, `null`, or a phrase for collections: "a list", "an object". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return formatValue(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** A scalar as it would be written in a file, strings quoted and cut to a readable length. */
export function formatValue(value: unknown): string {
  if (typeof value !== 'string') return describeValue(value);
  const quoted = JSON.stringify(value.length > MAX_CHARS ? `${value.slice(0, MAX_CHARS)}…` : value);
  return quoted;
}
