import { useEffect, useId, useState, type FormEvent } from 'react';
import type { OptimizerSettings, Recommendation } from '../../../protocol/recommendation.ts';
import { ApiCallError } from '../api/rest-client.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { curvePoints, draftOf, duration, settingsFromDraft, type SettingsDraft, effectLines, executionPhase, historyLine, moveLines, observedLine, openRecommendations, recommendationHistory, rejectReasonProblem, trustLine } from './recommendations-logic.ts';

/** Holding vs the proposal, defects per 1,000 over the verification horizon (the two branches' means). */
function BranchCurves({ r }: { r: Recommendation }) {
  const { tS, holdDefectsPer1000: hold, candidateDefectsPer1000: cand } = r.evidence.curves;
  if (tS.length < 2) return null;
  const max = Math.max(...hold, ...cand, 1);
  const [w, h] = [260, 70];
  return (
    <figure className="rec-curves" data-testid="rec-curves">
      <svg viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={`Defects per 1,000 units over ${Math.round((tS.at(-1) ?? 0) / 60)} min: holding ends at ${hold.at(-1)?.toFixed(1)}, the proposal at ${cand.at(-1)?.toFixed(1)}`}>
        <polyline points={curvePoints(tS, hold, max, w, h)} fill="none" stroke="#e2a23b" strokeWidth="2" />
        <polyline points={curvePoints(tS, cand, max, w, h)} fill="none" stroke="#2ee27a" strokeWidth="2" />
      </svg>
      <figcaption className="muted small">
        <span style={{ color: '#e2a23b' }}>holding</span> vs <span style={{ color: '#2ee27a' }}>proposal</span>, defects per 1,000 (0–{Math.round(max)})
      </figcaption>
    </figure>
  );
}

function RejectForm({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (reason: string) => void; onCancel: () => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const problem = rejectReasonProblem(text);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) onSubmit(text.trim());
  };
  return (
    <form className="dismiss-form" onSubmit={submit}>
      <label htmlFor={id}>Why is this proposal rejected?</label>
      <textarea id={id} rows={2} value={text} onChange={(e) => setText(e.target.value)} data-testid="rec-reject-reason" />
      <p className="muted small">{problem ?? 'Ready to reject.'}</p>
      <div className="btn-row">
        <button type="submit" className="btn btn-danger" disabled={busy || problem !== null} data-testid="rec-reject-submit">Reject</button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function OpenItem({ r }: { r: Recommendation }) {
  const rt = useRuntime();
  const simTime = useTwin((s) => s.simTime);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const act = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await rt.rest.post<Recommendation>(`/api/rl-agent/${path}`, body);
      // Apply at once; the `recommendations` channel brings the same change a moment later.
      rt.store.setState((s) => ({ recommendations: [updated, ...s.recommendations.filter((x) => x.id !== updated.id)] }));
      setRejecting(false);
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const phase = executionPhase(r, simTime);
  const observed = observedLine(r);
  return (
    <li className="alert rec" data-testid="rec-item" data-rec-id={r.id} data-status={r.status}>
      <div className="alert-head">
        <span className="sev-badge">{r.status}</span>
        <span className="alert-asset">{r.asset}</span>
        <span className="muted small">{r.id}</span>
      </div>
      <ul className="rec-moves">{moveLines(r).map((m) => <li key={m}>{m}</li>)}</ul>
      <ul className="muted small" data-testid="rec-effects">{effectLines(r).map((e) => <li key={e}>{e}</li>)}</ul>
      <p className="small">{r.evidence.rationale}</p>
      <p className="muted small" data-testid="rec-trust">{trustLine(r)} · {r.evidence.runs} verification runs</p>
      <BranchCurves r={r} />
      {phase.phase === 'ramping' ? (
        <p className="small" data-testid="rec-progress">
          Ramping at the policy rate: {Math.round(phase.progress * 100)} %, {duration(phase.remainingS)} to go <progress max={1} value={phase.progress} />
        </p>
      ) : null}
      {phase.phase === 'watching' ? <p className="small" data-testid="rec-window">Watching quality: rollback window closes in {duration(phase.remainingS)}</p> : null}
      {observed ? <p className="muted small" data-testid="rec-observed">{observed}</p> : null}
      <div className="btn-row">
        {r.status === 'proposed' ? (
          <>
            <button className="btn btn-primary" disabled={busy} onClick={() => void act('apply-recommendation', { id: r.id })} data-testid="rec-approve">Approve and apply</button>
            <button className="btn btn-ghost" disabled={busy} onClick={() => setRejecting((x) => !x)} aria-expanded={rejecting} data-testid="rec-reject">Reject…</button>
          </>
        ) : null}
        {r.status === 'applying' ? (
          <button className="btn btn-danger" disabled={busy} onClick={() => void act('rollback', { id: r.id, reason: 'rolled back from the viewer' })} data-testid="rec-rollback">Roll back now</button>
        ) : null}
      </div>
      {rejecting ? <RejectForm busy={busy} onSubmit={(reason) => void act('reject', { id: r.id, reason })} onCancel={() => setRejecting(false)} /> : null}
      {error ? <p className="error" role="alert" data-testid="rec-error">{error}</p> : null}
    </li>
  );
}

const MODES = ['manual', 'semi-auto', 'auto'] as const;

/** Engineers: on/off, the mode of each line, cadence, reward weights and the rollback rule (PUT /api/rl-agent/settings). */
function OptimizerSettingsForm() {
  const rt = useRuntime();
  const lines = useTwin((s) => (s.topology?.assets ?? []).filter((a) => a.kind === 'line').map((a) => a.id));
  const [base, setBase] = useState<OptimizerSettings | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    rt.rest.get<OptimizerSettings>('/api/rl-agent/settings').then((s) => { setBase(s); setDraft(draftOf(s)); }, (err: Error) => setNote(err.message));
  }, [rt]);
  if (!base || !draft) return note ? <p className="error small">{note}</p> : null;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const out = settingsFromDraft(draft, base);
    if ('problem' in out) return setNote(out.problem);
    try {
      const saved = await rt.rest.put<OptimizerSettings>('/api/rl-agent/settings', out.settings);
      setBase(saved);
      setDraft(draftOf(saved));
      setNote('Saved.');
    } catch (err) {
      setNote(err instanceof ApiCallError ? err.message : String(err));
    }
  };
  const field = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <label className="small">
      {label} <input inputMode="decimal" size={6} value={value} onChange={(e) => set(e.target.value)} data-testid={testId} />
    </label>
  );
  return (
    <form className="rec-settings" onSubmit={(e) => void save(e)} data-testid="rec-settings">
      <label className="small">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} /> plan on the cadence and after alerts
      </label>
      {lines.map((id) => (
        <label key={id} className="small">
          {id}{' '}
          <select value={draft.modes[id] ?? 'manual'} onChange={(e) => setDraft({ ...draft, modes: { ...draft.modes, [id]: e.target.value as (typeof MODES)[number] } })} data-testid={`rec-mode-${id}`}>
            {MODES.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
      ))}
      {field('every (min)', draft.cadenceMin, (v) => setDraft({ ...draft, cadenceMin: v }), 'rec-cadence')}
      {field('rollback window (min)', draft.windowMin, (v) => setDraft({ ...draft, windowMin: v }), 'rec-window-min')}
      {field('roll back above (+%)', draft.worseningPct, (v) => setDraft({ ...draft, worseningPct: v }), 'rec-worsening')}
      {(Object.keys(draft.weights) as (keyof SettingsDraft['weights'])[]).map((k) => field(`weight ${k}`, draft.weights[k], (v) => setDraft({ ...draft, weights: { ...draft.weights, [k]: v } }), `rec-weight-${k}`))}
      <div className="btn-row">
        <button type="submit" className="btn">Save settings</button>
      </div>
      {note ? <p className="muted small" role="status">{note}</p> : null}
    </form>
  );
}

