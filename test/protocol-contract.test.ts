/**
 * Every GET route's real answer matches its wire schema in protocol/, so the viewer (which reads
 * only protocol/) cannot drift from the server. The servers here run with `strictResponses`: a
 * property the route's response schema (the same protocol/ schema) does not declare fails the
 * request, so the OpenAPI document describes every field the API sends.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { AlertList } from '../protocol/alerts.ts';
import { AlertSettings } from '../protocol/alert-settings.ts';
import { Envelope } from '../protocol/envelope.ts';
import { Health, Me } from '../protocol/health.ts';
import { HistoryResponse } from '../protocol/history.ts';
import { KpiSnapshot } from '../protocol/kpis.ts';
import { ModelsView, StoredModelVersionList, TrainingJobView } from '../protocol/models.ts';
import { LatestSnapshot, MaintenanceCommandResult, SetpointCommandResult, SetpointList, Topology } from '../protocol/plant.ts';
import { AuditPageWire } from '../protocol/audit.ts';
import { PlantEventList } from '../protocol/plant-events.ts';
import { PredictionList, StoredPredictionList } from '../protocol/predictions.ts';
import { RecordingList, RecordingSummary, ScenarioDetail, ScenarioList, SessionDeleted, SessionList, SessionView, Timeline } from '../protocol/sessions.ts';
import { ShadowState } from '../protocol/shadow.ts';
import { sessionRoutes } from '../twin-api/routes/sessions.ts';
import { SessionManager } from '../twin-api/sessions/session-manager.ts';
import { PgliteStore } from '../twin-api/store/pglite-store.ts';
import { KEYS, testServer } from '../twin-api/test-app.test-helper.ts';
import { fullApiServer } from './api-app.test-helper.ts';

/** The first few schema errors, so a failure names the field that drifted. */
function mismatches(schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, value)].slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

describe('REST responses match their protocol schemas', async () => {
  const s = await fullApiServer();
  afterAll(() => s.close());
  const get = async (url: string, key = KEYS.engineer) => {
    const r = await s.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
    expect(r.statusCode, url).toBe(200);
    return r.json() as unknown;
  };
  const from = s.twin.engine.isoAt(0);
  const to = s.twin.engine.isoAt();
  s.twin.engine.step(1); // the first sample tick: every asset gets its predictions
  s.openAlert();
  // A defect as the history feed stores it (twin-api/live/history-feed.ts): seq, type, asset and time as columns, the rest as payload.
  await s.store.insertEvents([{ seq: 1, tMs: Date.parse(to), type: 'defect', asset: 'Line_A', payload: { tick: 120, unitId: 3, defect: 'bubble', x: 0.4, y: 0.6, severity: 0.5 } }]);

  const routes: [string, TSchema][] = [
    ['/api/health', Health],
    ['/api/me', Me],
    ['/api/plant/topology', Topology],
    ['/api/plant/latest', LatestSnapshot],
    ['/api/plant/setpoints', SetpointList],
    [`/api/plant/history?sensors=Line_A.furnace.zone1_temp&from=${from}&to=${to}`, HistoryResponse],
    ['/api/plant/events', PlantEventList],
    ['/api/alerts', AlertList],
    ['/api/kpis', KpiSnapshot],
    ['/api/settings/alerts', AlertSettings],
    ['/api/digital-twin/shadow-state', ShadowState],
    ['/api/predictions', PredictionList],
    ['/api/predictions/history', StoredPredictionList],
    ['/api/models', ModelsView],
    ['/api/models/versions', StoredModelVersionList],
  ];
  it.each(routes)('GET %s', async (url, schema) => {
    const body = await get(url);
    expect(mismatches(Envelope(schema), body)).toEqual([]);
  });

  it('the lists checked are not empty, so their items were checked too', async () => {
    for (const url of ['/api/plant/events', '/api/alerts', '/api/predictions', '/api/models/versions']) {
      expect(((await get(url)) as { data: unknown[] }).data.length, url).toBeGreaterThan(0);
    }
  });

  it('plant commands answer the setpoint and the command as executed', async () => {
    const headers = { 'x-api-key': KEYS.operator };
    const put = await s.app.inject({ method: 'PUT', url: '/api/plant/setpoints/Line_A.belt_speed', headers, payload: { value: 145, reason: 'contract' } });
    expect(mismatches(Envelope(SetpointCommandResult), put.json())).toEqual([]);
    const maint = await s.app.inject({ method: 'POST', url: '/api/plant/maintenance/pump_003', headers, payload: {} });
    expect(mismatches(Envelope(MaintenanceCommandResult), maint.json())).toEqual([]);
    const audit = await s.app.inject({ method: 'GET', url: '/api/audit?limit=5', headers: { 'x-api-key': KEYS.admin } });
    expect(mismatches(Envelope(AuditPageWire), audit.json())).toEqual([]);
  });

  it('GET /api/models/jobs/:id answers a TrainingJobView', async () => {
    const job = ((await s.app.inject({ method: 'POST', url: '/api/models/retrain', headers: { 'x-api-key': KEYS.engineer }, payload: {} })).json() as { data: { id: string } }).data;
    expect(mismatches(Envelope(TrainingJobView), await get(`/api/models/jobs/${job.id}`))).toEqual([]);
  });
});

describe('session REST responses match their protocol schemas', async () => {
  const store = await PgliteStore.open('memory://');
  const sessions = new SessionManager({ loadScenario: loadLibraryScenario, createEngine, store });
  const { app } = await testServer(() => [sessionRoutes(sessions, store)]);
  const headers = { 'x-api-key': KEYS.trainer };
  afterAll(async () => {
    sessions.closeAll();
    await store.close();
  });
  const get = async (url: string) => (await app.inject({ method: 'GET', url, headers })).json() as unknown;
  const post = async (url: string, payload: object) => (await app.inject({ method: 'POST', url, headers, payload })).json() as { data: { id: string | number } };

  it('scenarios, sessions, a timeline, latest values and recordings', async () => {
    const created = await post('/api/sessions', { scenario: 'furnace-overheat-crack-storm' });
    expect(mismatches(Envelope(SessionView), created)).toEqual([]);
    const id = created.data.id as string;
    await post(`/api/sessions/${id}/control`, { action: 'seek', t: '3h' });
    const saved = await post(`/api/sessions/${id}/recording`, { name: 'contract' });
    expect(mismatches(Envelope(RecordingSummary), saved)).toEqual([]);
    const timeline = (await get(`/api/sessions/${id}/timeline`)) as { data: unknown[] };
    expect(timeline.data.length).toBeGreaterThan(0);
    const checks: [string, TSchema][] = [
      ['/api/scenarios', ScenarioList],
      ['/api/sessions', SessionList],
      [`/api/sessions/${id}`, SessionView],
      [`/api/sessions/${id}/timeline`, Timeline],
      [`/api/sessions/${id}/latest`, LatestSnapshot],
      ['/api/recordings', RecordingList],
      ['/api/scenarios/furnace-overheat-crack-storm', ScenarioDetail],
    ];
    for (const [url, schema] of checks) expect(mismatches(Envelope(schema), await get(url)), url).toEqual([]);
    const deleted = await app.inject({ method: 'DELETE', url: `/api/sessions/${id}`, headers });
    expect(mismatches(Envelope(SessionDeleted), deleted.json())).toEqual([]);
  });
});
