// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ChannelMessage } from '../../../protocol/ws.ts';
import type { AlertView } from '../../../protocol/alerts.ts';
import { applying, decided, rec } from './recommendation-fixture.test-helper.ts';
import { mergeRecommendations } from './recommendations.ts';
import { createTwinStore, receive } from './twin-store.ts';

// Payloads are built loosely here (a few fields each); the store must cope with what it is given.
const msg = (seq: number, channel: ChannelMessage['channel'], data: unknown, t = '2024-03-14T00:01:00.000Z'): ChannelMessage => ({ seq, channel, t, data }) as ChannelMessage;
const alert = (id: string, state: AlertView['state'] = 'active'): AlertView =>
  ({ id, state, severity: 'CRITICAL', asset: 'pump_001', openedAt: '2024-03-14T00:00:00.000Z', acknowledgedBy: null, acknowledgedAt: null }) as unknown as AlertView;

describe('twin store: channel messages', () => {
  it('merges sensor samples into the readings and advances simulated time and lastSeq', () => {
    const store = createTwinStore();
    receive(store, msg(5, 'sensors', { tick: 60, samples: [{ id: 'a', v: 1, s: 0 }, { id: 'b', v: null, s: 2 }] }));
    receive(store, msg(7, 'sensors', { tick: 61, samples: [{ id: 'a', v: 2, s: 1 }] }, '2024-03-14T00:01:01.000Z'));
    const s = store.getState();
    expect(s.readings).toEqual({ a: { v: 2, s: 1 }, b: { v: null, s: 2 } });
    expect(s.simTime).toBe('2024-03-14T00:01:01.000Z');
    expect(s.connection.lastSeq).toBe(7);
  });

  it('ignores a message at or below the last applied seq (a resume replays from lastSeq)', () => {
    const store = createTwinStore();
    receive(store, msg(10, 'sensors', { tick: 1, samples: [{ id: 'a', v: 1, s: 0 }] }));
    receive(store, msg(10, 'sensors', { tick: 1, samples: [{ id: 'a', v: 99, s: 3 }] }));
    receive(store, msg(9, 'sensors', { tick: 0, samples: [{ id: 'a', v: 98, s: 3 }] }));
    expect(store.getState().readings['a']).toEqual({ v: 1, s: 0 });
  });

  it('replaces an alert by id on each change, so an acknowledged alert leaves the active state', () => {
    const store = createTwinStore();
    receive(store, msg(1, 'alerts', { kind: 'opened', alert: alert('A1') }));
    receive(store, msg(2, 'alerts', { kind: 'acknowledged', alert: alert('A1', 'acknowledged') }));
    expect(Object.keys(store.getState().alerts)).toEqual(['A1']);
    expect(store.getState().alerts['A1']!.state).toBe('acknowledged');
  });

  it('takes KPI snapshots from the quality channel and session positions from the state channel', () => {
    const store = createTwinStore();
    receive(store, msg(1, 'quality', { at: 'x', plant: {} }));
    receive(store, msg(2, 'state', { kind: 'session', id: 'S1', tS: 30, t: '2024-03-14T00:00:30.000Z' }));
    receive(store, msg(3, 'state', { kind: 'engine', note: 'not a session' }));
    expect(store.getState().kpis).toEqual({ at: 'x', plant: {} });
    expect(store.getState().sessions['S1']).toMatchObject({ id: 'S1', tS: 30 });
    expect(store.getState().sessions['S1']).not.toHaveProperty('kind');
  });

  it('keeps the latest prediction per asset, one or many per message, and ignores payloads without an asset', () => {
    const store = createTwinStore();
    const pump = { asset: 'pump_001', kind: 'pump', tS: 0, status: { rul: 'ready', failure: 'ready' }, rul: { kind: 'estimate', hours: 2, unit: 'h', capH: 20, explanation: [] }, failureProbability: { value: 0.3, explanation: [{ feature: 'vibration', contribution: 0.5 }] } };
    receive(store, msg(1, 'predictions', [pump, { nothing: true }]));
    const p = store.getState().predictions['pump_001']!;
    expect(p.rul).toEqual({ kind: 'estimate', hours: 2, capH: 20 });
    expect(p.failureProbability).toBe(0.3);
    expect(p.topInputs).toEqual([{ name: 'vibration', weight: 0.5 }]);
    expect(Object.keys(store.getState().predictions)).toEqual(['pump_001']);
  });
});