/** The optimizer: open proposals with their evidence and decisions, changes being applied, the history; engineers plan on demand. */
export function RecommendationsPanel() {
  const rt = useRuntime();
  const recs = useTwin((s) => s.recommendations);
  const [planning, setPlanning] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const open = openRecommendations(recs);
  const history = recommendationHistory(recs);
  const plan = async () => {
    setPlanning(true);
    setNote(null);
    try {
      const made = await rt.rest.post<Recommendation[]>('/api/rl-agent/optimize', {});
      rt.store.setState((s) => ({ recommendations: [...made, ...s.recommendations.filter((x) => !made.some((m) => m.id === x.id))].slice(0, 50) }));
      setNote(made.length === 0 ? 'Nothing to plan: every line is busy or has an open proposal.' : `${made.filter((m) => m.status === 'proposed').length} proposed, ${made.filter((m) => m.status === 'dropped').length} dropped by verification.`);
    } catch (err) {
      setNote(err instanceof ApiCallError ? err.message : String(err));
    } finally {
      setPlanning(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="recs-title" data-testid="recommendations-panel">
      <header className="panel-head">
        <h2 id="recs-title">Optimizer</h2>
        <button className="btn" disabled={planning} onClick={() => void plan()} data-testid="rec-plan" title="Engineers: plan now on the live plant">{planning ? 'Planning…' : 'Plan now'}</button>
      </header>
      {note ? <p className="muted small" role="status" data-testid="rec-plan-note">{note}</p> : null}
      {open.length === 0 ? <p className="empty">No open proposals.</p> : null}
      <ul className="alert-list" data-testid="rec-open">{open.map((r) => <OpenItem key={r.id} r={r} />)}</ul>
      <h3 className="small">History</h3>
      {history.length === 0 ? <p className="empty">Nothing decided yet.</p> : null}
      <ul className="rec-history small" data-testid="rec-history">
        {history.slice(0, 30).map((r) => (
          <li key={r.id} data-rec-id={r.id} data-status={r.status}>
            <strong>{r.asset}</strong> {moveLines(r).join('; ') || 'hold'} — {historyLine(r)}
          </li>
        ))}
      </ul>
      <details>
        <summary className="small">Settings (engineers)</summary>
        <OptimizerSettingsForm />
      </details>
    </section>
  );
}
