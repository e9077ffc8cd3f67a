/**
 * The knowledge graph's API, through app.inject: the graph to draw, root causes on a real incident's
 * history, interventions with targets, feedback that moves confidences (audited, kept across a
 * restart and a second seeding), engineers' edits, candidate edges, exports, and its refusals.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { defaultSeed, knowledgePlant } from '../knowledge/default-knowledge.ts';
import { BinAccumulator } from '../knowledge/series.ts';
import { subScenario } from '../lookahead/sub-plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { buildApp, type AuditEntry } from '../twin-api/app.ts';
import { KnowledgeQueries } from '../twin-api/knowledge/knowledge-queries.ts';
import { KnowledgeService, removedEdgesIn } from '../twin-api/knowledge/knowledge-service.ts';
import { SqlGraphStore } from '../twin-api/knowledge/sql-graph-store.ts';
import { knowledgeRoutes } from '../twin-api/routes/knowledge.ts';
import { PgliteStore } from '../twin-api/store/pglite-store.ts';
import type { SampleRow } from '../twin-api/store/sample-store.ts';
import type { StoredEventInput } from '../twin-api/store/event-store.ts';
import type { AlertView } from '../monitor/alerts/alert.ts';
import { KEYS, testAuth } from '../twin-api/test-app.test-helper.ts';
import { fullApiServer } from './api-app.test-helper.ts';

const FURNACE = 'variable:Line_A.furnace_temp';
const CRACK_EDGE = `CAUSES:${FURNACE}->defect:crack`;
const as = (role: keyof typeof KEYS) => ({ 'x-api-key': KEYS[role] });

/**
 * The crack storm's history, fed directly: Line_A of `furnace-overheat-crack-storm` simulated to
 * 10:00 (the burner drifts from 06:00), stored as one sample per sensor and minute (the minute's
 * mean), as the 1-minute rollups would hold it.
 */
async function crackStormApi() {
  const scenario = loadLibraryScenario('furnace-overheat-crack-storm');
  const untilS = 10 * 3600;
  const line = createEngine(subScenario(scenario, new Set(['Line_A'])));
  const acc = line.layout.sensors.map(() => new BinAccumulator(0, 60, untilS / 60));
  line.frames$.subscribe((f) => {
    for (let i = 0; i < f.sampledCount; i++) acc[f.sampled[i]!]!.add(f.tS, f.values[f.sampled[i]!]!);
  });
  const defects: StoredEventInput[] = [];
  line.events$.subscribe((e) => e.type === 'defect' && defects.push({ seq: e.seq, tMs: line.startMs + e.tS * 1000, type: e.type, asset: e.asset, payload: e }));
  line.runUntil(untilS);
  const store = await PgliteStore.open('memory://');
  for (let i = 0; i < defects.length; i += 5000) await store.insertEvents(defects.slice(i, i + 5000));
  const rows: SampleRow[] = [];
  line.layout.sensors.forEach((s, k) => {
    const b = acc[k]!.toBins();
    b.values.forEach((v, i) => Number.isFinite(v) && rows.push({ tMs: line.startMs + (i * 60 + 30) * 1000, sensorId: s.id, value: v, status: 0 }));
  });
  for (let i = 0; i < rows.length; i += 5000) await store.insertSamples(rows.slice(i, i + 5000));

  const plant = createEngine(scenario);
  const seed = defaultSeed(knowledgePlant(scenario, plant.layout.sensors));
  const open = async () => KnowledgeService.open({ store: await SqlGraphStore.open(store.db), seed, kind: 'embedded', removed: removedEdgesIn(store) });
  let knowledge = await open();
  const audit: AuditEntry[] = [];
  const alerts = new Map<string, AlertView>();
  const queries = () =>
    new KnowledgeQueries({
      knowledge,
      history: store,
      startMs: line.startMs,
      nowS: () => untilS,
      lines: scenario.lines.map((l) => l.id),
      machines: scenario.machines.map((m) => m.id),
      setpoints: () => line.setpoints(),
      alert: (id) => alerts.get(id),
      instrumentFlags: () => new Set(),
      source: 'twin',
    });
  const appOf = () => buildApp({ auth: testAuth(), strictResponses: true, audit: (e) => void audit.push(e), routes: [knowledgeRoutes({ knowledge, queries: queries(), now: () => line.isoAt(untilS) })] });
  let app = await appOf();
  return {
    store,
    audit,
    alerts,
    at: line.isoAt(untilS),
    get app() {
      return app;
    },
    get knowledge() {
      return knowledge;
    },
    /** Closes the graph store and opens it again from the database, seeding again as a start does. */
    restart: async () => {
      await app.close();
      await knowledge.close();
      knowledge = await open();
      app = await appOf();
    },
    close: async () => {
      await app.close();
      await knowledge.close();
      await store.close();
    },
  };
}

