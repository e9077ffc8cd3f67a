import type { SessionView } from '../../../protocol/sessions.ts';
import { useTwin } from '../shell/runtime-context.tsx';
import { clock, fmt } from '../util/format.ts';
import { sessionFigures, sessionOrigin } from './session-status-logic.ts';

/**
 * The KPI strip while a session is followed: the session's own figures from its timeline, labelled as
 * the session's, so no live-plant KPI is shown beside a replayed scene.
 */
export function SessionKpiCards({ session }: { session: SessionView }) {
  const marks = useTwin((s) => s.followedTimeline);
  const f = sessionFigures(session, marks);
  const card = (id: string, title: string, value: string, sub: string) => (
    <div key={id}>
      <section className="kpi kpi-none" aria-label={title} data-testid={`session-kpi-${id}`}>
        <h3 className="kpi-title">{title}</h3>
        <div className="kpi-value" data-testid={`session-kpi-${id}-value`}>{value}</div>
        <div className="kpi-sub">{sub}</div>
      </section>
    </div>
  );
  return (
    <div className="kpi-strip kpi-strip-session" data-testid="kpi-strip-session" aria-label={`Session ${session.id} figures, not the live plant`}>
      <span className="kpi-session-label">Session {session.id} · {sessionOrigin(session, clock)} · not the live plant</span>
      {card('time', 'Session time', clock(session.tS), session.running ? 'playing' : session.finished ? 'finished' : 'paused')}
      {card('defects', 'Defects in this session', fmt(f.defects), f.defectsPerH === null ? 'none run yet' : `${fmt(f.defectsPerH)} per simulated hour`)}
      {card('topDefect', 'Most frequent defect', f.topDefect ? f.topDefect.type : '—', f.topDefect ? `${f.topDefect.count} so far` : 'no defect yet')}
      {card('incidents', 'Incidents', String(f.incidents), `${f.actions} action${f.actions === 1 ? '' : 's'} (setpoints, maintenance)`)}
    </div>
  );
}
