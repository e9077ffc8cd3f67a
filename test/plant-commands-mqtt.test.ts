/**
 * The command path with live MQTT data, end to end against the real broker: the server built as
 * `npm start` builds it with MQTT_URL set publishes an operator's setpoint change on the plant's
 * command topic, the plant echoes its new target, and the audit entry carries that acknowledgement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwinServices, type TwinServices } from '../twin-api/services/create-twin-services.ts';
import { KEYS, testAuth } from '../twin-api/test-app.test-helper.ts';

const MQTT_URL = process.env['MQTT_URL'];
if (!MQTT_URL) console.info('test/plant-commands-mqtt skipped: MQTT_URL not set (e.g. MQTT_URL=mqtt://127.0.0.1:1883)');

const RUN = `${process.pid}-${Date.now().toString(36)}`;

describe.skipIf(!MQTT_URL)('plant commands over MQTT (skipped: MQTT_URL not set)', () => {
  const modelsDir = mkdtempSync(join(tmpdir(), 'twin-mqtt-commands-'));
  let plant: MqttClient;
  let twin: TwinServices;
  const seen: Record<string, unknown>[] = [];

  beforeAll(async () => {
    // The plant: takes every setpoint command for Line_A and echoes its new target.
    plant = await mqtt.connectAsync(MQTT_URL!, { clientId: `twin-test-plant-${RUN}` });
    await plant.subscribeAsync('plant/Line_A/setpoints/+/set', { qos: 1 });
    plant.on('message', (topic, payload) => {
      const body = JSON.parse(payload.toString()) as Record<string, unknown>;
      seen.push({ topic, ...body });
      void plant.publishAsync(topic.replace(/\/set$/, '/state'), JSON.stringify({ command_id: body['command_id'], target: body['value'] }), { qos: 1 });
    });
    twin = await createTwinServices({
      auth: testAuth(),
      scenario: 'glass-plant',
      clock: { kind: 'paced', speed: 1 },
      store: { kind: 'memory' },
      mqtt: { url: MQTT_URL!, clientId: `twin-test-server-${RUN}` },
      models: { dir: modelsDir, bootstrap: false, retrainOnDrift: false },
      viewerDist: null,
    });
    await twin.start();
  }, 60_000);
  afterAll(async () => {
    await twin?.stop();
    await plant?.endAsync();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('publishes an operator’s change to the plant and audits the plant’s acknowledgement', async () => {
    const r = await twin.app.inject({ method: 'PUT', url: '/api/plant/setpoints/Line_A.belt_speed', headers: { 'x-api-key': KEYS.operator }, payload: { value: 135, reason: 'thinner walls' } });
    expect(r.statusCode, r.body).toBe(200);
    const command = r.json().data.command;
    expect(command).toMatchObject({ origin: 'operator', previous: 150, next: 135, plant: { port: 'mqtt', ack: { status: 'acknowledged', value: 135 } } });
    expect(seen).toContainEqual(expect.objectContaining({ topic: 'plant/Line_A/setpoints/belt_speed/set', command_id: command.id, setpoint: 'Line_A.belt_speed', value: 135, unit: 'm/min', origin: 'operator', actor: 'operator-user' }));
    const audit = (await twin.store.listAudit({ limit: 5 })).entries;
    expect(audit[0]).toMatchObject({ action: 'plant.setpoint', actor: 'operator-user', origin: 'operator', detail: { previous: 150, next: 135, reason: 'thinner walls', plant: { port: 'mqtt', ack: { status: 'acknowledged' } } } });
  });
});
