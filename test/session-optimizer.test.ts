/**
 * The optimizer switched on in a replay session (a trainer's "what would it have proposed here?"):
 * stepping the replay past a cadence boundary of its simulated time makes one planning round on the
 * session's twin, listed on the session and published on the `state` channel with the round's
 * time; nothing reaches the session's or the live plant's setpoints. Viewers may read, not switch.
 * The sessions are stepped by hand (no clock); the rollouts run in process, small.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionOptimizerView } from '../protocol/recommendation.ts';
import type { SetpointValue } from '../protocol/plant.ts';
import { KEYS } from '../twin-api/test-app.test-helper.ts';
import { fullApiServer } from './api-app.test-helper.ts';

const as = (role: keyof typeof KEYS) => ({ 'x-api-key': KEYS[role] });
type Server = Awaited<ReturnType<typeof fullApiServer>>;

describe('the optimizer in a replay session', () => {
  let s: Server;
  let replay: string;
  let twin: string;
  let stepS: number;

  const call = async (method: 'GET' | 'PUT' | 'POST', url: string, role: keyof typeof KEYS, payload?: object) => {
    const r = await s.app.inject({ method, url, headers: as(role), ...(payload ? { payload } : {}) });
    return { status: r.statusCode, body: r.body, data: r.statusCode === 200 ? r.json().data : null };
  };
  const targets = async (url: string) => Object.fromEntries(((await call('GET', url, 'viewer')).data as SetpointValue[]).map((x) => [x.id, x.target]));
  const step = async (id: string, n: number) => expect((await call('POST', `/api/sessions/${id}/control`, 'trainer', { action: 'step', n })).status).toBe(200);

  beforeAll(async () => {
    s = await fullApiServer();
    // A recording of 40 simulated minutes of the glass plant, then two replays of it: one with the optimizer, one without.
    const run = await call('POST', '/api/sessions', 'trainer', { scenario: 'glass-plant' });
    stepS = s.engine.stepS;
    await step(run.data.id, Math.round(2400 / stepS));
    const saved = await call('POST', `/api/sessions/${run.data.id}/recording`, 'trainer', { name: 'optimizer replay' });
    expect(saved.status, saved.body).toBe(200);
    replay = (await call('POST', '/api/sessions', 'trainer', { recordingId: saved.data.id })).data.id;
    twin = (await call('POST', '/api/sessions', 'trainer', { recordingId: saved.data.id })).data.id;
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('lets viewers read the toggle and refuses them (and operators) switching it', async () => {
    const read = await call('GET', `/api/sessions/${replay}/optimizer`, 'viewer');
    expect(read.data).toEqual({ session: replay, enabled: false, cadenceS: s.optimizer.getSettings().cadenceS, proposals: [] });
    expect((await call('PUT', `/api/sessions/${replay}/optimizer`, 'viewer', { enabled: true })).status).toBe(403);
    expect((await call('PUT', `/api/sessions/${replay}/optimizer`, 'operator', { enabled: true })).status).toBe(403);
    expect((await call('PUT', '/api/sessions/S99/optimizer', 'trainer', { enabled: true })).status).toBe(404);
    expect((await call('PUT', `/api/sessions/${replay}/optimizer`, 'trainer', { enabled: 'yes' })).status).toBe(400);
  });

  it('plans once at the cadence boundary it steps past, lists and publishes the round, and applies nothing', async () => {
    const publish = vi.spyOn(s.hub, 'publish');
    const liveBefore = Object.fromEntries(s.engine.setpoints().map((x) => [x.id, x.target]));
    const bookBefore = s.optimizer.list().length;
    const commandsBefore = (await s.audit()).length;
    const on = await call('PUT', `/api/sessions/${replay}/optimizer`, 'trainer', { enabled: true });
    expect(on.data).toMatchObject({ enabled: true, proposals: [] });

    const cadenceS = s.optimizer.getSettings().cadenceS;
    const startS = s.sessions.get(replay).engine.tS;
    const boundaryS = (Math.floor(startS / cadenceS) + 1) * cadenceS;
    // Just short of the boundary: no round yet.
    const short = Math.floor((boundaryS - startS) / stepS) - 1;
    await step(replay, short);
    await step(twin, short);
    await s.sessions.get(replay).optimizer!.idle();
    expect((await call('GET', `/api/sessions/${replay}/optimizer`, 'viewer')).data.proposals).toEqual([]);
    // Past it (and less than a cadence further): exactly one round, at the first tick on or after the boundary.
    await step(replay, 3);
    await step(twin, 3);
    await s.sessions.get(replay).optimizer!.idle();
    const view = (await call('GET', `/api/sessions/${replay}/optimizer`, 'viewer')).data as SessionOptimizerView;
    expect(view.proposals.length).toBeGreaterThanOrEqual(1);
    const rounds = new Set(view.proposals.map((p) => p.atS));
    expect([...rounds]).toHaveLength(1);
    const [atS] = rounds;
    expect(atS! - boundaryS).toBeGreaterThanOrEqual(0);
    expect(atS! - boundaryS).toBeLessThan(stepS);
    for (const p of view.proposals) {
      expect(p.session).toBe(replay);
      expect(p.at).toBe(s.sessions.get(replay).engine.isoAt(atS!));
      if (p.recommendation) {
        expect(p.recommendation.id).toMatch(/^SIM-/);
        expect(['proposed', 'dropped']).toContain(p.recommendation.status);
        if (p.recommendation.status === 'dropped') expect(p.recommendation.dropReasons.length).toBeGreaterThan(0);
      } else expect(p.note).toMatch(/\w/);
    }
    const published = publish.mock.calls.filter(([channel, , data]) => channel === 'state' && (data as { kind: string }).kind === 'session_proposal');
    expect(published.map(([, t, data]) => [t, (data as { atS: number }).atS])).toEqual(view.proposals.map((p) => [p.at, p.atS]));

    // The replay's setpoints are the recording's (the other replay, without the optimizer, at the same time); the live plant is untouched.
    expect(s.sessions.get(replay).engine.tS).toBe(s.sessions.get(twin).engine.tS);
    expect(await targets(`/api/sessions/${replay}/setpoints`)).toEqual(await targets(`/api/sessions/${twin}/setpoints`));
    expect(Object.fromEntries(s.engine.setpoints().map((x) => [x.id, x.target]))).toEqual(liveBefore);
    expect(s.optimizer.list()).toHaveLength(bookBefore);
    expect((await s.audit()).slice(commandsBefore).filter((e) => e.actor === 'optimizer' || e.origin === 'optimizer')).toEqual([]);
    publish.mockRestore();
  }, 120_000);

  it('stops planning when switched off, keeping the list', async () => {
    const kept = (await call('PUT', `/api/sessions/${replay}/optimizer`, 'trainer', { enabled: false })).data as SessionOptimizerView;
    expect(kept.enabled).toBe(false);
    await step(replay, Math.ceil(s.optimizer.getSettings().cadenceS / stepS) + 1);
    await s.sessions.get(replay).optimizer!.idle();
    expect(((await call('GET', `/api/sessions/${replay}/optimizer`, 'viewer')).data as SessionOptimizerView).proposals).toEqual(kept.proposals);
  }, 60_000);

  it('forgets the rounds after a backwards seek, as the timeline does', async () => {
    const before = ((await call('GET', `/api/sessions/${replay}/optimizer`, 'viewer')).data as SessionOptimizerView).proposals;
    expect(before.length).toBeGreaterThan(0);
    const seek = await call('POST', `/api/sessions/${replay}/control`, 'trainer', { action: 'seek', t: before[0]!.atS - stepS });
    expect(seek.status, seek.body).toBe(200);
    expect(((await call('GET', `/api/sessions/${replay}/optimizer`, 'viewer')).data as SessionOptimizerView).proposals).toEqual([]);
  });
});

describe('who changed the safety policy', () => {
  let s: Server;
  beforeAll(async () => {
    s = await fullApiServer();
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('is nobody for the default policy, and the admin after a change, with the new version', async () => {
    const get = async () => (await s.app.inject({ method: 'GET', url: '/api/rl-agent/safety-policy/changed', headers: as('viewer') })).json().data;
    expect(await get()).toEqual({ version: 1, changedBy: null, changedAt: null });
    const policy = (await s.app.inject({ method: 'GET', url: '/api/rl-agent/safety-policy', headers: as('viewer') })).json().data;
    const put = await s.app.inject({ method: 'PUT', url: '/api/rl-agent/safety-policy', headers: as('admin'), payload: { ...policy, setpoints: { ...policy.setpoints, furnace_temp: { ...policy.setpoints.furnace_temp, max: 1650 } } } });
    expect(put.statusCode, put.body).toBe(200);
    const changed = await get();
    expect(changed).toMatchObject({ version: 2, changedBy: expect.stringMatching(/admin/) });
    expect(Number.isNaN(Date.parse(changed.changedAt))).toBe(false);
  });
});
