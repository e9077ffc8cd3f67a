import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleRecord } from '../engine/records.ts';
import { PlantHistoryFeed } from '../twin-api/live/plant-history-feed.ts';
import { historyRoutes } from '../twin-api/routes/history.ts';
import { shadowRoutes } from '../twin-api/routes/shadow.ts';
import { connectShadow } from '../twin-api/shadow/connect-shadow.ts';
import { MqttSource } from '../twin-api/shadow/mqtt-source.ts';
import { ShadowTracker } from '../monitor/shadow/shadow-tracker.ts';
import { topicFor } from '../twin-api/shadow/topics.ts';
import { PgliteStore } from '../twin-api/store/pglite-store.ts';
import { KEYS, testServer } from '../twin-api/test-app.test-helper.ts';

const MQTT_URL = process.env['MQTT_URL'];
if (!MQTT_URL) console.info('MQTT → shadow state → history end-to-end test skipped: MQTT_URL not set (e.g. MQTT_URL=mqtt://127.0.0.1:1883)');

const RUN = `${process.pid}-${Date.now().toString(36)}`;
const SENSOR = 'pump_003.bearing_temp_c';
const T0 = Date.UTC(2024, 2, 14);

async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const record = (i: number): SampleRecord => ({
  timestamp: new Date(T0 + i * 1000).toISOString(),
  sensor_id: SENSOR,
  parameter_name: 'bearing_temp_c',
  value: 40 + i / 10,
  unit: '°C',
  status: 'OK',
  machine_id: 'pump_003',
});

describe.skipIf(!MQTT_URL)('MQTT samples in the running server: shadow state and history (skipped: MQTT_URL not set)', () => {
  const prefix = `twinworks-test/${RUN}/server/plant`;
  let publisher: MqttClient;
  let store: PgliteStore;
  let source: MqttSource;
  let feed: PlantHistoryFeed;
  let server: Awaited<ReturnType<typeof testServer>>;

  beforeAll(async () => {
    publisher = await mqtt.connectAsync(MQTT_URL!, { clientId: `twin-e2e-pub-${RUN}` });
    store = await PgliteStore.open('memory://');
    source = new MqttSource({ url: MQTT_URL!, clientId: `twin-e2e-${RUN}`, topicPrefix: prefix, reconnectMinMs: 1000 });
    let tracker: ShadowTracker | null = null;
    server = await testServer((twin) => {
      tracker = new ShadowTracker(twin.engine.layout);
      return [shadowRoutes(tracker, source, 'mqtt'), historyRoutes(twin, store)];
    });
    connectShadow({ twin: server.twin.engine, source, tracker: tracker! });
    feed = new PlantHistoryFeed(source, store, { flushIntervalMs: 50 });
    await source.start();
  });
  afterAll(async () => {
    await source?.stop();
    await feed?.close();
    await store?.close();
    await server?.app.close();
    await publisher?.endAsync();
  });

  const get = async (url: string) => (await server.app.inject({ url, headers: { 'x-api-key': KEYS.viewer } })).json();
  const shadowSamples = async (): Promise<number> =>
    ((await get('/api/digital-twin/shadow-state')).data.sensors as { sensor_id: string; samples: number }[]).find((s) => s.sensor_id === SENSOR)?.samples ?? 0;
  const stored = async (): Promise<number[]> => {
    const q = new URLSearchParams({ sensors: SENSOR, from: new Date(T0).toISOString(), to: new Date(T0 + 3_600_000).toISOString(), source: 'plant', maxPoints: '1000' });
    const series = (await get(`/api/plant/history?${q}`)).data.series[0];
    return series.samples.map((s: { value: number }) => s.value);
  };

  it('published samples show in the shadow state and, as plant measurements, in history', async () => {
    for (let i = 0; i < 20; i++) await publisher.publishAsync(topicFor(record(i), prefix), JSON.stringify(record(i)), { qos: 1 });
    await until(async () => (await shadowSamples()) === 20);
    await until(async () => (await stored()).length === 20);
    expect(await stored()).toEqual(Array.from({ length: 20 }, (_, i) => record(i).value));
    const shadow = (await get('/api/digital-twin/shadow-state')).data;
    expect(shadow.source).toMatchObject({ kind: 'mqtt', connected: true, accepted: 20 });
  });

  it('samples published while the broker connection is down reach history once it is back, none lost', async () => {
    source.mqttClient!.stream.destroy();
    await until(() => !source.status().connected);
    for (let i = 20; i < 60; i++) await publisher.publishAsync(topicFor(record(i), prefix), JSON.stringify(record(i)), { qos: 1 });
    await until(async () => (await stored()).length === 60);
    expect(await stored()).toEqual(Array.from({ length: 60 }, (_, i) => record(i).value));
    expect(await shadowSamples()).toBe(60);
    expect(source.status().reconnects).toBeGreaterThanOrEqual(1);
  });
});
