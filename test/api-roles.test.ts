/**
 * The role matrix of the REST API: which roles may call which endpoint. Reads need viewer; setpoint
 * changes operator or engineer; acknowledging and dismissing alerts operator; alert settings
 * engineer; what-if engineer; the optimizer's decisions operator, its settings and planning engineer,
 * its safety policy admin, its toggle in a training session trainer or engineer. A role that may not gets 403, a caller without (valid) credentials 401,
 * with API keys and with Bearer JWTs alike.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ROLES, allows, type Role } from '../twin-api/auth.ts';
import { KEYS } from '../twin-api/test-app.test-helper.ts';
import { fullApiServer } from './api-app.test-helper.ts';

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
interface Endpoint {
  readonly method: Method;
  readonly path: string;
  readonly need: Role | readonly Role[];
  /** A valid request: url and body, made fresh per call (an alert can be acknowledged once). */
  readonly request: () => { url: string; payload?: unknown };
  /** Waits until the request can succeed (a retrain needs the previous job finished). */
  readonly ready?: () => Promise<void>;
}

describe('the role matrix of the REST API', async () => {
  const s = await fullApiServer();
  afterAll(() => s.close());
  const t = s.twin.engine.isoAt();
  const dayAgo = new Date(Date.parse(t) - 86_400_000).toISOString();
  const machines = s.twin.engine.scenario.machines.map((m) => m.id);
  let nextMachine = 0;
  const freshAlert = () => s.openAlert(machines[nextMachine++ % machines.length]!);
  const settings = (await s.app.inject({ method: 'GET', url: '/api/settings/alerts', headers: { 'x-api-key': KEYS.viewer } })).json().data;
  const rlSettings = (await s.app.inject({ method: 'GET', url: '/api/rl-agent/settings', headers: { 'x-api-key': KEYS.viewer } })).json().data;
  const rlPolicy = (await s.app.inject({ method: 'GET', url: '/api/rl-agent/safety-policy', headers: { 'x-api-key': KEYS.viewer } })).json().data;
  /** A training session, for the optimizer's toggle in it. */
  const session = s.sessions.fromScenario('glass-plant').id;
  /** The recommendation the next decision is about (a fresh one per request). */
  let pending = '';
  /** A maintenance plan to read, and a fresh one per apply (a plan is applied once). */
  let plannedId = '';
  const planFresh = async () => void (plannedId = (await s.maintenance.plan({ horizon_days: 1 }, { actor: 'engineer-user', role: 'engineer' })).id);
  const planOnce = async () => void (plannedId ||= (await s.maintenance.plan({ horizon_days: 1 }, { actor: 'engineer-user', role: 'engineer' })).id);
  const FURNACE = 'variable:Line_A.furnace_temp';
  const CRACK_EDGE = `CAUSES:${FURNACE}->defect:crack`;
  const CANDIDATE = { from: 'variable:Line_B.lehr_temp', to: 'variable:Line_B.wall_thickness', sign: 1, lagMinS: 60, lagMaxS: 600, mechanism: 'role check' };
  const candidateId = `CAUSES:${CANDIDATE.from}->${CANDIDATE.to}`;
  /** A fresh edge to remove per request. */
  const addRemovable = async () => {
    await s.knowledge.addEdges([{ id: candidateId, kind: 'CAUSES', from: CANDIDATE.from, to: CANDIDATE.to, props: { mechanism: 'role check', sign: 1, lagMinS: 60, lagMaxS: 600, alpha: 5, beta: 5, source: 'engineer', threshold: null } }], 'test');
  };

  const ENDPOINTS: readonly Endpoint[] = [
    { method: 'GET', path: '/api/plant/topology', need: 'viewer', request: () => ({ url: '/api/plant/topology' }) },
    { method: 'GET', path: '/api/plant/latest', need: 'viewer', request: () => ({ url: '/api/plant/latest' }) },
    { method: 'GET', path: '/api/plant/setpoints', need: 'viewer', request: () => ({ url: '/api/plant/setpoints' }) },
    { method: 'GET', path: '/api/plant/history', need: 'viewer', request: () => ({ url: `/api/plant/history?sensors=Line_A.forming.belt_speed&from=${dayAgo}&to=${t}` }) },
    { method: 'GET', path: '/api/plant/events', need: 'viewer', request: () => ({ url: '/api/plant/events?limit=10' }) },
    { method: 'GET', path: '/api/kpis', need: 'viewer', request: () => ({ url: '/api/kpis' }) },
    { method: 'GET', path: '/api/alerts', need: 'viewer', request: () => ({ url: '/api/alerts?state=active' }) },
    { method: 'GET', path: '/api/settings/alerts', need: 'viewer', request: () => ({ url: '/api/settings/alerts' }) },
    { method: 'GET', path: '/api/digital-twin/shadow-state', need: 'viewer', request: () => ({ url: '/api/digital-twin/shadow-state' }) },
    { method: 'GET', path: '/api/predictions', need: 'viewer', request: () => ({ url: '/api/predictions' }) },
    { method: 'GET', path: '/api/predictions/history', need: 'viewer', request: () => ({ url: '/api/predictions/history?asset=pump_001&limit=5' }) },
    { method: 'GET', path: '/api/models', need: 'viewer', request: () => ({ url: '/api/models' }) },
    { method: 'GET', path: '/api/models/versions', need: 'viewer', request: () => ({ url: '/api/models/versions?task=rul&kind=pump' }) },
    { method: 'GET', path: '/api/me', need: 'viewer', request: () => ({ url: '/api/me' }) },
    { method: 'GET', path: '/api/audit', need: 'admin', request: () => ({ url: `/api/audit?limit=5&action=PUT%20%2Fapi%2Fsettings%2Falerts&from=${dayAgo}` }) },
    { method: 'POST', path: '/api/models/promote', need: 'engineer', request: () => ({ url: '/api/models/promote', payload: { task: 'rul', kind: 'pump', version: 'v1' } }) },
    {
      method: 'POST',
      path: '/api/models/retrain',
      need: 'engineer',
      request: () => ({ url: '/api/models/retrain', payload: { only: [{ kind: 'pump', task: 'rul' }] } }),
      ready: async () => {
        while (s.models.status().status === 'training') await new Promise((r) => setTimeout(r, 5));
      },
    },
    { method: 'PUT', path: '/api/plant/setpoints/:id', need: ['operator', 'engineer'], request: () => ({ url: '/api/plant/setpoints/Line_A.belt_speed', payload: { value: 140 } }) },
    { method: 'POST', path: '/api/plant/maintenance/:asset', need: ['operator', 'engineer'], request: () => ({ url: '/api/plant/maintenance/pump_003', payload: { reason: 'bearing noise' } }) },
    { method: 'POST', path: '/api/alerts/:id/acknowledge', need: 'operator', request: () => ({ url: `/api/alerts/${freshAlert()}/acknowledge` }) },
    { method: 'POST', path: '/api/alerts/:id/dismiss', need: 'operator', request: () => ({ url: `/api/alerts/${freshAlert()}/dismiss`, payload: { justification: 'probe replaced during the shift' } }) },
    { method: 'PUT', path: '/api/settings/alerts', need: 'engineer', request: () => ({ url: '/api/settings/alerts', payload: settings }) },
    {
      method: 'POST',
      path: '/api/digital-twin/what-if',
      need: 'engineer',
      request: () => ({ url: '/api/digital-twin/what-if', payload: { changes: [{ setpoint: 'Line_A.furnace_temp', value: 1450 }], horizon: '4h', seeds: 16 } }),
    },
    { method: 'GET', path: '/api/rl-agent/recommendations', need: 'viewer', request: () => ({ url: '/api/rl-agent/recommendations?status=open,dropped' }) },
    { method: 'GET', path: '/api/rl-agent/settings', need: 'viewer', request: () => ({ url: '/api/rl-agent/settings' }) },
    { method: 'GET', path: '/api/rl-agent/safety-policy', need: 'viewer', request: () => ({ url: '/api/rl-agent/safety-policy' }) },
    { method: 'GET', path: '/api/rl-agent/safety-policy/changed', need: 'viewer', request: () => ({ url: '/api/rl-agent/safety-policy/changed' }) },
    { method: 'PUT', path: '/api/rl-agent/settings', need: 'engineer', request: () => ({ url: '/api/rl-agent/settings', payload: rlSettings }) },
    { method: 'PUT', path: '/api/rl-agent/safety-policy', need: 'admin', request: () => ({ url: '/api/rl-agent/safety-policy', payload: rlPolicy }) },
    { method: 'POST', path: '/api/rl-agent/optimize', need: 'engineer', request: () => ({ url: '/api/rl-agent/optimize', payload: { asset: 'Line_B' } }) },
    { method: 'POST', path: '/api/optimizer/schedule', need: 'engineer', request: () => ({ url: '/api/optimizer/schedule', payload: { teams_available: 2, horizon_days: 1 } }) },
    { method: 'GET', path: '/api/maintenance/schedule', need: 'viewer', request: () => ({ url: '/api/maintenance/schedule' }) },
    { method: 'GET', path: '/api/maintenance/schedule/:id', need: 'viewer', request: () => ({ url: `/api/maintenance/schedule/${plannedId}` }), ready: planOnce },
    { method: 'POST', path: '/api/copilot/chat', need: 'viewer', request: () => ({ url: '/api/copilot/chat', payload: { messages: [{ role: 'user', content: 'How do I check a pump for cavitation?' }] } }) },
    { method: 'POST', path: '/api/maintenance/schedule/:id/apply', need: 'engineer', request: () => ({ url: `/api/maintenance/schedule/${plannedId}/apply`, payload: { note: 'role check' } }), ready: planFresh },
    { method: 'GET', path: '/api/sessions/:id/optimizer', need: 'viewer', request: () => ({ url: `/api/sessions/${session}/optimizer` }) },
    { method: 'PUT', path: '/api/sessions/:id/optimizer', need: ['trainer', 'engineer'], request: () => ({ url: `/api/sessions/${session}/optimizer`, payload: { enabled: false } }) },
    { method: 'GET', path: '/api/knowledge-graph/subgraph', need: 'viewer', request: () => ({ url: '/api/knowledge-graph/subgraph?defect_type=crack&max_depth=2' }) },
    { method: 'GET', path: '/api/knowledge-graph/root-cause', need: 'viewer', request: () => ({ url: '/api/knowledge-graph/root-cause?defect_type=crack&line=Line_A' }) },
    { method: 'GET', path: '/api/knowledge-graph/intervention', need: 'viewer', request: () => ({ url: '/api/knowledge-graph/intervention?defect_type=crack&line=Line_A' }) },
    { method: 'GET', path: '/api/knowledge-graph/edges', need: 'viewer', request: () => ({ url: `/api/knowledge-graph/edges?kind=CAUSES&node=${encodeURIComponent(FURNACE)}` }) },
    {
      method: 'POST',
      path: '/api/knowledge-graph/feedback',
      need: ['operator', 'engineer'],
      request: () => ({ url: '/api/knowledge-graph/feedback', payload: { incident_id: 'role-check', symptom: 'defect:crack', cause: FURNACE, verdict: 'confirmed', path: [CRACK_EDGE] } }),
    },
    { method: 'PUT', path: '/api/knowledge-graph/edges/:id', need: 'engineer', request: () => ({ url: `/api/knowledge-graph/edges/${encodeURIComponent(CRACK_EDGE)}`, payload: { alpha: 8.5, beta: 1.5 } }) },
    { method: 'DELETE', path: '/api/knowledge-graph/edges/:id', need: 'engineer', request: () => ({ url: `/api/knowledge-graph/edges/${encodeURIComponent(candidateId)}` }), ready: addRemovable },
    { method: 'GET', path: '/api/knowledge-graph/candidate-edges', need: 'engineer', request: () => ({ url: '/api/knowledge-graph/candidate-edges?line=Line_A' }) },
    {
      method: 'POST',
      path: '/api/knowledge-graph/candidate-edges/accept',
      need: 'engineer',
      request: () => ({ url: '/api/knowledge-graph/candidate-edges/accept', payload: CANDIDATE }),
      ready: async () => void (await s.knowledge.removeEdge(candidateId, 'test')),
    },
    { method: 'GET', path: '/api/knowledge-graph/export', need: 'engineer', request: () => ({ url: '/api/knowledge-graph/export?format=graphml' }) },
    { method: 'POST', path: '/api/rl-agent/apply-recommendation', need: 'operator', request: () => ({ url: '/api/rl-agent/apply-recommendation', payload: { id: pending, note: 'role check' } }), ready: async () => void (pending = await s.proposeOnLineA()) },
    { method: 'POST', path: '/api/rl-agent/reject', need: 'operator', request: () => ({ url: '/api/rl-agent/reject', payload: { id: pending, reason: 'role check' } }), ready: async () => void (pending = await s.proposeOnLineA()) },
    {
      method: 'POST',
      path: '/api/rl-agent/rollback',
      need: 'operator',
      request: () => ({ url: '/api/rl-agent/rollback', payload: { id: pending, reason: 'role check' } }),
      ready: async () => {
        pending = await s.proposeOnLineA();
        await s.optimizer.approve(pending, { actor: 'operator-user', role: 'operator' }, null);
      },
    },
  ];

  const send = async (e: Endpoint, headers: Record<string, string>) => {
    await e.ready?.();
    const { url, payload } = e.request();
    return s.app.inject({ method: e.method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  };
  const bearer = (role: Role) => ({ authorization: `Bearer ${s.app.jwt.sign({ sub: `${role}-jwt`, role }, { expiresIn: '10m' })}` });

  it('matches the role table of the README', () => {
    const table = Object.fromEntries(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, ROLES.filter((r) => allows(r, e.need))]));
    const everyone = ['viewer', 'operator', 'trainer', 'engineer', 'admin'];
    expect(table).toEqual({
      'GET /api/plant/topology': everyone,
      'GET /api/plant/latest': everyone,
      'GET /api/plant/setpoints': everyone,
      'GET /api/plant/history': everyone,
      'GET /api/plant/events': everyone,
      'GET /api/kpis': everyone,
      'GET /api/alerts': everyone,
      'GET /api/settings/alerts': everyone,
      'GET /api/digital-twin/shadow-state': everyone,
      'GET /api/predictions': everyone,
      'GET /api/predictions/history': everyone,
      'GET /api/models': everyone,
      'GET /api/models/versions': everyone,
      'GET /api/me': everyone,
      'GET /api/audit': ['admin'],
      'POST /api/models/promote': ['engineer', 'admin'],
      'POST /api/models/retrain': ['engineer', 'admin'],
      'PUT /api/plant/setpoints/:id': ['operator', 'engineer', 'admin'],
      'POST /api/plant/maintenance/:asset': ['operator', 'engineer', 'admin'],
      'POST /api/alerts/:id/acknowledge': ['operator', 'engineer', 'admin'],
      'POST /api/alerts/:id/dismiss': ['operator', 'engineer', 'admin'],
      'PUT /api/settings/alerts': ['engineer', 'admin'],
      'POST /api/digital-twin/what-if': ['engineer', 'admin'],
      'GET /api/rl-agent/recommendations': everyone,
      'GET /api/rl-agent/settings': everyone,
      'GET /api/rl-agent/safety-policy': everyone,
      'GET /api/rl-agent/safety-policy/changed': everyone,
      'PUT /api/rl-agent/settings': ['engineer', 'admin'],
      'PUT /api/rl-agent/safety-policy': ['admin'],
      'POST /api/rl-agent/optimize': ['engineer', 'admin'],
      'POST /api/optimizer/schedule': ['engineer', 'admin'],
      'GET /api/maintenance/schedule': everyone,
      'GET /api/maintenance/schedule/:id': everyone,
      'POST /api/maintenance/schedule/:id/apply': ['engineer', 'admin'],
      'POST /api/copilot/chat': everyone,
      'GET /api/sessions/:id/optimizer': everyone,
      'PUT /api/sessions/:id/optimizer': ['trainer', 'engineer', 'admin'],
      'POST /api/rl-agent/apply-recommendation': ['operator', 'engineer', 'admin'],
      'POST /api/rl-agent/reject': ['operator', 'engineer', 'admin'],
      'POST /api/rl-agent/rollback': ['operator', 'engineer', 'admin'],
      'GET /api/knowledge-graph/subgraph': everyone,
      'GET /api/knowledge-graph/root-cause': everyone,
      'GET /api/knowledge-graph/intervention': everyone,
      'GET /api/knowledge-graph/edges': everyone,
      'POST /api/knowledge-graph/feedback': ['operator', 'engineer', 'admin'],
      'PUT /api/knowledge-graph/edges/:id': ['engineer', 'admin'],
      'DELETE /api/knowledge-graph/edges/:id': ['engineer', 'admin'],
      'GET /api/knowledge-graph/candidate-edges': ['engineer', 'admin'],
      'POST /api/knowledge-graph/candidate-edges/accept': ['engineer', 'admin'],
      'GET /api/knowledge-graph/export': ['engineer', 'admin'],
    });
  });

  for (const e of ENDPOINTS) {
    describe(`${e.method} ${e.path}`, () => {
      it('answers 401 without credentials, with a bad API key and with a bad token', async () => {
        const bad: Record<string, string>[] = [
          {},
          { 'x-api-key': 'not-a-key-of-this-server-0000' },
          { authorization: 'Bearer not.a.jwt' },
          { authorization: `Bearer ${s.app.jwt.sign({ sub: 'x', role: 'superuser' }, { expiresIn: '10m' })}` },
        ];
        for (const headers of bad) {
          const r = await send(e, headers);
          expect(r.statusCode, JSON.stringify(headers)).toBe(401);
          expect(r.json()).toMatchObject({ data: null, error: { code: 'TWIN_ERR_UNAUTHORIZED', message: expect.any(String) } });
        }
      });

      for (const role of ROLES) {
        const allowed = allows(role, e.need);
        it(`${allowed ? 'lets' : 'forbids'} ${role} (API key and JWT)`, async () => {
          for (const headers of [{ 'x-api-key': KEYS[role] }, bearer(role)]) {
            const r = await send(e, headers);
            if (allowed) {
              expect(r.statusCode, r.body).toBe(e.path === '/api/models/retrain' ? 202 : 200);
              // The graph's export answers in its format's own type (GraphML here), not in an envelope.
              if (String(r.headers['content-type']).startsWith('application/json')) expect(r.json().error).toBeNull();
            } else {
              expect(r.statusCode, r.body).toBe(403);
              expect(r.json()).toMatchObject({ data: null, error: { code: 'TWIN_ERR_FORBIDDEN', message: expect.stringMatching(`role ${role} may not do this`) } });
            }
          }
        });
      }
    });
  }

  // KNOWN GAP: the roles are checked in a preHandler, which fastify runs after body parsing and
  // schema validation, so a caller without credentials (or without the role) who sends a bad body
  // or query gets a 400 naming the fields instead of 401/403. Checking in onRequest would fix it.
  it('answers 401 to a caller without credentials before looking at the body', async () => {
    for (const [method, url, payload] of [
      ['PUT', '/api/plant/setpoints/Line_A.belt_speed', { value: 'fast' }],
      ['POST', '/api/alerts/ALT-x/dismiss', {}],
      ['GET', '/api/plant/history?sensors=Line_A.forming.belt_speed', undefined],
    ] as const) {
      const r = await s.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(401);
    }
  });

  it('answers 403 to a viewer who writes, before looking at the body', async () => {
    const r = await s.app.inject({ method: 'PUT', url: '/api/plant/setpoints/Line_A.belt_speed', headers: { 'x-api-key': KEYS.viewer }, payload: { value: 'fast' } });
    expect(r.statusCode, r.body).toBe(403);
  });

  it('answers health without credentials', async () => {
    expect((await s.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('reports the history\'s disk use per table on health and as /metrics gauges', async () => {
    const health = (await s.app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health.data.storage).toMatchObject({ databaseBytes: expect.any(Number), dataDirBytes: null });
    expect(health.data.storage.tables.samples).toBeGreaterThan(0);
    expect(health.data.storage.databaseBytes).toBeGreaterThanOrEqual(health.data.storage.tables.samples);
    const metrics = (await s.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^twin_db_table_bytes\{table="samples"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^twin_db_size_bytes [1-9]\d*$/m);
    expect(metrics).toMatch(/^# TYPE twin_durable_writes_buffered gauge$/m);
  });

  it('audits every allowed write with the caller, and no refused one', async () => {
    const before = (await s.audit()).length;
    const e = ENDPOINTS.find((x) => x.path === '/api/plant/setpoints/:id')!;
    await send(e, { 'x-api-key': KEYS.viewer });
    await send(e, {});
    expect((await s.audit()).length).toBe(before);
    await send(e, { 'x-api-key': KEYS.engineer });
    expect((await s.audit()).at(-1)).toMatchObject({ actor: 'engineer-user', role: 'engineer', action: 'plant.setpoint', origin: 'engineer', detail: { previous: expect.any(Number), next: 140 } });
    const ack = await send(ENDPOINTS.find((x) => x.path === '/api/alerts/:id/acknowledge')!, { 'x-api-key': KEYS.operator });
    expect(ack.statusCode, ack.body).toBe(200);
    // The generic audit entry is stored before the response is sent.
    expect((await s.audit()).at(-1)).toMatchObject({ actor: 'operator-user', action: 'POST /api/alerts/:id/acknowledge' });
  });
});
