import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForwardedCommand } from '../../commands/index.ts';
import { parseEcho } from './mqtt-command-echo.ts';
import { commandPayload, commandTopic, MqttCommandPort } from './mqtt-command-port.ts';

const MQTT_URL = process.env['MQTT_URL'];
if (!MQTT_URL) console.info('twin-api/plant MQTT command tests against a broker skipped: MQTT_URL not set (e.g. MQTT_URL=mqtt://127.0.0.1:1883)');

const RUN = `${process.pid}-${Date.now().toString(36)}`;

function setpointCommand(id: string, setpoint = 'Line_A.belt_speed', value = 140): ForwardedCommand {
  return { id, command: { kind: 'setpoint', setpoint, value }, asset: setpoint.split('.')[0]!, unit: 'm/min', origin: 'operator', actor: 'ana', issuedAtMs: Date.UTC(2026, 0, 1) };
}

describe('MQTT command topics and payloads', () => {
  it('puts a setpoint command under the asset’s setpoints and a maintenance job under maintenance', () => {
    expect(commandTopic(setpointCommand('c1'))).toBe('plant/Line_A/setpoints/belt_speed');
    expect(commandTopic({ ...setpointCommand('c2'), command: { kind: 'maintenance', target: 'pump_003' }, asset: 'pump_003', unit: null }, 'site1')).toBe('site1/pump_003/maintenance');
    expect(commandPayload(setpointCommand('c1'))).toEqual({
      command_id: 'c1',
      setpoint: 'Line_A.belt_speed',
      value: 140,
      unit: 'm/min',
      origin: 'operator',
      actor: 'ana',
      issued_at: '2026-01-01T00:00:00.000Z',
    });
  });

  it('reads echoes and names what is wrong with a bad one', () => {
    const b = (v: unknown) => Buffer.from(JSON.stringify(v));
    expect(parseEcho('plant/Line_A/setpoints/belt_speed/state', b({ command_id: 'c1', target: 140 }))).toEqual({ ok: true, echo: { commandId: 'c1', target: 140, rejected: null } });
    expect(parseEcho('plant/Line_A/setpoints/belt_speed/state', b({ target: 140 }))).toEqual({ ok: true, echo: { commandId: null, target: 140, rejected: null } });
    expect(parseEcho('plant/Line_A/setpoints/belt_speed/state', b({ command_id: 'c1', rejected: 'interlock' }))).toEqual({ ok: true, echo: { commandId: 'c1', target: null, rejected: 'interlock' } });
    expect(parseEcho('plant/Line_A/setpoints/belt_speed/state', Buffer.from('{'))).toEqual({ ok: false, reason: 'payload is not JSON' });
    expect(parseEcho('plant/Line_A/setpoints/belt_speed/state', b({ target: 'fast' }))).toEqual({ ok: false, reason: 'target must be a finite number' });
    expect(parseEcho('plant/Line_A/setpoints/belt_speed/state', b([1]))).toEqual({ ok: false, reason: 'payload must be a JSON object' });
    expect(parseEcho('plant/pump_003/maintenance/state', b({ status: 'done' }))).toEqual({ ok: false, reason: 'a maintenance echo needs its command_id' });
    expect(parseEcho('plant/pump_003/flow', b({}))).toEqual({ ok: false, reason: 'not a command state topic' });
  });

  it('answers unavailable at once when the broker cannot be reached, without throwing', async () => {
    const port = new MqttCommandPort({ url: 'mqtt://127.0.0.1:1', clientId: `twin-test-nobroker-${RUN}` });
    await port.start();
    expect(await port.forward(setpointCommand('c1'))).toMatchObject({ status: 'unavailable' });
    await port.stop();
  });
});

describe.skipIf(!MQTT_URL)('MqttCommandPort against a real broker (skipped: MQTT_URL not set)', () => {
  const prefix = `twin-test-${RUN}`;
  let plant: MqttClient;
  let port: MqttCommandPort;
  const received: { topic: string; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    // A plant that takes every belt-speed change (echoing its new target), refuses furnace changes
    // (an interlock) and never answers for mould temperature.
    plant = await mqtt.connectAsync(MQTT_URL!, { clientId: `twin-test-plant-${RUN}` });
    await plant.subscribeAsync(`${prefix}/+/setpoints/+/set`, { qos: 1 });
    await plant.subscribeAsync(`${prefix}/+/maintenance/set`, { qos: 1 });
    plant.on('message', (topic, payload, packet) => {
      const body = JSON.parse(payload.toString()) as Record<string, unknown>;
      received.push({ topic, body: { ...body, qos: packet.qos } });
      const state = topic.replace(/\/set$/, '/state');
      if (topic.includes('/belt_speed/')) void plant.publishAsync(state, JSON.stringify({ command_id: body['command_id'], setpoint: body['setpoint'], target: body['value'] }), { qos: 1 });
      if (topic.includes('/furnace_temp/')) void plant.publishAsync(state, JSON.stringify({ command_id: body['command_id'], rejected: 'burner interlock active' }), { qos: 1 });
      if (topic.endsWith('/maintenance/set')) void plant.publishAsync(state, JSON.stringify({ command_id: body['command_id'], status: 'accepted' }), { qos: 1 });
    });
    port = new MqttCommandPort({ url: MQTT_URL!, clientId: `twin-test-commands-${RUN}`, topicPrefix: prefix, ackTimeoutMs: 500 });
    await port.start(10_000);
  });
  afterAll(async () => {
    await port.stop();
    await plant.endAsync();
  });

  it('publishes a setpoint command at QoS 1 and is acknowledged by the plant’s echo of the new target', async () => {
    const ack = await port.forward(setpointCommand('cmd-ok'));
    expect(ack).toMatchObject({ status: 'acknowledged', value: 140 });
    expect(received.find((r) => r.body['command_id'] === 'cmd-ok')).toEqual({
      topic: `${prefix}/Line_A/setpoints/belt_speed/set`,
      body: { command_id: 'cmd-ok', setpoint: 'Line_A.belt_speed', value: 140, unit: 'm/min', origin: 'operator', actor: 'ana', issued_at: '2026-01-01T00:00:00.000Z', qos: 1 },
    });
  });

  it('reports the plant’s refusal with its reason', async () => {
    expect(await port.forward(setpointCommand('cmd-refused', 'Line_A.furnace_temp', 1520))).toMatchObject({ status: 'rejected', reason: 'burner interlock active' });
  });

  it('reports a timeout when the plant never echoes', async () => {
    expect(await port.forward(setpointCommand('cmd-silent', 'Line_A.mold_temp', 460))).toEqual({ status: 'timeout', afterMs: 500 });
  });

  it('forwards maintenance and counts what happened', async () => {
    const ack = await port.forward({ id: 'cmd-maint', command: { kind: 'maintenance', target: 'pump_003' }, asset: 'pump_003', unit: null, origin: 'engineer', actor: 'rel', issuedAtMs: 0 });
    expect(ack).toMatchObject({ status: 'acknowledged', value: null });
    expect(port.status()).toMatchObject({ connected: true, published: 4, acknowledged: 2, rejected: 1, timedOut: 1 });
  });
});