describe('root cause on the crack storm of Line_A', async () => {
  const s = await crackStormApi();
  afterAll(() => s.close());
  const ask = async (qs: string, role: keyof typeof KEYS = 'viewer') => s.app.inject({ method: 'GET', url: `/api/knowledge-graph/root-cause?${qs}`, headers: as(role) });

  it('names Line_A furnace temperature as the top cause, with its evidence, interventions and a diagnosis', async () => {
    const r = await ask(`defect_type=crack&line=Line_A&timestamp=${s.at}`);
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json().data;
    expect(a.causes.length).toBeGreaterThan(0);
    expect(a.causes.length).toBeLessThanOrEqual(3);
    const top = a.causes[0];
    expect(top).toMatchObject({ root_cause_id: FURNACE, kind: 'process', parameter_name: 'furnace_temp' });
    expect(top.deviation_magnitude).toBeGreaterThan(3);
    expect(top.confidence).toBeGreaterThan(0.5);
    expect(top.evidence.path).toContain(CRACK_EDGE);
    expect(Date.parse(top.evidence.onset_time)).toBeGreaterThan(Date.parse('2024-03-14T06:00:00Z'));
    expect(top.evidence.samples).toBeGreaterThan(100);
    const lower = top.interventions.find((iv: { id: string }) => iv.id === 'intervention:Line_A.lower_furnace_temp');
    expect(lower).toMatchObject({ setpoint: 'Line_A.furnace_temp', delta_min: -30, delta_max: -20, expected_effect: -0.4, time_to_effect_min_s: 1200 });
    expect(lower.target_value).toBeCloseTo(lower.current_value - 25, 6);
    expect(lower.what_if).toEqual({ changes: [{ setpoint: 'Line_A.furnace_temp', value: lower.target_value }], horizon: '4h' });
    expect(a.diagnosis).toMatch(/^crack on Line_A at 10:00Z: most likely Line_A melt temperature \(\d+ %\), \+[\d.]+ σ from \d\d:\d\dZ over 1 edge \(\d+ samples\).*Recommended: lower the furnace temperature by 20-30 °C \(Line_A\.furnace_temp 1500 → 1475 °C\)/);
  });

  const alertOn = (id: string, sensor: string, rule: AlertView['rule'] = 'threshold'): string => {
    s.alerts.set(id, {
      id, rule, severity: 'HIGH', state: 'active', asset: 'Line_A', sensor, parameter: sensor.split('.').at(-1)!, openedAt: s.at, lastAt: s.at, clearedAt: null, value: 1, threshold: 0, unit: '',
      direction: 'above', message: 'test', recommendedAction: 'test', reopenCount: 0, contributors: [], acknowledgedBy: null, acknowledgedAt: null, dismissedBy: null, dismissedAt: null, justification: null,
    } as AlertView);
    return id;
  };

  it('analyses an alert on a furnace sensor as that sensor’s symptom, with its direction', async () => {
    const a = (await ask(`alert_id=${alertOn('ALT-t1', 'Line_A.furnace.zone3_temp')}`)).json().data;
    expect(a.symptom).toMatchObject({ kind: 'sensor', sensor: 'Line_A.furnace.zone3_temp', direction: 'above', alert_id: 'ALT-t1' });
    expect(a.causes[0].kind).toBe('process');
    expect(a.causes.map((c: { root_cause_id: string }) => c.root_cause_id)).toContain(FURNACE);
  });

  it('analyses an alert on an inspection sensor as the line’s most frequent defect', async () => {
    const a = (await ask(`alert_id=${alertOn('ALT-t2', 'Line_A.inspection.unit_defects')}`)).json().data;
    expect(a.symptom).toMatchObject({ kind: 'defect', defect_type: 'crack', asset: 'Line_A', alert_id: 'ALT-t2' });
    expect(a.causes[0].root_cause_id).toBe(FURNACE);
  });

  it('answers alert_id with defect_type given as well with a 400 naming alert_id', async () => {
    const r = await ask('alert_id=ALT-t1&defect_type=crack&line=Line_A');
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/^alert_id: give either/);
  });

  it('keeps only causes above min_confidence', async () => {
    const a = (await ask(`defect_type=crack&line=Line_A&timestamp=${s.at}&min_confidence=0.5`)).json().data;
    expect(a.causes.map((c: { root_cause_id: string }) => c.root_cause_id)).toEqual([FURNACE]);
  });

  it('feedback moves the confidence, is audited, and survives a restart and a second seeding', async () => {
    const before = (await s.app.inject({ method: 'GET', url: `/api/knowledge-graph/edges?node=${encodeURIComponent(FURNACE)}&kind=CAUSES`, headers: as('viewer') })).json().data.find((e: { id: string }) => e.id === CRACK_EDGE);
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/knowledge-graph/feedback',
      headers: as('operator'),
      payload: { incident_id: 'burst-2024-03-14-10', symptom: 'defect:crack', cause: FURNACE, verdict: 'confirmed', path: [CRACK_EDGE], deviations: [{ variable: FURNACE, sigma: 6.1, onset: '2024-03-14T07:30:00Z' }] },
    });
    expect(r.statusCode, r.body).toBe(200);
    const updated = r.json().data.updated.find((e: { id: string }) => e.id === CRACK_EDGE);
    expect(updated.confidence).toBeGreaterThan(before.confidence);
    expect(updated.props.alpha).toBe(before.props.alpha + 1);
    expect(s.audit.at(-1)).toMatchObject({ actor: 'operator-user', role: 'operator', action: 'POST /api/knowledge-graph/feedback', detail: { body: { verdict: 'confirmed', cause: FURNACE } } });
    expect(s.knowledge.graph().snapshot.edges.find((e) => e.id === CRACK_EDGE)!.props['alpha']).toBe(before.props.alpha + 1);

    await s.restart();
    const after = s.knowledge.graph().snapshot.edges.find((e) => e.id === CRACK_EDGE)!;
    expect(after.props['alpha']).toBe(before.props.alpha + 1);
    expect(s.knowledge.graph().node('incident:burst-2024-03-14-10') ?? s.knowledge.graph().snapshot.nodes.find((n) => n.kind === 'Incident')).toBeTruthy();
  });

  it('an engineer sets confidences and removes an edge, which stays removed after a restart', async () => {
    const url = `/api/knowledge-graph/edges/${encodeURIComponent(CRACK_EDGE)}`;
    const put = await s.app.inject({ method: 'PUT', url, headers: as('engineer'), payload: { alpha: 9, beta: 1 } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().data.confidence).toBeCloseTo(0.9, 6);
    expect((await s.app.inject({ method: 'PUT', url, headers: as('operator'), payload: { alpha: 9, beta: 1 } })).statusCode).toBe(403);
    const noImpact = s.knowledge.graph().snapshot.edges.find((e) => e.kind === 'NO_IMPACT' && e.from.startsWith('variable:Line_A.'))!;
    const del = await s.app.inject({ method: 'DELETE', url: `/api/knowledge-graph/edges/${encodeURIComponent(noImpact.id)}`, headers: as('engineer') });
    expect(del.statusCode, del.body).toBe(200);
    expect((await s.app.inject({ method: 'DELETE', url: `/api/knowledge-graph/edges/${encodeURIComponent(noImpact.id)}`, headers: as('engineer') })).statusCode).toBe(404);
    await s.restart();
    expect(s.knowledge.graph().snapshot.edges.find((e) => e.id === noImpact.id)).toBeUndefined();
    expect(s.knowledge.graph().snapshot.edges.find((e) => e.id === CRACK_EDGE)!.props).toMatchObject({ alpha: 9, beta: 1 });
  });

  it('proposes candidate edges from the window for review and adds one only when accepted', async () => {
    const r = await s.app.inject({ method: 'GET', url: `/api/knowledge-graph/candidate-edges?line=Line_A&from=2024-03-14T04:00:00Z&to=${s.at}`, headers: as('engineer') });
    expect(r.statusCode, r.body).toBe(200);
    const edgesBefore = s.knowledge.graph().snapshot.edges.length;
    for (const c of r.json().data.candidates) expect(s.knowledge.graph().edgesFrom(c.from).some((e) => e.to === c.to)).toBe(false);
    expect(s.knowledge.graph().snapshot.edges.length).toBe(edgesBefore);
    const body = { from: 'variable:Line_A.lehr_temp', to: 'variable:Line_A.wall_thickness', sign: 1, lagMinS: 60, lagMaxS: 600, mechanism: 'seen in the data, reviewed' };
    const acc = await s.app.inject({ method: 'POST', url: '/api/knowledge-graph/candidate-edges/accept', headers: as('engineer'), payload: body });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().data).toMatchObject({ kind: 'CAUSES', from: body.from, to: body.to, confidence: 0.5, props: { source: 'engineer', acceptedBy: 'engineer-user' } });
    expect((await s.app.inject({ method: 'POST', url: '/api/knowledge-graph/candidate-edges/accept', headers: as('engineer'), payload: body })).statusCode).toBe(409);
    expect((await s.app.inject({ method: 'GET', url: '/api/knowledge-graph/candidate-edges?line=Line_A', headers: as('operator') })).statusCode).toBe(403);
  });
});

