import type { SampleRecord } from '../../engine/records.ts';

/** MQTT topic of a sample: `<prefix>/<production_line or machine_id>/<parameter_name>`. */
export function topicFor(record: Pick<SampleRecord, 'parameter_name' | 'production_line' | 'machine_id'>, prefix = 'plant'): string {
  const asset = record.production_line ?? record.machine_id;
  if (asset === undefined) throw new Error(`sample of "${record.parameter_name}" has neither production_line nor machine_id`);
  return `${prefix}/${asset}/${record.parameter_name}`;
}

/** The subscription filter for every sample under a prefix. */
export function topicFilter(prefix = 'plant'): string {
  return `${prefix}/+/+`;
}

/** Asset and parameter of a topic under `prefix`, or null when it is not a sample topic. */
export function parseTopic(topic: string, prefix = 'plant'): { asset: string; parameter: string } | null {
  if (!topic.startsWith(`${prefix}/`)) return null;
  const rest = topic.slice(prefix.length + 1).split('/');
  if (rest.length !== 2 || !rest[0] || !rest[1]) return null;
  return { asset: rest[0], parameter: rest[1] };
}
