import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { checkSampleMessage } from '../shadow/validate-sample.ts';
import { plantSampleContext, rejectionLog } from './live-sample-checks.ts';

const engine = createEngine(loadLibraryScenario('glass-plant'));
const context = plantSampleContext(engine);
const sample = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ timestamp: '2024-03-14T00:00:00.000Z', sensor_id: 'pump_003.flow_m3h', parameter_name: 'flow_m3h', value: 41.5, unit: 'm³/h', status: 'OK', machine_id: 'pump_003', ...over });
const reason = (topic: string, payload: string) => {
  const r = checkSampleMessage(topic, payload, 'plant', context);
  return r.ok ? 'ok' : r.reason;
};

describe('live samples checked against the plant', () => {
  it('accepts a sample of a known sensor near the twin’s clock', () => {
    expect(reason('plant/pump_003/flow_m3h', sample())).toBe('ok');
  });

  it('lets the topic decide the sensor: another sensor id in the payload is refused', () => {
    expect(reason('plant/pump_003/flow_m3h', sample({ sensor_id: 'Line_A.furnace.zone3_temp' }))).toBe('sensor_id: "Line_A.furnace.zone3_temp" is not the topic\'s sensor "pump_003.flow_m3h"');
    expect(reason('plant/pump_003/flow_m3h', sample({ sensor_id: 'pump_003.flow_m3h\u0000' }))).toMatch(/^sensor_id: "pump_003.flow_m3h\\u0000" is not the topic's sensor/);
  });

  it('refuses sensors the plant does not have', () => {
    expect(reason('plant/pump_003/made_up', sample({ sensor_id: 'pump_003.made_up', parameter_name: 'made_up' }))).toBe('topic "plant/pump_003/made_up": the plant has no sensor "made_up" on "pump_003"');
  });

  it('refuses a sample in another unit than the sensor’s, which would be stored as a wrong number', () => {
    expect(reason('plant/pump_003/flow_m3h', sample({ unit: 'l/min' }))).toBe('unit: "l/min" is not the unit of "pump_003.flow_m3h" ("m³/h"); convert before publishing');
    expect(reason('plant/pump_003/flow_m3h', sample({ unit: 'm³/h\ud800' }))).toMatch(/^unit: /);
  });

  it('refuses timestamps far from the twin’s clock, in the future or the distant past', () => {
    expect(reason('plant/pump_003/flow_m3h', sample({ timestamp: '9999-12-31T23:59:59.000Z' }))).toMatch(/^timestamp: 9999-12-31T23:59:59.000Z is outside 30 days behind to 1 h ahead of the twin's clock \(2024-03-14T00:00:00.000Z\)$/);
    expect(reason('plant/pump_003/flow_m3h', sample({ timestamp: '0000-06-01T00:00:00Z' }))).toMatch(/^timestamp: /);
    expect(reason('plant/pump_003/flow_m3h', sample({ timestamp: '2024-03-13T00:00:00.000Z' }))).toBe('ok');
  });

  it('logs refusals at most once per interval, counting the ones it held back', () => {
    const lines: string[] = [];
    let t = 0;
    const log = rejectionLog((m) => lines.push(m), 10_000, () => t);
    for (let i = 0; i < 5; i++) log({ topic: `plant/x/${i}`, reason: 'bad' });
    t = 10_000;
    log({ topic: 'plant/x/9', reason: 'worse' });
    expect(lines).toEqual(['mqtt: rejected plant/x/0: bad', 'mqtt: rejected plant/x/9: worse (and 4 more since the last report)']);
  });
});
