import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { parseDuration } from '../../scenarios/duration.ts';
import { listScenarios, loadLibraryScenario } from '../../scenarios/library.ts';
import type { OperatorAction } from '../../scenarios/types.ts';
import { LatestSnapshot, SetpointList } from '../../protocol/plant.ts';
import { BranchRequest, RecordingList, RecordingSummary, ScenarioDetail, ScenarioList, SessionDeleted, SessionList, SessionTime, SessionView, Timeline } from '../../protocol/sessions.ts';
import { Text } from '../../protocol/text.ts';
import { latestJsonOf } from '../live/latest-json.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { badRequest } from '../errors.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import type { RecordingStore } from '../store/recording-store.ts';
import { responses } from './responses.ts';

const TimeValue = SessionTime;
const IdParams = Type.Object({ id: Text({ minLength: 1, maxLength: 40 }) });
const CreateBody = Type.Object(
  {
    scenario: Type.Optional(Text({ minLength: 1, maxLength: 200, description: 'library scenario name' })),
    recordingId: Type.Optional(Type.Integer({ minimum: 1 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
  },
  { additionalProperties: false },
);
const ControlBody = Type.Object(
  {
    action: Type.Union([Type.Literal('start'), Type.Literal('pause'), Type.Literal('resume'), Type.Literal('step'), Type.Literal('seek'), Type.Literal('speed')]),
    n: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400, description: 'ticks, for step' })),
    t: Type.Optional(TimeValue),
    speed: Type.Optional(Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 100_000 }), Type.Literal('max')])),
  },
  { additionalProperties: false },
);
const SaveBody = Type.Object({ name: Text({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

function seconds(v: number | string, field: string): number {
  const s = typeof v === 'number' ? v : parseDuration(v);
  if (s === undefined || !(s >= 0)) throw badRequest(`${field}: "${String(v)}" is not a time (seconds or e.g. 10h42m)`);
  return s;
}

function toActions(list: readonly { at: number | string; setpoint?: string; value?: number; maintenance?: string }[]): OperatorAction[] {
  return list.map((a, i) => {
    const atS = seconds(a.at, `actions[${i}].at`);
    if (a.maintenance !== undefined) return { atS, kind: 'maintenance', target: a.maintenance };
    if (a.setpoint === undefined || a.value === undefined) throw badRequest(`actions[${i}]: needs setpoint and value, or maintenance`);
    return { atS, kind: 'setpoint', setpoint: a.setpoint, value: a.value };
  });
}

/** Scenarios, training sessions (scenario runs, replays, branches) and recordings. */
export function sessionRoutes(sessions: SessionManager, store: RecordingStore | null) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const viewer = requireRole(ctx.auth, 'viewer');
    const control = requireRole(ctx.auth, ['trainer', 'engineer']);
    app.get('/api/scenarios', { onRequest: viewer, schema: { tags: ['scenarios'], summary: 'The scenario library', response: responses(ScenarioList, 'Every scenario of the library') } }, async () =>
      ok(listScenarios().map(({ name, title, description, durationS }) => ({ name, title, description, durationS }))),
    );
    app.get('/api/scenarios/:name', { onRequest: viewer, schema: { tags: ['scenarios'], summary: 'One scenario, normalized (faults, actions, ground truth)', params: Type.Object({ name: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 }) }), response: responses(ScenarioDetail, 'The scenario as the engine runs it') } }, async (req) => {
      try {
        return ok(loadLibraryScenario((req.params as { name: string }).name));
      } catch (err) {
        throw badRequest(`name: ${(err as Error).message}`);
      }
    });
    app.get('/api/sessions', { onRequest: viewer, schema: { tags: ['scenarios'], summary: 'Running sessions', response: responses(SessionList, 'Every session, running or paused') } }, async () => ok(sessions.list()));
    app.post('/api/sessions', { onRequest: control, schema: { tags: ['scenarios'], summary: 'Load a scenario or a recording into a new session (paused at its start)', body: CreateBody, response: responses(SessionView, 'The new session, paused at its start') } }, async (req) => {
      const b = req.body as { scenario?: string; recordingId?: number; seed?: number };
      if ((b.scenario === undefined) === (b.recordingId === undefined)) throw badRequest('body: give exactly one of scenario or recordingId');
      const s = b.scenario !== undefined ? sessions.fromScenario(b.scenario, b.seed) : await sessions.fromRecording(b.recordingId!);
      return ok(s.view());
    });
    app.get('/api/sessions/:id', { onRequest: viewer, schema: { tags: ['scenarios'], summary: 'Session position and state', params: IdParams, response: responses(SessionView, 'The session') } }, async (req) => ok(sessions.get((req.params as { id: string }).id).view()));
    app.get('/api/sessions/:id/timeline', { onRequest: viewer, schema: { tags: ['scenarios'], summary: 'Incidents and defects to mark on the timeline', params: IdParams, response: responses(Timeline, 'Marks in time order') } }, async (req) => ok(sessions.get((req.params as { id: string }).id).timeline));
    app.get('/api/sessions/:id/latest', { onRequest: viewer, schema: { tags: ['scenarios'], summary: "Latest value and status of every sensor of the session's plant (as /api/plant/latest)", params: IdParams, response: responses(LatestSnapshot, "One sample per sensor of the session's plant") } }, async (req, reply) => {
      const session = sessions.get((req.params as { id: string }).id);
      reply.type('application/json');
      return latestJsonOf(session.replay?.engine ?? session.engine);
    });
    app.get('/api/sessions/:id/setpoints', { onRequest: viewer, schema: { tags: ['scenarios'], summary: "Setpoints of the session's plant with target and actual (as /api/plant/setpoints)", params: IdParams, response: responses(SetpointList, "The session's setpoints") } }, async (req) => {
      const session = sessions.get((req.params as { id: string }).id);
      return ok((session.replay?.engine ?? session.engine).setpoints());
    });
    app.post('/api/sessions/:id/control', { onRequest: control, schema: { tags: ['scenarios'], summary: 'start, pause, resume, step, seek, speed', params: IdParams, body: ControlBody, response: responses(SessionView, 'The session after the control') } }, async (req) => {
      const id = (req.params as { id: string }).id;
      const b = req.body as { action: 'start' | 'pause' | 'resume' | 'step' | 'seek' | 'speed'; n?: number; t?: number | string; speed?: number | 'max' };
      if (b.action === 'seek') {
        if (b.t === undefined) throw badRequest('t: is required to seek');
        return ok(sessions.control(id, { action: 'seek', tS: seconds(b.t, 't') }).view());
      }
      if (b.action === 'speed') {
        if (b.speed === undefined) throw badRequest('speed: is required');
        return ok(sessions.control(id, { action: 'speed', speed: b.speed }).view());
      }
      if (b.action === 'step') return ok(sessions.control(id, { action: 'step', ...(b.n !== undefined ? { n: b.n } : {}) }).view());
      return ok(sessions.control(id, { action: b.action }).view());
    });
    app.post('/api/sessions/:id/branch', { onRequest: control, schema: { tags: ['scenarios'], summary: 'Branch at time t with other operator actions (a new session)', params: IdParams, body: BranchRequest, response: responses(SessionView, 'The new session, paused at the branch point') } }, async (req) => {
      const b = req.body as { t: number | string; actions: { at: number | string; setpoint?: string; value?: number; maintenance?: string }[] };
      return ok(sessions.branch((req.params as { id: string }).id, seconds(b.t, 't'), toActions(b.actions)).view());
    });
    app.post('/api/sessions/:id/recording', { onRequest: control, schema: { tags: ['scenarios'], summary: 'Save the session so far as a recording', params: IdParams, body: SaveBody, response: responses(RecordingSummary, 'The stored recording') } }, async (req) =>
      ok(await sessions.saveRecording((req.params as { id: string }).id, (req.body as { name: string }).name)),
    );
    app.delete('/api/sessions/:id', { onRequest: control, schema: { tags: ['scenarios'], summary: 'End a session', params: IdParams, response: responses(SessionDeleted, 'The session is gone') } }, async (req) => {
      sessions.remove((req.params as { id: string }).id);
      return ok({ deleted: true });
    });
    app.get('/api/recordings', { onRequest: viewer, schema: { tags: ['scenarios'], summary: 'Stored recordings', response: responses(RecordingList, 'Every stored recording') } }, async () => ok(store ? await store.listRecordings() : []));
  };
}
