import { useEffect, useState, type FormEvent } from 'react';
import type { SetpointValue } from '../../../protocol/plant.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { checkSetpoint, lagText, setpointErrorText, spNum } from './setpoint-logic.ts';

/** How often target and actual are refreshed: actuators move between polls, not at each sample. */
const POLL_MS = 2000;

type Outcome = { readonly kind: 'ok' | 'error'; readonly text: string } | null;

/**
 * One setpoint: target vs actual, and a two-step change (enter a value, then confirm) within its bounds.
 * While a session is followed (`session`), the value becomes that session's branch action instead:
 * nothing is sent, and the live plant is never touched from a replay.
 */
function SetpointRow({ sp, onChanged, session }: { sp: SetpointValue; onChanged: (v: SetpointValue) => void; session: string | null }) {
  const rt = useRuntime();
  const [input, setInput] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const check = checkSetpoint(input, sp);
  const review = (e: FormEvent) => {
    e.preventDefault();
    if (!check.ok) return;
    if (session !== null) {
      rt.store.setState((s) => ({ branchDraft: { ...s.branchDraft, setpoint: sp.id, value: String(check.value) } }));
      setOutcome({ kind: 'ok', text: `${sp.id} → ${spNum(check.value)} ${sp.unit} is the branch action of session ${session}: press "Branch here" in Replay. The live plant is not changed.` });
      setInput('');
      return;
    }
    setConfirming(check.value);
    setOutcome(null);
  };
  const send = async () => {
    if (confirming === null) return;
    setBusy(true);
    try {
      const view = await rt.rest.put<SetpointValue>(`/api/plant/setpoints/${encodeURIComponent(sp.id)}`, { value: confirming });
      onChanged(view);
      setOutcome({ kind: 'ok', text: `Target set to ${spNum(view.target)} ${sp.unit}; the actual value follows as the actuator responds.` });
      setInput('');
    } catch (err) {
      setOutcome({ kind: 'error', text: setpointErrorText(err) });
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };
  const inputId = `sp-${sp.id}`;
  return (
    <li className="setpoint" data-testid={`setpoint-${sp.id}`}>
      <div className="setpoint-head">
        <label htmlFor={inputId}><strong>{sp.name}</strong> <span className="muted small">{sp.min}–{sp.max} {sp.unit}</span></label>
        <span className="setpoint-values">
          <span>target <strong data-testid="setpoint-target">{spNum(sp.target)}</strong></span>
          <span>actual <strong data-testid="setpoint-actual">{spNum(sp.actual)}</strong> <span className="muted">{sp.unit}</span></span>
        </span>
      </div>
      <p className="muted small">{lagText(sp)}</p>
      {confirming === null ? (
        <form className="form-row" onSubmit={review}>
          <input id={inputId} type="number" inputMode="decimal" min={sp.min} max={sp.max} step="any" className="num-input" placeholder={spNum(sp.target)} value={input} onChange={(e) => { setInput(e.target.value); setOutcome(null); }} aria-invalid={input !== '' && !check.ok} aria-describedby={`${inputId}-hint`} data-testid="setpoint-input" />
          <button type="submit" className="btn" disabled={!check.ok} data-testid="setpoint-change">{session !== null ? 'Use in branch' : 'Change…'}</button>
          <span id={`${inputId}-hint`} className={`small ${input !== '' && !check.ok ? 'error' : 'muted'}`}>{input !== '' && !check.ok ? check.reason : ''}</span>
        </form>
      ) : (
        <div className="confirm" role="alertdialog" aria-label={`Confirm ${sp.name} change`} data-testid="setpoint-confirm">
          <p className="small">Change <strong>{sp.id}</strong> on the live plant from {spNum(sp.target)} to <strong>{spNum(confirming)} {sp.unit}</strong>?</p>
          <div className="btn-row">
            <button className="btn btn-primary" onClick={() => void send()} disabled={busy} data-testid="setpoint-confirm-send">{busy ? 'Sending…' : 'Confirm change'}</button>
            <button className="btn" onClick={() => setConfirming(null)} disabled={busy}>Cancel</button>
          </div>
        </div>
      )}
      {outcome ? <p className={outcome.kind === 'ok' ? 'ok small' : 'error small'} role={outcome.kind === 'error' ? 'alert' : 'status'} data-testid="setpoint-result">{outcome.text}</p> : null}
    </li>
  );
}

/**
 * The asset's setpoints, polled so the actual value is seen to follow. Operators steer the live plant
 * here; while a session is followed the values are that session's and a change edits its branch action.
 */
export function SetpointControls({ asset }: { asset: string }) {
  const rt = useRuntime();
  const session = useTwin((s) => s.followedSession);
  const [list, setList] = useState<SetpointValue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    setList(null);
    const path = session !== null ? `/api/sessions/${encodeURIComponent(session)}/setpoints` : '/api/plant/setpoints';
    const load = () => rt.rest.get<SetpointValue[]>(path).then((l) => { if (!stop) { setList(l); setError(null); } }, (e: Error) => !stop && setError(e.message));
    void load();
    const id = setInterval(load, POLL_MS);
    return () => { stop = true; clearInterval(id); };
  }, [rt.rest, session]);
  const mine = (list ?? []).filter((s) => s.asset === asset);
  if (list !== null && mine.length === 0) return null;
  const replace = (v: SetpointValue) => setList((l) => (l ?? []).map((s) => (s.id === v.id ? v : s)));
  return (
    <section className="setpoints" aria-label={`Setpoints of ${asset}`} data-testid="setpoints">
      <h4>Setpoints {session !== null
        ? <span className="muted small" data-testid="setpoints-session">of session {session}, not the live plant; a change here becomes the branch action</span>
        : <span className="muted small">operators and engineers; changes act on the live plant</span>}</h4>
      {error ? <p className="error small" role="alert">{error}</p> : null}
      {list === null ? <p className="muted small">Loading setpoints…</p> : <ul className="setpoint-list">{mine.map((sp) => <SetpointRow key={sp.id} sp={sp} onChanged={replace} session={session} />)}</ul>}
    </section>
  );
}
