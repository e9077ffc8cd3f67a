import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** "/thresholds/0/warningHigh" → "thresholds[0].warningHigh" (how every error names a field). */
export function fieldPath(instancePath: string): string {
  let out = '';
  for (const s of instancePath.split('/').filter(Boolean)) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out || '(root)';
}

/**
 * The first way `input` breaks `schema`, naming the field as fieldPath does; an unknown field is
 * named itself (not its parent object), so the message points at what to remove. Null when valid.
 */
export function firstSchemaError(schema: TSchema, input: unknown): { readonly field: string; readonly message: string } | null {
  const first = Value.Errors(schema, input)[0];
  if (!first) return null;
  const extra = first.keyword === 'additionalProperties' ? (first.params as { additionalProperties?: string[] }).additionalProperties?.[0] : undefined;
  // A property under `additionalProperties: false` may also be reported as failing the schema `false` itself.
  const unknown = extra !== undefined || first.message === 'schema is false';
  return { field: fieldPath(extra ? `${first.instancePath}/${extra}` : first.instancePath), message: unknown ? 'unknown field' : first.message };
}
