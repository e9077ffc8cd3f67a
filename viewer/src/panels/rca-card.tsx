import { useEffect, useState } from 'react';
import type { AlertView } from '../../../protocol/alerts.ts';
import type { RcaCauseWire, RootCauseAnswer } from '../../../protocol/knowledge.ts';
import { ApiCallError } from '../api/rest-client.ts';
import { mayDecide } from '../api/roles.ts';
import { navigate, uiStore } from '../shell/ui-store.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { focusOfCause } from './kg-logic.ts';
import { EvidenceCharts, useEvidenceSeries, type EvidenceSeries } from './rca-evidence.tsx';
import { evidenceLine, feedbackFor, interventionLine, mayGiveFeedback, pathLine, percent, verdictNote, whatIfPrefill } from './rca-logic.ts';

function CauseItem({ answer, cause, rank, series }: { answer: RootCauseAnswer; cause: RcaCauseWire; rank: number; series: { series: EvidenceSeries | null; error: string | null } }) {
  const rt = useRuntime();
  const me = useTwin((s) => s.me);
  const [note, setNote] = useState<{ text: string; confidence: number | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (verdict: 'confirmed' | 'rejected') => {
    setBusy(true);
    try {
      const r = await rt.rest.post<{ updated: { id: string; confidence: number | null }[] }>('/api/knowledge-graph/feedback', feedbackFor(answer, cause, verdict));
      setNote(verdictNote(verdict, r.updated));
    } catch (err) {
      setNote({ text: err instanceof ApiCallError ? err.message : String(err), confidence: null });
    } finally {
      setBusy(false);
    }
  };
  const tryIt = (prefill: ReturnType<typeof whatIfPrefill>) => {
    if (!prefill) return;
    uiStore.setState({ whatIfPrefill: prefill });
    navigate('what-if');
  };
  const showInGraph = () => {
    uiStore.setState({ kgFocus: focusOfCause(answer, cause) });
    navigate('knowledge');
  };
  const feedback = mayGiveFeedback(cause, answer.symptom.kind);
  return (
    <li className={`rca-cause rca-${cause.kind}`} data-testid="rca-cause" data-cause-id={cause.root_cause_id} data-rank={rank}>
      <div className="rca-head">
        <strong data-testid="rca-cause-label">{cause.label}</strong>
        <span className="rca-confidence" data-testid="rca-confidence">{percent(cause.confidence)}</span>
      </div>
      <div className="rca-bar" aria-hidden="true"><span style={{ width: percent(cause.confidence).replace(' ', '') }} /></div>
      <p className="muted small" data-testid="rca-evidence">{evidenceLine(cause)}</p>
      <EvidenceCharts answer={answer} cause={cause} series={series.series} error={series.error} />
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
      <div className="btn-row">
        {cause.kind !== 'none' ? <button className="btn btn-ghost btn-small" onClick={showInGraph} data-testid="rca-show-graph">Show in graph</button> : null}
      </div>
      {feedback && mayDecide(me) ? (
        <div className="btn-row">
          <button className="btn" disabled={busy} onClick={() => void send('confirmed')} data-testid="rca-confirm">Confirm cause</button>
          <button className="btn btn-ghost" disabled={busy} onClick={() => void send('rejected')} data-testid="rca-reject">Reject</button>
        </div>
      ) : null}
      {!feedback && cause.kind === 'process' && cause.evidence.path.length === 0 && answer.symptom.kind === 'sensor' ? (
        <p className="muted small" data-testid="rca-no-feedback">The alert’s own variable: no edge of the graph lies between it and the alert, so there is no confidence to confirm or reject.</p>
      ) : null}
      {note ? <p className="small" data-testid="rca-note" data-confidence={note.confidence ?? ''}>{note.text}</p> : null}
    </li>
  );
}

/** The root-cause analysis of an alert: the diagnosis, the three likeliest causes with their evidence, what to do. */
export function RcaCard({ alert }: { alert: AlertView }) {
  const rt = useRuntime();
  const [answer, setAnswer] = useState<RootCauseAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const series = useEvidenceSeries(answer);
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
          <CauseItem key={c.root_cause_id} answer={answer} cause={c} rank={i + 1} series={series} />
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