describe('twin store: plant events on the events channel', () => {
  it('adds a defect to the recent defects the scene marks, as the wire carries it, and ignores other events there', () => {
    const store = createTwinStore();
    const defect = { seq: 9, t: '2024-03-14T00:01:00.000Z', tS: 60, asset: 'Line_A', type: 'defect', unitId: 4, defect: 'crack', xFrac: 0.2, yFrac: 0.7, severity: 0.6 };
    receive(store, msg(1, 'events', defect));
    receive(store, msg(2, 'events', { seq: 10, t: '2024-03-14T00:01:00.000Z', tS: 60, asset: 'pump_001', type: 'failure', mode: 'bearing' }));
    receive(store, msg(3, 'events', defect)); // the same defect again (e.g. backfilled): kept once
    expect(store.getState().recentDefects).toEqual([defect]);
    expect(store.getState().connection.lastSeq).toBe(3);
  });
});

describe('twin store: recommendations', () => {
  it('starts from the book loaded over REST, then each channel message replaces its recommendation by id', () => {
    const loaded = [rec({ id: 'r1' }), rec({ id: 'r2', createdAtS: 32_000, status: 'rejected' })];
    const store = createTwinStore({ recommendations: mergeRecommendations([], loaded) });
    receive(store, msg(1, 'recommendations', applying({ id: 'r1' })));
    receive(store, msg(2, 'recommendations', rec({ id: 'r3', createdAtS: 33_000 })));
    expect(store.getState().recommendations.map((r) => `${r.id}:${r.status}`)).toEqual(['r3:proposed', 'r1:applying', 'r2:rejected']);
  });

  it('keeps the newer copy when an older one arrives late (the POST answer came first)', () => {
    const store = createTwinStore({ recommendations: [applying()] });
    receive(store, msg(1, 'recommendations', decided(rec(), 'approved', 'olga', null)));
    expect(store.getState().recommendations.map((r) => r.status)).toEqual(['applying']);
    expect(store.getState().connection.lastSeq).toBe(1);
  });
});

describe('twin store: training jobs on the state channel', () => {
  it('keeps the running job with its progress and marks the models as training, without a refetch', () => {
    const store = createTwinStore({ modelStatus: 'none' });
    const refetch = receive(store, msg(1, 'state', { kind: 'training', id: 'job-1', state: 'running', progress: { done: 1, total: 4, message: 'pump/rul', etaS: 90 } }));
    expect(refetch).toBe(false);
    expect(store.getState().trainingJob).toEqual({ id: 'job-1', state: 'running', progress: { done: 1, total: 4, message: 'pump/rul', etaS: 90 } });
    expect(store.getState().modelStatus).toBe('training');
  });

  it('asks for a refetch when the job ends: the models in service (and their accuracy) changed', () => {
    const store = createTwinStore();
    expect(receive(store, msg(2, 'state', { kind: 'training', id: 'job-1', state: 'done', progress: null }))).toBe(true);
    expect(store.getState().trainingJob?.state).toBe('done');
  });
});

describe('twin store: control messages', () => {
  it('is live after welcome and after subscribed, clearing the retry state', () => {
    const store = createTwinStore({ connection: { status: 'reconnecting', attempt: 3, retryAtMs: 5, lastSeq: 0, resyncs: 0, detail: 'lost' } });
    expect(receive(store, { type: 'welcome', protocolVersion: 1, seq: 0, channels: [] })).toBe(false);
    expect(store.getState().connection).toMatchObject({ status: 'live', attempt: 0, retryAtMs: null, detail: null });
  });

  it('on resync asks for a refetch, counts it and continues after the resync seq', () => {
    const store = createTwinStore();
    receive(store, msg(500, 'sensors', { tick: 1, samples: [] }));
    expect(receive(store, { type: 'resync', reason: 'server restarted', seq: 12 })).toBe(true);
    expect(store.getState().connection).toMatchObject({ lastSeq: 12, resyncs: 1, detail: 'server restarted' });
    receive(store, msg(13, 'sensors', { tick: 2, samples: [{ id: 'a', v: 5, s: 0 }] }));
    expect(store.getState().readings['a']!.v).toBe(5);
  });

  it('keeps a server error as the connection detail without changing the status', () => {
    const store = createTwinStore();
    receive(store, { type: 'welcome', protocolVersion: 1, seq: 0, channels: [] });
    receive(store, { type: 'error', code: 'TWIN_ERR_WS_BAD_MESSAGE', message: 'nope' });
    expect(store.getState().connection).toMatchObject({ status: 'live', detail: 'TWIN_ERR_WS_BAD_MESSAGE: nope' });
  });
});
