/**
 * A broker that cannot be reached at start does not stop the server: it starts, says so on
 * /api/health (degraded, plant source and command port disconnected), answers commands with the
 * plant's state `unavailable` while the twin still takes them, and stops cleanly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTwinServices } from '../twin-api/services/create-twin-services.ts';
import { KEYS, testAuth } from '../twin-api/test-app.test-helper.ts';

describe('the server with an MQTT broker that is not there', async () => {
  const modelsDir = mkdtempSync(join(tmpdir(), 'twin-no-broker-'));
  const twin = await createTwinServices({
    auth: testAuth(),
    scenario: 'glass-plant',
    clock: { kind: 'paced', speed: 1 },
    store: { kind: 'memory' },
    // Port 1 on loopback: nothing listens, every connection is refused at once.
    mqtt: { url: 'mqtt://127.0.0.1:1', clientId: `twin-test-no-broker-${process.pid}` },
    models: { dir: modelsDir, bootstrap: false, retrainOnDrift: false },
    viewerDist: null,
  });
  afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

  it('starts, reports the broker as disconnected, keeps taking commands for the twin, and stops', async () => {
    await twin.start();
    const health = (await twin.app.inject({ method: 'GET', url: '/api/health' })).json().data;
    expect(health.status).toBe('degraded');
    expect(health.plant).toEqual({ source: 'mqtt', connected: false, commands: { port: 'mqtt', connected: false } });

    const r = await twin.app.inject({ method: 'PUT', url: '/api/plant/setpoints/Line_A.belt_speed', headers: { 'x-api-key': KEYS.operator }, payload: { value: 140 } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data).toMatchObject({ target: 140, command: { plant: { port: 'mqtt', ack: { status: 'unavailable' } } } });
    await twin.stop();
  }, 60_000);
});
