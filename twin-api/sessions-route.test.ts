import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { SessionManager } from './sessions/session-manager.ts';
import { PgliteStore } from './store/pglite-store.ts';
import { KEYS, testServer } from './test-app.test-helper.ts';

describe('scenario, replay and recording routes', async () => {
  const store = await PgliteStore.open('memory://');
  const sessions = new SessionManager({ loadScenario: loadLibraryScenario, createEngine, store });
  const { app } = await testServer(() => [sessionRoutes(sessions, store)]);
  const trainer = { 'x-api-key': KEYS.trainer };
  const post = (url: string, payload: unknown, headers = trainer) => app.inject({ method: 'POST', url, headers, payload: payload as object });
  afterAll(async () => {
    sessions.closeAll();
    await store.close();
  });

  it('lists the scenario library', async () => {
    const r = (await app.inject({ method: 'GET', url: '/api/scenarios', headers: { 'x-api-key': KEYS.viewer } })).json();
    expect(r.data.length).toBeGreaterThanOrEqual(8);
    expect(r.data.map((s: { name: string }) => s.name)).toContain('furnace-overheat-crack-storm');
  });

  it('loads a scenario for a trainer (not a viewer), steps, seeks forward and back, records, replays, seeks back and branches', async () => {
    expect((await post('/api/sessions', { scenario: 'furnace-overheat-crack-storm' }, { 'x-api-key': KEYS.viewer })).statusCode).toBe(403);
    const created = (await post('/api/sessions', { scenario: 'furnace-overheat-crack-storm' })).json().data;
    expect(created).toMatchObject({ tS: 0, running: false, endS: 16 * 3600 });
    const id = created.id as string;
    expect((await post(`/api/sessions/${id}/control`, { action: 'step', n: 60 })).json().data.tS).toBe(60);
    expect((await post(`/api/sessions/${id}/control`, { action: 'seek', t: '2h' })).json().data.tS).toBe(7200);
    expect((await post(`/api/sessions/${id}/control`, { action: 'seek', t: 60 })).json().data.tS).toBe(60);
    await post(`/api/sessions/${id}/control`, { action: 'seek', t: '2h' });
    const saved = (await post(`/api/sessions/${id}/recording`, { name: 'storm, first two hours' })).json().data;
    expect(saved.id).toBeGreaterThan(0);
    const listed = (await app.inject({ method: 'GET', url: '/api/recordings', headers: trainer })).json().data;
    expect(listed.map((r: { name: string }) => r.name)).toContain('storm, first two hours');

    const replay = (await post('/api/sessions', { recordingId: saved.id })).json().data;
    expect(replay.source).toEqual({ kind: 'recording', recordingId: saved.id });
    expect((await post(`/api/sessions/${replay.id}/control`, { action: 'seek', t: 5400 })).json().data.tS).toBe(5400);
    expect((await post(`/api/sessions/${replay.id}/control`, { action: 'seek', t: 600 })).json().data.tS).toBe(600);
    expect((await post(`/api/sessions/${replay.id}/control`, { action: 'pause' })).statusCode).toBe(200);

    const branch = await post(`/api/sessions/${replay.id}/branch`, { t: '1h', actions: [{ at: '1h1m', setpoint: 'Line_A.furnace_temp', value: 1450 }] });
    expect(branch.statusCode).toBe(200);
    const b = branch.json().data;
    expect(b).toMatchObject({ tS: 3600, source: { kind: 'branch', from: replay.id, atS: 3600 } });
    await post(`/api/sessions/${b.id}/control`, { action: 'step', n: 120 });
    const timeline = (await app.inject({ method: 'GET', url: `/api/sessions/${b.id}/timeline`, headers: trainer })).json().data;
    expect(timeline.some((m: { type: string; label: string }) => m.type === 'setpoint_changed' && m.label === 'Line_A.furnace_temp → 1450')).toBe(true);
    const setpoints = async (sid: string) => (await app.inject({ method: 'GET', url: `/api/sessions/${sid}/setpoints`, headers: { 'x-api-key': KEYS.viewer } })).json().data;
    expect((await setpoints(b.id)).find((sp: { id: string }) => sp.id === 'Line_A.furnace_temp')).toMatchObject({ target: 1450, min: expect.any(Number), unit: expect.any(String) });
    expect((await setpoints(replay.id)).find((sp: { id: string }) => sp.id === 'Line_A.furnace_temp').target).not.toBe(1450);
  }, 120_000);

  it("serves a session's own sensor values, which follow its seeks and differ from the live plant's", async () => {
    const id = (await post('/api/sessions', { scenario: 'furnace-overheat-crack-storm' })).json().data.id as string;
    const latest = async () => (await app.inject({ method: 'GET', url: `/api/sessions/${id}/latest`, headers: { 'x-api-key': KEYS.viewer } })).json().data;
    expect((await latest()).tick).toBe(0);
    await post(`/api/sessions/${id}/control`, { action: 'seek', t: '3h' });
    const after = await latest();
    expect(after.t).toBe(new Date(Date.parse(loadLibraryScenario('furnace-overheat-crack-storm').start) + 3 * 3600_000).toISOString());
    expect(after.samples.find((s: { sensor_id: string }) => s.sensor_id === 'Line_A.furnace.zone1_temp')).toMatchObject({ unit: expect.any(String), status: expect.any(String) });
    expect((await app.inject({ method: 'GET', url: '/api/sessions/s-nope/latest', headers: { 'x-api-key': KEYS.viewer } })).statusCode).toBe(404);
  }, 60_000);

  it('seeks a scenario session backwards onto the same state, timeline and recording as a fresh run to that time', async () => {
    const create = async () => (await post('/api/sessions', { scenario: 'furnace-overheat-crack-storm', seed: 11 })).json().data.id as string;
    const rewound = await create();
    await post(`/api/sessions/${rewound}/control`, { action: 'seek', t: '2h' });
    const back = await post(`/api/sessions/${rewound}/control`, { action: 'seek', t: '1h20m7s' });
    expect(back.statusCode).toBe(200);
    expect(back.json().data).toMatchObject({ tS: 4807, startS: 0 });
    const fresh = await create();
    await post(`/api/sessions/${fresh}/control`, { action: 'seek', t: 4807 });

    expect(sessions.get(rewound).engine.snapshot().state).toEqual(sessions.get(fresh).engine.snapshot().state);
    const latest = async (id: string) => (await app.inject({ method: 'GET', url: `/api/sessions/${id}/latest`, headers: trainer })).json().data;
    expect(await latest(rewound)).toEqual(await latest(fresh));
    const timeline = async (id: string) => (await app.inject({ method: 'GET', url: `/api/sessions/${id}/timeline`, headers: trainer })).json().data;
    const marks = await timeline(rewound);
    expect(marks.some((m: { type: string }) => m.type === 'defect')).toBe(true);
    expect(marks).toEqual(await timeline(fresh));
    // Running on from the rewound time is the fresh run too, frame for frame.
    await post(`/api/sessions/${rewound}/control`, { action: 'step', n: 600 });
    await post(`/api/sessions/${fresh}/control`, { action: 'step', n: 600 });
    expect(await latest(rewound)).toEqual(await latest(fresh));
    expect(await timeline(rewound)).toEqual(await timeline(fresh));
    // A save after the rewind holds the one straight run from the start: the same hash as the fresh run's.
    const body = async (id: string) => JSON.parse(Buffer.from((await store.getRecording((await post(`/api/sessions/${id}/recording`, { name: id })).json().data.id))!.body).toString('utf8'));
    const [a, b] = [await body(rewound), await body(fresh)];
    expect(a).toMatchObject({ startTick: 0, endTick: 5407, hash: b.hash });

    const early = await post(`/api/sessions/${rewound}/branch`, { t: '30m', actions: [{ at: '31m', setpoint: 'Line_A.furnace_temp', value: 1450 }] });
    expect(early.statusCode).toBe(200);
    expect(early.json().data).toMatchObject({ tS: 1800, startS: 1800, source: { kind: 'branch', from: rewound, atS: 1800 } });
    const beforeItsStart = await post(`/api/sessions/${early.json().data.id}/control`, { action: 'seek', t: 600 });
    expect(beforeItsStart.statusCode).toBe(400);
    expect(beforeItsStart.json().error.message).toMatch(/before this session's start \(1800 s\)/);
    for (const id of [rewound, fresh, early.json().data.id]) await app.inject({ method: 'DELETE', url: `/api/sessions/${id}`, headers: trainer });
  }, 120_000);

  it('ends a session for a trainer, not a viewer; an ended session is gone', async () => {
    const id = (await post('/api/sessions', { scenario: 'glass-plant' })).json().data.id as string;
    expect((await app.inject({ method: 'DELETE', url: `/api/sessions/${id}`, headers: { 'x-api-key': KEYS.viewer } })).statusCode).toBe(403);
    const del = await app.inject({ method: 'DELETE', url: `/api/sessions/${id}`, headers: trainer });
    expect(del.json()).toEqual({ data: { deleted: true }, error: null });
    expect((await app.inject({ method: 'GET', url: `/api/sessions/${id}`, headers: trainer })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/sessions/${id}`, headers: trainer })).statusCode).toBe(404);
  });

  it('names bad control input and unknown sessions', async () => {
    const s = (await post('/api/sessions', { scenario: 'glass-plant' })).json().data;
    const bad = await post(`/api/sessions/${s.id}/control`, { action: 'fly' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('action: must be one of "start", "pause", "resume", "step", "seek", "speed"');
    expect((await post(`/api/sessions/${s.id}/control`, { action: 'speed' })).json().error.message).toBe('speed: is required');
    expect((await post('/api/sessions/S999/control', { action: 'pause' })).statusCode).toBe(404);
    expect((await post('/api/sessions', { scenario: 'no-such-thing' })).json().error.message).toMatch(/^scenario: no library scenario named "no-such-thing"/);
    expect((await post('/api/sessions', {})).json().error.message).toBe('body: give exactly one of scenario or recordingId');
    expect((await app.inject({ method: 'DELETE', url: `/api/sessions/${s.id}`, headers: trainer })).statusCode).toBe(200);
  });
});
