import { Value } from 'typebox/value';
import { SampleRecord } from '../../protocol/samples.ts';
import type { LiveSample } from './live-source.ts';
import { parseTopic } from './topics.ts';

/**
 * What a message is checked against besides its own schema: the plant's sensors (the topic decides
 * the sensor, so a payload cannot name another one and get round broker topic permissions) and a
 * window around the twin's clock (one far-future sample would make every later one a duplicate).
 */
export interface SampleContext {
  /** The sensor id a topic's asset and parameter name, or undefined when the plant has no such sensor. */
  readonly sensorOf: (asset: string, parameter: string) => string | undefined;
  /** The unit a sensor is stored in; a sample in another unit would be stored as a wrong number. */
  readonly unitOf?: (sensorId: string) => string | undefined;
  /** The twin's simulated time now, ms since the epoch. */
  readonly twinTimeMs: () => number;
  /** Accepted distance of a timestamp from the twin's clock (defaults: 1 h ahead, 30 days behind: a broker's queue after an outage). */
  readonly maxAheadMs?: number;
  readonly maxBehindMs?: number;
}

export const DEFAULT_MAX_AHEAD_MS = 3600_000;
export const DEFAULT_MAX_BEHIND_MS = 30 * 24 * 3600_000;

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
export function checkSampleMessage(topic: string, payload: Uint8Array | string, prefix: string, context?: SampleContext): SampleCheck {
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
  if (context) {
    const sensor = context.sensorOf(where.asset, where.parameter);
    if (sensor === undefined) return { ok: false, reason: `topic "${topic}": the plant has no sensor "${where.parameter}" on "${where.asset}"` };
    if (rec.sensor_id !== sensor) return { ok: false, reason: `sensor_id: ${JSON.stringify(rec.sensor_id)} is not the topic's sensor "${sensor}"` };
    const unit = context.unitOf?.(sensor);
    if (unit !== undefined && rec.unit !== unit) return { ok: false, reason: `unit: ${JSON.stringify(rec.unit)} is not the unit of "${sensor}" ("${unit}"); convert before publishing` };
    const nowMs = context.twinTimeMs();
    const aheadMs = context.maxAheadMs ?? DEFAULT_MAX_AHEAD_MS;
    const behindMs = context.maxBehindMs ?? DEFAULT_MAX_BEHIND_MS;
    if (timeMs > nowMs + aheadMs || timeMs < nowMs - behindMs) {
      return { ok: false, reason: `timestamp: ${rec.timestamp} is outside ${hours(behindMs)} behind to ${hours(aheadMs)} ahead of the twin's clock (${new Date(nowMs).toISOString()})` };
    }
  }
  return { ok: true, sample: { ...rec, timeMs } };
}

const hours = (ms: number): string => (ms >= 48 * 3600_000 ? `${Math.round(ms / 86_400_000)} days` : `${Math.round(ms / 3600_000)} h`);
