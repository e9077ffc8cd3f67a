import { describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { KEYS, testAuth, testServer } from './test-app.test-helper.ts';

describe('twin-api basics', async () => {
  const { app, twin, audit, plant } = await testServer();

  it('answers health without credentials, with engine and database status', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.error).toBeNull();
    expect(body.data.engine.tick).toBe(twin.engine.tick);
    expect(body.data.engine.simTime).toMatch(/Z$/);
  });

  it('wraps unknown routes in the error envelope', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ data: null, error: { code: 'TWIN_ERR_NOT_FOUND', message: 'no route GET /api/nope' } });
  });

  it('requires credentials, and rejects unknown keys', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/plant/latest' })).statusCode).toBe(401);
    const bad = await app.inject({ method: 'GET', url: '/api/plant/latest', headers: { 'x-api-key': 'not-a-key-at-all-xxxxxxxx' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('TWIN_ERR_UNAUTHORIZED');
  });

  it('serves the latest value of every sensor to a viewer', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/plant/latest', headers: { 'x-api-key': KEYS.viewer } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.data.samples).toHaveLength(twin.engine.layout.sensors.length);
    expect(body.data.samples[0]).toMatchObject({ sensor_id: expect.any(String), status: expect.stringMatching(/OK|WARNING|ERROR|CRITICAL/) });
    expect(body.data.t).toBe(twin.engine.isoAt());
  });

  it('serves the topology: 3 lines and 26 machines', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/plant/topology', headers: { 'x-api-key': KEYS.viewer } });
    const assets = r.json().data.assets as { kind: string }[];
    expect(assets.filter((a) => a.kind === 'line')).toHaveLength(3);
    expect(assets.filter((a) => a.kind === 'machine')).toHaveLength(26);
  });

  it('lets operators change a setpoint, forbids viewers, names bad fields, and audits the write', async () => {
    const url = '/api/plant/setpoints/Line_A.belt_speed';
    const asViewer = await app.inject({ method: 'PUT', url, headers: { 'x-api-key': KEYS.viewer }, payload: { value: 140 } });
    expect(asViewer.statusCode).toBe(403);
    expect(asViewer.json().error.message).toMatch(/role viewer may not do this/);
    const missing = await app.inject({ method: 'PUT', url, headers: { 'x-api-key': KEYS.operator }, payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toBe('value: is required');
    const wrongType = await app.inject({ method: 'PUT', url, headers: { 'x-api-key': KEYS.operator }, payload: { value: 'fast' } });
    expect(wrongType.json().error.message).toMatch(/^value: must be number/);
    const outOfRange = await app.inject({ method: 'PUT', url, headers: { 'x-api-key': KEYS.operator }, payload: { value: 900 } });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.message).toBe('value: must be between 0 and 200 m/min (got 900)');
    const unknown = await app.inject({ method: 'PUT', url: '/api/plant/setpoints/Line_A.belt_sped', headers: { 'x-api-key': KEYS.operator }, payload: { value: 140 } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('unknown setpoint "Line_A.belt_sped" (did you mean "Line_A.belt_speed"?)');
    const badJson = await app.inject({ method: 'PUT', url, headers: { 'x-api-key': KEYS.operator, 'content-type': 'application/json' }, payload: '{"value": ' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.message).toBe('body: is not valid JSON');
    const okr = await app.inject({ method: 'PUT', url, headers: { 'x-api-key': KEYS.operator }, payload: { value: 140 } });
    expect(okr.statusCode).toBe(200);
    expect(okr.json().data).toMatchObject({ id: 'Line_A.belt_speed', target: 140, lagS: 5, rateLimitPerS: 5, command: { origin: 'operator', previous: 150, next: 140 } });
    // One audit entry, written by the command service: previous and new target and the plant's answer.
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'operator-user',
      role: 'operator',
      action: 'plant.setpoint',
      target: 'Line_A.belt_speed',
      detail: { origin: 'operator', previous: 150, next: 140, unit: 'm/min', plant: { port: 'stand-in', ack: { status: 'acknowledged', value: 140 } } },
    });
    expect(plant.setpointTarget('Line_A.belt_speed')).toBe(140);
  });

  it('lets operators maintain an asset, with or without a reason, through the command path', async () => {
    const url = '/api/plant/maintenance/pump_003';
    const bare = await app.inject({ method: 'POST', url, headers: { 'x-api-key': KEYS.operator } });
    expect(bare.statusCode, bare.body).toBe(200);
    expect(bare.json().data.command).toMatchObject({ command: { kind: 'maintenance', target: 'pump_003' }, origin: 'operator', plant: { port: 'stand-in', ack: { status: 'acknowledged' } } });
    const noted = await app.inject({ method: 'POST', url, headers: { 'x-api-key': KEYS.engineer }, payload: { reason: 'bearing noise' } });
    expect(noted.json().data.command).toMatchObject({ origin: 'engineer', reason: 'bearing noise' });
    const unknown = await app.inject({ method: 'POST', url: '/api/plant/maintenance/pump_03', headers: { 'x-api-key': KEYS.operator } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('unknown asset "pump_03" (did you mean "pump_003"?)');
    expect(audit.filter((e) => e.action === 'plant.maintenance')).toHaveLength(2);
  });

  it('accepts a JWT carrying a role', async () => {
    const token = app.jwt.sign({ sub: 'maria', role: 'engineer' }, { expiresIn: '10m' });
    const r = await app.inject({ method: 'GET', url: '/api/plant/setpoints', headers: { authorization: `Bearer ${token}` } });
    expect(r.statusCode).toBe(200);
    const forged = await app.inject({ method: 'GET', url: '/api/plant/setpoints', headers: { authorization: `Bearer ${token}x` } });
    expect(forged.statusCode).toBe(401);
  });

  it('refuses a JWT that never expires, or lives longer than the server allows', async () => {
    const get = (token: string) => app.inject({ method: 'GET', url: '/api/plant/setpoints', headers: { authorization: `Bearer ${token}` } });
    const forever = await get(app.jwt.sign({ sub: 'maria', role: 'engineer' }));
    expect(forever.statusCode).toBe(401);
    expect(forever.json().error.message).toBe('token refused: claim "exp" (expiry) is required');
    const long = await get(app.jwt.sign({ sub: 'maria', role: 'engineer' }, { expiresIn: '2h' }));
    expect(long.statusCode).toBe(401);
    expect(long.json().error.message).toMatch(/^token refused: it lives 7200 s, longer than the 3600 s this server allows/);
  });

  it('publishes an OpenAPI document and interactive docs', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/plant/setpoints/{id}');
    expect((await app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });
});

describe('development mode', async () => {
  const { app } = await testServer(() => [], testAuth({ apiKeys: new Map(), jwtSecret: null, devMode: true }));
  it('treats requests without credentials as the dev admin', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/plant/setpoints' })).statusCode).toBe(200);
  });
});

describe('internal errors', async () => {
  const lines: string[] = [];
  const app = await buildApp({
    auth: testAuth(),
    log: { level: 'warn', stream: { write: (line) => void lines.push(line) } },
    routes: [
      (a) =>
        void a.get('/api/boom', async () => {
          throw new Error('kaput at /var/lib/secret');
        }),
    ],
  });
  it('answer 500 with the request id and no internals, and log the whole error as one JSON line under that id', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/boom?x=1' });
    expect(r.statusCode).toBe(500);
    const message = r.json().error.message as string;
    expect(message).toMatch(/^internal error \(logged on the server as request req-\w+\)$/);
    expect(message).not.toContain('kaput');
    const id = /request (req-\w+)/.exec(message)![1]!;
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { level: number; reqId: string; msg: string; err: { message: string; stack: string } };
    expect(line).toMatchObject({ level: 50, reqId: id, msg: '500 GET /api/boom: kaput at /var/lib/secret' });
    expect(line.err.stack).toContain('kaput at /var/lib/secret');
  });
});
