import { useEffect, useState } from 'react';
import type { AlertView } from '../../../protocol/alerts.ts';
import type { RcaCauseWire, RootCauseAnswer } from '../../../protocol/knowledge.ts';
import { ApiCallError } from '../api/rest-client.ts';
import { mayDecide } from '../api/roles.ts';
import { navigate, uiStore } from '../shell/ui-store.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { evidenceLine, feedbackFor, interventionLine, mayGiveFeedback, pathLine, percent, whatIfPrefill } from './rca-logic.ts';

function CauseItem({ answer, cause, rank }: { answer: RootCauseAnswer; cause: RcaCauseWire; rank: number }) {
  const rt = useRuntime();
  const me = useTwin((s) => s.me);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (verdict: 'confirmed' | 'rejected') => {
    setBusy(true);
    try {
      const r = await rt.rest.post<{ updated: { props: Record<string, unknown> }[] }>('/api/knowledge-graph/feedback', feedbackFor(answer, cause, verdict));
      const e = r.updated[0]?.props;
      const conf = e ? Number(e['alpha']) / (Number(e['alpha']) + Number(e['beta'])) : null;
      setNote(`${verdict === 'confirmed' ? 'Confirmed' : 'Rejected'}${conf !== null ? `: the graph now gives this cause ${percent(conf)}` : ''}`);
    } catch (err) {
      setNote(err instanceof ApiCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const tryIt = (prefill: ReturnType<typeof whatIfPrefill>) => {
    if (!prefill) return;
    uiStore.setState({ whatIfPrefill: prefill });
    navigate('what-if');
  };
  return (
    <li className={`rca-cause rca-${cause.kind}`} data-testid="rca-cause" data-cause-id={cause.root_cause_id} data-rank={rank}>
      <div className="rca-head">
        <strong data-testid="rca-cause-label">{cause.label}</strong>
        <span className="rca-confidence" data-testid="rca-confidence">{percent(cause.confidence)}</span>
      </div>
      <div className="rca-bar" aria-hidden="true"><span style={{ width: percent(cause.confidence).replace(' ', '') }} /></div>
      <p className="muted small" data-testid="rca-evidence">{evidenceLine(cause)}</p>
      {pathLine(cause) ? <p className="muted small" data-testid="rca-path">{pathLine(cause)}</p> : null}
      <p className="small"><strong>Recommended:</strong> {cause.recommended_action}</p>
      {cause.interventions.length > 0 ? (
        <ul className="rca-interventions">
          {cause.interventions.map((iv) => (
            <li key={iv.id} data-testid="rca-intervention">
              {interventionLine(iv)}
              {whatIfPrefill(iv) ? (
                <button className="btn btn-ghost btn-small" onClick={() => tryIt(whatIfPrefill(iv))} data-testid="rca-try">
                  Try in what-if
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mayGiveFeedback(cause) && mayDecide(me) ? (
        <div className="btn-row">
          <button className="btn" disabled={busy} onClick={() => void send('confirmed')} data-testid="rca-confirm">Confirm cause</button>
          <button className="btn btn-ghost" disabled={busy} onClick={() => void send('rejected')} data-testid="rca-reject">Reject</button>
        </div>
      ) : null}
      {note ? <p className="small" data-testid="rca-note">{note}</p> : null}
    </li>
  );
}

/** The root-cause analysis of an alert: the diagnosis, the three likeliest causes with their evidence, what to do. */
export function RcaCard({ alert }: { alert: AlertView }) {
  const rt = useRuntime();
  const [answer, setAnswer] = useState<RootCauseAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    rt.rest.get<RootCauseAnswer>(`/api/knowledge-graph/root-cause?alert_id=${encodeURIComponent(alert.id)}`).then(
      (a) => live && setAnswer(a),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [rt.rest, alert.id]);
  if (error) return <p className="error" role="alert">Root cause: {error}</p>;
  if (!answer) return <p className="muted small" data-testid="rca-loading">Analysing the history…</p>;
  return (
    <div className="rca-card" data-testid="rca-card">
      <p data-testid="rca-diagnosis">{answer.diagnosis}</p>
      <ol className="rca-causes">
        {answer.causes.map((c, i) => (
          <CauseItem key={c.root_cause_id} answer={answer} cause={c} rank={i + 1} />
        ))}
      </ol>
      {answer.failure_modes.length > 0 ? (
        <ol className="rca-causes" data-testid="rca-failure-modes">
          {answer.failure_modes.slice(0, 3).map((m) => (
            <li key={m.failure_mode_id} data-testid="rca-failure-mode">
              <strong>{m.mode.replaceAll('_', ' ')}</strong> {percent(m.confidence)} <span className="muted small">(signature match {m.similarity.toFixed(2)})</span>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
