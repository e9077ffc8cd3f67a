import type { ChannelMessage, ControlMessage, SensorsData } from '../../../protocol/ws.ts';
import type { AlertChange, AlertView } from '../../../protocol/alerts.ts';
import type { KpiSnapshot } from '../../../protocol/kpis.ts';
import type { TrainingJobView } from '../../../protocol/models.ts';
import type { LatestSnapshot } from '../../../protocol/plant.ts';
import type { SessionView } from '../../../protocol/sessions.ts';
import { predictionsOf } from './prediction.ts';
import { mergeDefects } from './recent-defects.ts';
import { mergeRecommendations } from './recommendations.ts';
import type { SensorReading, TwinState } from './store-types.ts';

/** What a message does to the state, and whether the REST view must be refetched. */
export interface Applied {
  readonly patch: Partial<TwinState> | null;
  readonly refetch: boolean;
}

const NOTHING: Applied = { patch: null, refetch: false };
const STATUS: Record<string, 0 | 1 | 2 | 3> = { OK: 0, WARNING: 1, ERROR: 2, CRITICAL: 3 };

/** True for a server → client control message (it has `type` and no `channel`). */
export function isControl(m: ChannelMessage | ControlMessage): m is ControlMessage {
  return 'type' in m && !('channel' in m);
}

/**
 * Applies one channel message. Messages at or below the last applied seq are duplicates (a resume
 * replays from lastSeq) and change nothing. Sensor frames merge into the readings; alert changes
 * replace the alert by id; KPI snapshots replace the KPIs.
 */
export function applyChannelMessage(state: TwinState, m: ChannelMessage): Applied {
  if (m.seq <= state.connection.lastSeq) return NOTHING;
  const connection = { ...state.connection, lastSeq: m.seq };
  const later = (t: string) => (state.simTime === null || t > state.simTime ? t : state.simTime);
  switch (m.channel) {
    case 'sensors': {
      const readings: Record<string, SensorReading> = { ...state.readings };
      for (const s of (m.data as SensorsData).samples) readings[s.id] = { v: s.v, s: s.s };
      return { patch: { connection, readings, simTime: later(m.t) }, refetch: false };
    }
    case 'alerts': {
      const { alert } = m.data as AlertChange;
      return { patch: { connection, alerts: boundAlerts({ ...state.alerts, [alert.id]: alert }) }, refetch: false };
    }
    case 'quality':
      return { patch: { connection, kpis: m.data as KpiSnapshot, simTime: later(m.t) }, refetch: false };
    case 'predictions': {
      const predictions = { ...state.predictions };
      for (const p of predictionsOf(m.data, m.t)) predictions[p.asset] = p;
      return { patch: { connection, predictions }, refetch: false };
    }
    case 'recommendations':
      // Each message is a recommendation after a change: it replaces the copy with its id (unless that one is newer).
      return { patch: { connection, recommendations: mergeRecommendations(state.recommendations, [m.data]) }, refetch: false };
    case 'state': {
      const d = m.data as { kind?: string } & SessionView;
      if (d.kind === 'training') {
        const { kind: _kind, ...job } = m.data as { kind: string } & TrainingJobView;
        // A finished job changes the champions in service: refetch so the registry (and accuracy) follow.
        return { patch: { connection, trainingJob: job, ...(job.state === 'running' ? { modelStatus: 'training' } : {}) }, refetch: job.state !== 'running' };
      }
      if (d.kind !== 'session') return { patch: { connection }, refetch: false };
      const { kind: _kind, ...view } = d;
      return { patch: { connection, sessions: { ...state.sessions, [view.id]: view } }, refetch: false };
    }
    case 'events':
      // Defects mark the outfeed belts; the other plant events reach the viewer through the timeline and alerts.
      if (m.data.type !== 'defect') return { patch: { connection }, refetch: false };
      return { patch: { connection, recentDefects: mergeDefects(state.recentDefects, [m.data]), simTime: later(m.t) }, refetch: false };
    default:
      return { patch: { connection }, refetch: false };
  }
}

/** Applies a control message: `welcome`/`subscribed` mean live; `resync` means refetch and resume from its seq. */
export function applyControlMessage(state: TwinState, m: ControlMessage): Applied {
  const c = state.connection;
  switch (m.type) {
    case 'welcome':
    case 'subscribed':
      return { patch: { connection: { ...c, status: 'live', attempt: 0, retryAtMs: null, detail: null } }, refetch: false };
    case 'resync':
      // What was missed is gone from the server's buffer (or the server restarted): the REST view
      // is the truth again, and the stream continues after the resync's seq.
      return { patch: { connection: { ...c, lastSeq: m.seq, resyncs: c.resyncs + 1, detail: m.reason } }, refetch: true };
    case 'error':
      return { patch: { connection: { ...c, detail: `${m.code}: ${m.message}` } }, refetch: false };
    default:
      return NOTHING;
  }
}

/** The REST snapshot of latest values as readings. */
export function readingsFromLatest(latest: LatestSnapshot): Record<string, SensorReading> {
  const out: Record<string, SensorReading> = {};
  for (const s of latest.samples) out[s.sensor_id] = { v: s.value, s: STATUS[s.status] ?? 0 };
  return out;
}

/** Closed (cleared or dismissed) alerts kept for the response-time KPI; older ones are let go. */
export const KEEP_CLOSED_ALERTS = 200;

/**
 * Every open alert, and the most recent closed ones: a page left open for days must not keep every
 * alert the plant ever raised (its heap would grow without end).
 */
export function boundAlerts(alerts: Record<string, AlertView>, keepClosed = KEEP_CLOSED_ALERTS): Record<string, AlertView> {
  const closed = Object.values(alerts).filter((a) => a.state === 'cleared' || a.state === 'dismissed');
  if (closed.length <= keepClosed) return alerts;
  closed.sort((a, b) => (a.lastAt < b.lastAt ? -1 : a.lastAt > b.lastAt ? 1 : 0));
  const out = { ...alerts };
  for (const a of closed.slice(0, closed.length - keepClosed)) delete out[a.id];
  return out;
}

/** Alerts by id from a REST list. */
export function alertsById(list: readonly AlertView[]): Record<string, AlertView> {
  return Object.fromEntries(list.map((a) => [a.id, a]));
}