describe('the knowledge graph on the whole API', async () => {
  const s = await fullApiServer();
  afterAll(() => s.close());
  const get = (url: string, role: keyof typeof KEYS = 'viewer') => s.app.inject({ method: 'GET', url, headers: as(role) });

  it('draws the subgraph of crack, with Line_A furnace temperature in it', async () => {
    const r = await get('/api/knowledge-graph/subgraph?defect_type=crack&max_depth=2');
    expect(r.statusCode, r.body).toBe(200);
    const { nodes, edges } = r.json().data;
    expect(nodes.map((n: { id: string }) => n.id)).toContain(FURNACE);
    expect(edges.find((e: { id: string }) => e.id === CRACK_EDGE)).toMatchObject({ kind: 'CAUSES', confidence: expect.any(Number) });
    expect((await get(`/api/knowledge-graph/subgraph?node=${encodeURIComponent(FURNACE)}&max_depth=1`)).json().data.nodes.length).toBeGreaterThan(1);
  });

  it('gives interventions with concrete targets from the parameters given', async () => {
    const r = await get(`/api/knowledge-graph/intervention?defect_type=crack&line=Line_A&current_parameters=${encodeURIComponent('{"furnace_temp":1620}')}`);
    expect(r.statusCode, r.body).toBe(200);
    const lower = r.json().data.interventions.find((iv: { id: string }) => iv.id === 'intervention:Line_A.lower_furnace_temp');
    expect(lower).toMatchObject({ current_value: 1620, target_min: 1590, target_max: 1600, target_value: 1595, what_if: { changes: [{ setpoint: 'Line_A.furnace_temp', value: 1595 }] } });
  });

  it('answers a machine alert with the failure modes’ likelihoods', async () => {
    const r = await get(`/api/knowledge-graph/root-cause?alert_id=${s.openAlert('pump_003')}`);
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json().data;
    expect(a.symptom).toMatchObject({ kind: 'machine', asset: 'pump_003' });
    expect(a.failure_modes.length).toBeGreaterThan(0);
    expect(a.failure_modes[0].failure_mode_id).toMatch(/^failure:pump_003\./);
    expect(a.causes).toEqual([]);
  });

  it('names the bad parameter in a 400, and answers 404 to an unknown alert or node', async () => {
    const cases: [string, RegExp][] = [
      ['/api/knowledge-graph/subgraph?defect_type=scratch', /^defect_type: unknown "scratch"; known: bubble, chip, cloudiness, crack, /],
      ['/api/knowledge-graph/root-cause?defect_type=scratch&line=Line_A', /^defect_type: unknown "scratch"/],
      ['/api/knowledge-graph/root-cause?defect_type=crack&line=Line_Z', /^line: unknown "Line_Z"; known: Line_A, Line_B, Line_C/],
      ['/api/knowledge-graph/root-cause?defect_type=crack', /^line: is required/],
      ['/api/knowledge-graph/root-cause?defect_type=crack&line=Line_A&timestamp=2999-01-01T00:00:00Z', /^timestamp: .* after the twin's present/],
      ['/api/knowledge-graph/root-cause?defect_type=crack&line=Line_A&min_confidence=2', /^querystring\.min_confidence|min_confidence/],
      ['/api/knowledge-graph/subgraph?defect_type=crack&max_depth=99', /max_depth/],
      ['/api/knowledge-graph/intervention?defect_type=crack&line=Line_A&current_parameters=%7Bnope', /^current_parameters: is not JSON/],
      ['/api/knowledge-graph/intervention?defect_type=crack&line=Line_A&current_parameters=%7B%22warp%22%3A1%7D', /^current_parameters: unknown setpoint "warp"/],
      ['/api/knowledge-graph/edges?kind=LIKES', /kind/],
    ];
    for (const [url, message] of cases) {
      const r = await get(url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(400);
      expect(r.json().error.message, url).toMatch(message);
    }
    const alert = await get('/api/knowledge-graph/root-cause?alert_id=ALT-nope');
    expect(alert.statusCode).toBe(404);
    expect(alert.json().error.message).toMatch(/^alert_id: no alert "ALT-nope"/);
    expect((await get('/api/knowledge-graph/subgraph?node=variable:nowhere')).statusCode).toBe(404);
  });

  it('refuses feedback from viewers and trainers, edits from operators, exports from viewers (403)', async () => {
    const feedback = { incident_id: 'x', symptom: 'defect:crack', cause: FURNACE, verdict: 'rejected', path: [CRACK_EDGE] };
    for (const role of ['viewer', 'trainer'] as const) expect((await s.app.inject({ method: 'POST', url: '/api/knowledge-graph/feedback', headers: as(role), payload: feedback })).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'DELETE', url: `/api/knowledge-graph/edges/${encodeURIComponent(CRACK_EDGE)}`, headers: as('operator') })).statusCode).toBe(403);
    expect((await get('/api/knowledge-graph/export?format=cypher')).statusCode).toBe(403);
  });

  it('exports the graph with the format’s content type', async () => {
    for (const [format, type] of [['json', 'application/json'], ['graphml', 'application/graphml+xml'], ['cypher', 'application/x-cypher-query']] as const) {
      const r = await get(`/api/knowledge-graph/export?format=${format}`, 'engineer');
      expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
      expect(r.headers['content-type']).toMatch(type);
      expect(r.body).toContain('Line_A.furnace_temp');
    }
    expect(JSON.parse((await get('/api/knowledge-graph/export', 'engineer')).body).nodes.length).toBeGreaterThan(50);
  });

  it('has the alert engine recommend what the graph now says', () => {
    const sensor = s.twin.engine.layout.sensors.find((x) => x.id.startsWith('Line_A.') && s.knowledge.graph().measured(x.id)?.variable.id === FURNACE)!;
    expect(s.knowledge.advice().forSensor(sensor, 'above')).toMatch(/lower the furnace temperature/);
  });
});
