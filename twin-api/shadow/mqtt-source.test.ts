import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import type { SampleRecord } from '../../engine/records.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { MqttSource } from './mqtt-source.ts';
import { ShadowTracker } from '../../monitor/shadow/shadow-tracker.ts';
import { topicFor } from './topics.ts';

const MQTT_URL = process.env['MQTT_URL'];
if (!MQTT_URL) console.info('twin-api/shadow MQTT end-to-end tests skipped: MQTT_URL not set (e.g. MQTT_URL=mqtt://127.0.0.1:1883)');

const RUN = `${process.pid}-${Date.now().toString(36)}`;

async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

function record(i: number, value: number): SampleRecord {
  return {
    timestamp: new Date(Date.UTC(2024, 2, 14, 0, 0, i)).toISOString(),
    sensor_id: 'pump_003.bearing_temp_c',
    parameter_name: 'bearing_temp_c',
    value,
    unit: '°C',
    status: 'OK',
    machine_id: 'pump_003',
  };
}

describe.skipIf(!MQTT_URL)('MqttSource against a real broker (skipped: MQTT_URL not set)', () => {
  let publisher: MqttClient;
  beforeAll(async () => {
    publisher = await mqtt.connectAsync(MQTT_URL!, { clientId: `twin-test-pub-${RUN}` });
  });
  afterAll(async () => {
    await publisher?.endAsync();
  });

  const publishAll = async (prefix: string, records: readonly SampleRecord[]) => {
    for (const r of records) await publisher.publishAsync(topicFor(r, prefix), JSON.stringify(r), { qos: 1 });
  };

  it('published samples reach the tracker; bad payloads are rejected with reasons', async () => {
    const prefix = `twinworks-test/${RUN}/a/plant`;
    const twin = createEngine(loadLibraryScenario('glass-plant'));
    const tracker = new ShadowTracker(twin.layout);
    tracker.primeTwin(twin.values, twin.startMs);
    const predicted = twin.values[twin.layout.sensorIndex.get('pump_003.bearing_temp_c')!]!;
    const source = new MqttSource({ url: MQTT_URL!, clientId: `twin-test-a-${RUN}`, topicPrefix: prefix });
    source.samples$.subscribe((s) => tracker.ingest(s));
    await source.start();
    try {
      await publishAll(prefix, [record(1, predicted + 3), record(2, predicted + 3)]);
      await publisher.publishAsync(`${prefix}/pump_003/bearing_temp_c`, '{"oops"', { qos: 1 });
      await publisher.publishAsync(`${prefix}/pump_003/bearing_temp_c`, JSON.stringify({ ...record(3, 1), value: 'hot' }), { qos: 1 });
      await publisher.publishAsync(`${prefix}/pump_004/bearing_temp_c`, JSON.stringify(record(4, 1)), { qos: 1 });
      await until(() => source.status().received === 5);
      const st = tracker.state().sensors.find((s) => s.sensor_id === 'pump_003.bearing_temp_c')!;
      expect(st.samples).toBe(2);
      expect(st.measured).toBeCloseTo(predicted + 3, 6);
      expect(st.residual).toBeCloseTo(3, 6);
      expect(source.status()).toMatchObject({ connected: true, accepted: 2, rejected: 3 });
      expect(source.rejections().map((r) => r.reason)).toEqual([
        expect.stringMatching(/^payload: not JSON/),
        'value: must be number or null',
        'machine_id: "pump_003" does not match topic asset "pump_004"',
      ]);
    } finally {
      await source.stop();
    }
  });

  it('a dropped connection loses no sample: the broker queues QoS 1 for the persistent session', async () => {
    const prefix = `twinworks-test/${RUN}/b/plant`;
    const source = new MqttSource({ url: MQTT_URL!, clientId: `twin-test-b-${RUN}`, topicPrefix: prefix, reconnectMinMs: 1500 });
    const got: number[] = [];
    source.samples$.subscribe((s) => got.push(s.value!));
    await source.start();
    try {
      const N = 50;
      // Forced drop: the socket dies under the client, which reconnects after its backoff.
      source.mqttClient!.stream.destroy();
      await until(() => !source.status().connected);
      await publishAll(prefix, Array.from({ length: N }, (_, i) => record(i, i)));
      expect(source.status().connected).toBe(false);
      await until(() => got.length >= N);
      expect(got).toEqual(Array.from({ length: N }, (_, i) => i));
      expect(source.status().reconnects).toBeGreaterThanOrEqual(1);

      // A clean stop and restart with the same client id: the session, and what was queued, survive.
      await source.stop();
      await publishAll(prefix, Array.from({ length: N }, (_, i) => record(N + i, N + i)));
      await source.start();
      await until(() => got.length >= 2 * N);
      expect(got).toEqual(Array.from({ length: 2 * N }, (_, i) => i));
    } finally {
      await source.stop();
    }
  });
});
