import { useEffect, useState } from 'react';
import { ApiCallError } from '../api/rest-client.ts';
import type { LatestSnapshot } from '../../../protocol/plant.ts';
import type { RecordingSummary, ScenarioSummary, SessionView, TimelineMark } from '../../../protocol/sessions.ts';
import { readingsFromLatest } from '../live/apply-message.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { BranchCompare } from './branch-compare.tsx';
import { ReplayControls } from './replay-controls.tsx';
import { SaveRecording } from './save-recording.tsx';
import { SessionOptimizer } from './session-optimizer.tsx';

/** Scenario and replay (trainers): pick a scenario or recording, then drive the session; the scene follows it. */
export function ReplayPanel() {
  const rt = useRuntime();
  const sessions = useTwin((s) => s.sessions);
  const followed = useTwin((s) => (s.followedSession ? s.sessions[s.followedSession] ?? null : null));
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([]);
  const [recordings, setRecordings] = useState<RecordingSummary[]>([]);
  const [pick, setPick] = useState('');
  const [error, setError] = useState<string | null>(null);
  const loadRecordings = () => rt.rest.get<RecordingSummary[]>('/api/recordings').then(setRecordings, () => {});
  useEffect(() => {
    rt.rest.get<ScenarioSummary[]>('/api/scenarios').then((l) => { setScenarios(l); setPick((p) => p || (l[0] ? `scenario:${l[0].name}` : '')); }, () => {});
    void loadRecordings();
  }, [rt.rest]);

  // A scenario session marks events as it runs: refresh the timeline while following one.
  useEffect(() => {
    if (!followed) return;
    let stop = false;
    const load = () => rt.rest.get<TimelineMark[]>(`/api/sessions/${followed.id}/timeline`).then((m) => !stop && rt.store.setState({ followedTimeline: m }), () => {});
    void load();
    const id = setInterval(load, 2000);
    return () => { stop = true; clearInterval(id); };
  }, [followed?.id, rt]);

  // Sessions stream no sensor frames: their readings are polled 4 times a second while followed.
  useEffect(() => {
    if (!followed) return;
    let stop = false;
    const load = () => rt.rest.get<LatestSnapshot>(`/api/sessions/${followed.id}/latest`).then((l) => !stop && rt.store.setState({ followedReadings: readingsFromLatest(l) }), () => {});
    void load();
    const id = setInterval(load, 250);
    return () => { stop = true; clearInterval(id); };
  }, [followed?.id, rt]);

  const follow = (view: SessionView | null) => {
    rt.store.setState((s) => ({ followedSession: view?.id ?? null, followedTimeline: [], followedReadings: {}, sessions: view ? { ...s.sessions, [view.id]: view } : s.sessions }));
  };
  const load = async () => {
    setError(null);
    const [kind, name] = pick.split(/:(.*)/s);
    try {
      follow(await rt.rest.post<SessionView>('/api/sessions', kind === 'recording' ? { recordingId: Number(name) } : { scenario: name }));
    } catch (err) {
      setError(err instanceof ApiCallError && err.status === 403 ? `${err.message} — sessions need the trainer role` : (err as Error).message);
    }
  };
  /** Ends a session on the server (it stops and frees its engine) and forgets it here. */
  const close = async (view: SessionView) => {
    setError(null);
    // Stop following (and polling) it first, so no poll asks for a session that is being ended.
    const forget = () => rt.store.setState((s) => {
      const { [view.id]: _closed, ...rest } = s.sessions;
      return s.followedSession === view.id ? { sessions: rest, followedSession: null, followedTimeline: [], followedReadings: {} } : { sessions: rest };
    });
    if (followed?.id === view.id) rt.store.setState({ followedSession: null, followedTimeline: [], followedReadings: {} });
    try {
      await rt.rest.delete(`/api/sessions/${encodeURIComponent(view.id)}`);
      forget();
    } catch (err) {
      // Already gone on the server (404): forget it here too; anything else is shown and kept.
      if (err instanceof ApiCallError && err.status === 404) forget();
      else setError((err as Error).message);
    }
  };
  const desc = scenarios.find((s) => `scenario:${s.name}` === pick)?.description;
  return (
    <section className="panel" aria-labelledby="replay-title" data-testid="replay">
      <header className="panel-head"><h2 id="replay-title">Scenarios &amp; replay</h2>
        {followed ? <button className="btn btn-ghost" onClick={() => void close(followed)} title="End this session on the server" data-testid="replay-close">Close {followed.id}</button> : null}
        {followed ? <button className="btn btn-ghost" onClick={() => follow(null)} data-testid="replay-back-live">Back to live plant</button> : null}
      </header>
      <div className="form-row">
        <label className="field grow">Scenario or recording
          <select value={pick} onChange={(e) => setPick(e.target.value)} data-testid="replay-pick">
            <optgroup label="Scenarios">{scenarios.map((s) => <option key={s.name} value={`scenario:${s.name}`}>{s.title}</option>)}</optgroup>
            <optgroup label="Recordings">{recordings.length ? recordings.map((r) => <option key={r.id} value={`recording:${r.id}`}>{r.name}</option>) : <option disabled>none saved yet</option>}</optgroup>
          </select>
        </label>
        <button className="btn btn-primary" onClick={() => void load()} disabled={!pick} data-testid="replay-load">Load</button>
      </div>
      {desc ? <p className="muted small clamp">{desc}</p> : null}
      {Object.keys(sessions).length > 0 ? (
        <p className="small">Sessions: {Object.values(sessions).map((s) => (
          <button key={s.id} className={`chip${followed?.id === s.id ? ' chip-on' : ''}`} onClick={() => follow(s)} data-testid={`session-chip-${s.id}`}>{s.id} · {s.source.kind === 'branch' ? `branch of ${s.source.from}` : s.scenario}</button>
        ))}</p>
      ) : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
      {followed ? <ReplayControls session={followed} onBranch={follow} /> : null}
      {followed ? <SessionOptimizer session={followed} /> : null}
      {followed?.source.kind === 'branch' ? <BranchCompare branch={followed} /> : null}
      {followed ? <SaveRecording session={followed} onSaved={(saved) => { setRecordings((l) => [...l.filter((r) => r.id !== saved.id), saved]); void loadRecordings(); }} /> : null}
      {recordings.length ? (
        <details open className="small recordings" data-testid="recordings-list">
          <summary>Recordings ({recordings.length})</summary>
          <ul>{recordings.map((r) => <li key={r.id} data-testid="recording-item">#{r.id} {r.name}{r.scenario ? <span className="muted"> · {r.scenario}</span> : null}</li>)}</ul>
        </details>
      ) : null}
      {followed ? null : <p className="empty">Load a scenario or recording to rehearse an incident: play, pause, step, seek, and branch with other actions.</p>}
    </section>
  );
}
