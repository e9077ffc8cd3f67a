import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { SessionView } from '../../../protocol/sessions.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { clock } from '../util/format.ts';
import { branchRequest, checkBranchAction, EMPTY_DRAFT } from './branch-action-logic.ts';
import { nextIncident, placeMarks, timeAt } from './timeline-logic.ts';

const SPEEDS = [1, 10, 60, 600, 3600] as const;

/** Play, pause, step, seek on a timeline marking incidents and defects, speed, and branch at the current time. */
export function ReplayControls({ session, onBranch }: { session: SessionView; onBranch: (v: SessionView) => void }) {
  const rt = useRuntime();
  const marks = useTwin((s) => s.followedTimeline);
  const [stepN, setStepN] = useState(60);
  const [error, setError] = useState<string | null>(null);
  const control = async (body: Record<string, unknown>) => {
    setError(null);
    try {
      const view = await rt.rest.post<SessionView>(`/api/sessions/${session.id}/control`, body);
      rt.store.setState((s) => ({ sessions: { ...s.sessions, [view.id]: view } }));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const seek = (tS: number) => void control({ action: 'seek', t: tS });
  // A session without an end (null on the wire) is drawn as ending now.
  const endS = session.endS ?? session.tS;
  const placed = placeMarks(marks, session.startS, endS);
  const posPct = ((session.tS - session.startS) / (endS - session.startS || 1)) * 100;
  const next = nextIncident(marks, session.tS);
  const onTimelineClick = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    seek(timeAt((e.clientX - r.left) / r.width, session.startS, endS));
  };
  const onTimelineKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const big = (endS - session.startS) / 20;
    const d = e.key === 'ArrowRight' ? 60 : e.key === 'ArrowLeft' ? -60 : e.key === 'PageUp' ? big : e.key === 'PageDown' ? -big : 0;
    if (d !== 0) { e.preventDefault(); seek(Math.min(endS, Math.max(session.startS, session.tS + d))); }
  };
  const draft = useTwin((s) => s.branchDraft);
  const topology = useTwin((s) => s.topology);
  const setpoints = useMemo(() => topology?.assets.flatMap((a) => a.setpoints) ?? [], [topology]);
  const check = checkBranchAction(draft, setpoints, session.endS === null ? null : session.endS - session.tS);
  const edit = (patch: Partial<typeof draft>) => rt.store.setState((s) => ({ branchDraft: { ...s.branchDraft, ...patch } }));
  const picked = setpoints.find((sp) => sp.id === draft.setpoint);
  const branch = async () => {
    if (!check.ok) return;
    setError(null);
    try {
      onBranch(await rt.rest.post<SessionView>(`/api/sessions/${session.id}/branch`, branchRequest(session.tS, check.action)));
      rt.store.setState({ branchDraft: EMPTY_DRAFT });
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="replay" data-testid="replay-controls" data-ts={session.tS} data-running={String(session.running)}>
      <div className="replay-clock">
        <strong data-testid="replay-time">{clock(session.tS)}</strong>
        <span className="muted"> / {clock(endS)} · {session.running ? 'playing' : session.finished ? 'finished' : 'paused'} · {session.speed === 'max' ? 'max' : `${session.speed}×`}</span>
      </div>
      <div className="timeline" role="slider" tabIndex={0} aria-label="Session time" aria-valuemin={session.startS} aria-valuemax={endS} aria-valuenow={session.tS} aria-valuetext={clock(session.tS)} onClick={onTimelineClick} onKeyDown={onTimelineKey} data-testid="timeline">
        {placed.map((m, i) => (
          <span key={i} className={`mark mark-${m.kind}`} style={{ left: `${m.leftPct}%`, ...(m.kind === 'defect' ? { opacity: Math.min(1, 0.25 + m.count / 10) } : {}) }} title={`${clock(m.tS)} ${m.label}`} data-testid={`mark-${m.kind}`} />
        ))}
        <span className="playhead" style={{ left: `${posPct}%` }} aria-hidden="true" />
      </div>
      <div className="btn-row">
        {session.running ? <button className="btn" onClick={() => void control({ action: 'pause' })} data-testid="replay-pause">Pause</button> : <button className="btn btn-primary" onClick={() => void control({ action: session.tS > session.startS ? 'resume' : 'start' })} data-testid="replay-play">▶ Play</button>}
        <label className="inline small">Step <input type="number" min={1} max={86400} value={stepN} onChange={(e) => setStepN(Math.max(1, Number(e.target.value) || 1))} className="num-input" aria-label="Ticks per step" /></label>
        <button className="btn" onClick={() => void control({ action: 'step', n: stepN })} disabled={session.running} data-testid="replay-step">Step</button>
        <button className="btn" onClick={() => next && seek(next.tS)} disabled={!next} title={next ? `${clock(next.tS)} ${next.asset}: ${next.label}` : 'no later incident known yet'} data-testid="replay-next-incident">Next incident</button>
        <label className="inline small">Speed
          <select value={String(session.speed)} onChange={(e) => void control({ action: 'speed', speed: Number(e.target.value) })}>
            {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
      </div>
      <fieldset className="branch-form" data-testid="branch-form">
        <legend className="small">Branch at {clock(session.tS)} with another action</legend>
        <div className="form-row">
          <label className="field grow small">Setpoint
            <select value={draft.setpoint} onChange={(e) => edit({ setpoint: e.target.value })} data-testid="branch-setpoint">
              <option value="">no change (the run without its later scripted actions)</option>
              {setpoints.map((sp) => <option key={sp.id} value={sp.id}>{sp.id}</option>)}
            </select>
          </label>
          <label className="field small">Value{picked ? ` (${picked.min}–${picked.max} ${picked.unit})` : ''}
            <input type="number" step="any" className="num-input" value={draft.value} disabled={!draft.setpoint} onChange={(e) => edit({ value: e.target.value })} data-testid="branch-value" />
          </label>
          <label className="field small">After
            <input type="text" className="num-input" placeholder="0, 5m" value={draft.offset} disabled={!draft.setpoint} onChange={(e) => edit({ offset: e.target.value })} data-testid="branch-offset" />
          </label>
        </div>
        <div className="btn-row">
          <button className="btn" onClick={() => void branch()} disabled={!check.ok} data-testid="replay-branch">Branch here</button>
          <span className={`small ${check.ok ? 'muted' : 'error'}`} data-testid="branch-hint">{!check.ok ? check.reason : check.action ? `${check.action.setpoint} → ${check.action.value} at ${clock(session.tS + check.action.offsetS)}` : 'the inspector’s setpoint control also sets this while a session is followed'}</span>
        </div>
      </fieldset>
      <label className="field">Seek to (seconds or a duration such as 6h30m)
        <input type="text" placeholder="e.g. 6h30m" onKeyDown={(e) => { if (e.key === 'Enter') void control({ action: 'seek', t: (e.target as HTMLInputElement).value }); }} data-testid="replay-seek-input" />
      </label>
      <p className="muted small">{marks.filter((m) => m.type === 'fault_onset' || m.type === 'failure').length} incidents · {marks.filter((m) => m.type === 'defect').length} defects so far{session.source.kind === 'scenario' ? ' (a scenario marks events as it runs; recordings show them ahead)' : ''}</p>
      {error ? <p className="error" role="alert">{error}</p> : null}
    </div>
  );
}
