import { afterAll, describe, expect, it, vi } from 'vitest';
import { AlertEngine } from '../monitor/alerts/alert-engine.ts';
import type { AlertChange } from '../monitor/alerts/alert.ts';
import { KpiTracker } from '../monitor/kpis/kpi-tracker.ts';
import { AlertFeed } from './live/alert-feed.ts';
import { alertRoutes } from './routes/alerts.ts';
import { kpiRoutes } from './routes/kpis.ts';
import { KEYS, testServer } from './test-app.test-helper.ts';
import { WsHub } from './ws/hub.ts';

describe('alert and KPI routes', async () => {
  let feed!: AlertFeed;
  let alerts!: AlertEngine;
  const hub = new WsHub({ pingIntervalMs: 0 });
  const published = vi.spyOn(hub, 'publish');
  const { app, twin } = await testServer((t) => {
    alerts = new AlertEngine({ sensors: t.engine.layout.sensors, startMs: t.engine.startMs });
    const kpis = new KpiTracker({ startMs: t.engine.startMs, lines: ['Line_A', 'Line_B', 'Line_C'], sensorIndex: t.engine.layout.sensorIndex });
    feed = new AlertFeed(t.engine, alerts, kpis, hub, null);
    return [alertRoutes(alerts, null), kpiRoutes(kpis)];
  });
  twin.engine.runFor(600);
  alerts.reportAnomaly('pump_003', 0.9, 0.5, ['pump_003.vibration_rms_mm_s'], twin.engine.isoAt());
  const asOperator = { 'x-api-key': KEYS.operator };
  /** What went out on the `alerts` channel since `from` published messages. */
  const alertMessages = (from = 0) => published.mock.calls.slice(from).filter(([channel]) => channel === 'alerts').map(([, , data]) => data as AlertChange);
  afterAll(async () => {
    await feed.close();
    hub.close();
  });

  it('publishes an alert raised by a model report without the reporter publishing', () => {
    expect(alertMessages().map((c) => [c.kind, c.alert.asset])).toContainEqual(['opened', 'pump_003']);
  });

  it('publishes an acknowledge made through the route on the alerts channel, for the alert\'s asset', async () => {
    alerts.reportAnomaly('pump_004', 0.9, 0.5, [], twin.engine.isoAt());
    const id = alerts.list({ states: ['active'] }).find((a) => a.asset === 'pump_004')!.id;
    const before = published.mock.calls.length;
    expect((await app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, headers: asOperator })).statusCode).toBe(200);
    expect(alertMessages(before).map((c) => [c.kind, c.alert.id, c.alert.state])).toEqual([['acknowledged', id, 'acknowledged']]);
    expect(published.mock.calls.at(-1)![3]).toEqual(['pump_004']);
    // A refused action changes nothing, so nothing is published.
    const after = published.mock.calls.length;
    expect((await app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, headers: asOperator })).statusCode).toBe(409);
    expect(alertMessages(after)).toEqual([]);
  });

  it('answers the alert engine\'s refusals with their coded HTTP errors', async () => {
    const unknown = await app.inject({ method: 'POST', url: '/api/alerts/ALT-nope/dismiss', headers: asOperator, payload: { justification: 'no such alert here at all' } });
    expect([unknown.statusCode, unknown.json().error]).toEqual([404, { code: 'TWIN_ERR_NOT_FOUND', message: 'unknown alert "ALT-nope"' }]);
    const settings = await app.inject({ method: 'PUT', url: '/api/settings/alerts', headers: { 'x-api-key': KEYS.engineer }, payload: { coolDownS: -1 } });
    expect(settings.statusCode).toBe(400);
    expect(settings.json().error).toMatchObject({ code: 'TWIN_ERR_BAD_REQUEST', message: expect.stringMatching(/^coolDownS: /) });
  });

  it('edits the predictive rules through PUT /api/settings/alerts, naming the field of a refused limit', async () => {
    const asEngineer = { 'x-api-key': KEYS.engineer };
    const put = (payload: Record<string, unknown>) => app.inject({ method: 'PUT', url: '/api/settings/alerts', headers: asEngineer, payload });
    const ok = await put({ failureRisk: { raiseAbove: 0.6, leadTimeS: 1200 }, rul: { raiseBelowH: 12 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.failureRisk).toMatchObject({ raiseAbove: 0.6, escalateAbove: 0.9, clearBelow: 0.5, leadTimeS: 1200, severity: 'MEDIUM' });
    expect(ok.json().data.rul).toMatchObject({ raiseBelowH: 12, escalateBelowH: 8, clearAboveH: 30 });
    const bad = await put({ failureRisk: { clearBelow: 0.8 } });
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, 'failureRisk.clearBelow: must be at most raiseAbove (0.7)']);
    expect((await put({})).statusCode).toBe(200);
  });

  it('lists active alerts with filters, and rejects unknown filter values by name', async () => {
    const all = (await app.inject({ method: 'GET', url: '/api/alerts?state=active', headers: { 'x-api-key': KEYS.viewer } })).json();
    expect(all.data.some((a: { asset: string }) => a.asset === 'pump_003')).toBe(true);
    const bad = await app.inject({ method: 'GET', url: '/api/alerts?severity=URGENT', headers: { 'x-api-key': KEYS.viewer } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^severity: "URGENT" is not one of LOW, MEDIUM, HIGH, CRITICAL/);
  });

  it('lets an operator acknowledge and then dismiss with a justification; a viewer may not', async () => {
    const id = alerts.list({ states: ['active'] }).find((a) => a.asset === 'pump_003')!.id;
    expect((await app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, headers: { 'x-api-key': KEYS.viewer } })).statusCode).toBe(403);
    const ack = await app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, headers: asOperator });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().data).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'operator-user' });
    const again = await app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, headers: asOperator });
    expect(again.statusCode).toBe(409);
    const short = await app.inject({ method: 'POST', url: `/api/alerts/${id}/dismiss`, headers: asOperator, payload: { justification: 'ok' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/^justification: must NOT have fewer than 10 characters/);
    const dismissed = await app.inject({ method: 'POST', url: `/api/alerts/${id}/dismiss`, headers: asOperator, payload: { justification: 'vibration probe was being replaced' } });
    expect(dismissed.json().data).toMatchObject({ state: 'dismissed', justification: 'vibration probe was being replaced' });
    const active = (await app.inject({ method: 'GET', url: '/api/alerts?state=active', headers: asOperator })).json().data as { id: string }[];
    expect(active.map((a) => a.id)).not.toContain(id);
    expect((await app.inject({ method: 'POST', url: '/api/alerts/ALT-nope/acknowledge', headers: asOperator })).statusCode).toBe(404);
  });

  it('serves KPIs for the current shift', async () => {
    const k = (await app.inject({ method: 'GET', url: '/api/kpis', headers: { 'x-api-key': KEYS.viewer } })).json().data;
    expect(k.lines).toHaveLength(3);
    expect(k.plant.shift.units).toBeGreaterThan(0);
    expect(k.shift.label).toMatch(/22:00/);
  });
});
