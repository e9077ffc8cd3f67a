import { Value } from 'typebox/value';
import { SampleRecord } from '../../protocol/samples.ts';
import type { LiveSample } from './live-source.ts';
import { parseTopic } from './topics.ts';

export type SampleCheck = { readonly ok: true; readonly sample: LiveSample } | { readonly ok: false; readonly reason: string };

interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message: string;
  readonly params: unknown;
}

/** "value" for "/value", "(root)" for the object itself. */
function fieldName(instancePath: string): string {
  return instancePath === '' ? '(root)' : instancePath.slice(1).replaceAll('/', '.');
}

/** The first failing field and everything wrong with it, e.g. `value: must be number or null`. */
export function describeSchemaErrors(errors: readonly SchemaError[]): string {
  const first = errors[0];
  if (!first) return 'invalid';
  if (first.keyword === 'required') {
    const missing = (first.params as { requiredProperties?: readonly string[] }).requiredProperties ?? [];
    const prefix = first.instancePath === '' ? '' : `${fieldName(first.instancePath)}.`;
    return `${missing.map((m) => prefix + m).join(', ')}: required field missing`;
  }
  const same = errors.filter((e) => e.instancePath === first.instancePath && e.keyword !== 'anyOf');
  const msgs = [...new Set(same.map((e) => (e.keyword === 'const' ? `equal ${JSON.stringify((e.params as { allowedValue?: unknown }).allowedValue)}` : e.message.replace(/^must /, ''))))];
  return `${fieldName(first.instancePath)}: must ${msgs.join(' or ').replaceAll(' or be ', ' or ')}`;
}

/**
 * Parses and validates one MQTT message: JSON, the SampleRecord schema, exactly one of
 * production_line / machine_id, and agreement with the topic `<prefix>/<asset>/<parameter_name>`.
 * Never throws: a bad message gives a reason that names the field.
 */
export function checkSampleMessage(topic: string, payload: Uint8Array | string, prefix: string): SampleCheck {
  const where = parseTopic(topic, prefix);
  if (!where) return { ok: false, reason: `topic "${topic}": expected ${prefix}/<asset>/<parameter_name>` };
  let data: unknown;
  try {
    data = JSON.parse(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `payload: not JSON (${(err as Error).message})` };
  }
  if (!Value.Check(SampleRecord, data)) {
    return { ok: false, reason: describeSchemaErrors(Value.Errors(SampleRecord, data) as readonly SchemaError[]) };
  }
  const rec = data as SampleRecord;
  if ((rec.production_line === undefined) === (rec.machine_id === undefined)) {
    return { ok: false, reason: 'production_line / machine_id: exactly one must be set' };
  }
  const asset = rec.production_line ?? rec.machine_id!;
  if (asset !== where.asset) {
    return { ok: false, reason: `${rec.production_line !== undefined ? 'production_line' : 'machine_id'}: "${asset}" does not match topic asset "${where.asset}"` };
  }
  if (rec.parameter_name !== where.parameter) {
    return { ok: false, reason: `parameter_name: "${rec.parameter_name}" does not match topic parameter "${where.parameter}"` };
  }
  if (rec.value !== null && !Number.isFinite(rec.value)) return { ok: false, reason: 'value: must be finite' };
  const timeMs = Date.parse(rec.timestamp);
  if (Number.isNaN(timeMs)) return { ok: false, reason: `timestamp: "${rec.timestamp}" is not a date` };
  return { ok: true, sample: { ...rec, timeMs } };
}
