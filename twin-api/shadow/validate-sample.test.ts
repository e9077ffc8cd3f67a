import { describe, expect, it } from 'vitest';
import { parseTopic, topicFor } from './topics.ts';
import { checkSampleMessage } from './validate-sample.ts';

const good = {
  timestamp: '2024-03-14T00:00:01.000Z',
  sensor_id: 'pump_003.bearing_temp_c',
  parameter_name: 'bearing_temp_c',
  value: 41.5,
  unit: '°C',
  status: 'OK',
  machine_id: 'pump_003',
};
const topic = 'plant/pump_003/bearing_temp_c';
const reason = (t: string, p: unknown) => {
  const r = checkSampleMessage(t, typeof p === 'string' ? p : JSON.stringify(p), 'plant');
  return r.ok ? 'ok' : r.reason;
};

describe('checkSampleMessage', () => {
  it('accepts a SampleRecord on its topic and parses its time', () => {
    const r = checkSampleMessage(topic, Buffer.from(JSON.stringify(good)), 'plant');
    expect(r.ok && r.sample.timeMs).toBe(Date.parse(good.timestamp));
    expect(topicFor(good)).toBe(topic);
    expect(parseTopic(topic)).toEqual({ asset: 'pump_003', parameter: 'bearing_temp_c' });
  });

  it('rejects bad payloads with a reason naming the field', () => {
    expect(reason(topic, '{not json')).toMatch(/^payload: not JSON/);
    expect(reason(topic, { ...good, value: 'hot' })).toBe('value: must be number or null');
    expect(reason(topic, { ...good, status: 'FINE' })).toMatch(/^status: must equal "OK" or/);
    expect(reason(topic, { ...good, timestamp: 'yesterday' })).toBe('timestamp: must match format "date-time"');
    const { sensor_id: _drop, ...noId } = good;
    expect(reason(topic, noId)).toBe('sensor_id: required field missing');
    expect(reason(topic, { ...good, production_line: 'Line_A' })).toMatch(/^production_line \/ machine_id/);
    expect(reason(topic, { ...good, machine_id: 'pump_004' })).toMatch(/^machine_id: "pump_004" does not match topic asset "pump_003"/);
    expect(reason('plant/pump_003/flow_m3h', good)).toMatch(/^parameter_name:/);
    expect(reason('other/pump_003/bearing_temp_c', good)).toMatch(/^topic/);
    expect(reason(topic, 42)).toMatch(/^\(root\): must be object/);
  });
});
