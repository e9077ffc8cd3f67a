import { useMemo, useState } from 'react';
import type { Recommendation } from '../../../protocol/recommendation.ts';
import { mayDecide, mayPlan } from '../api/roles.ts';
import { mergeRecommendations } from '../live/recommendations.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { simStamp } from '../util/format.ts';
import { OptimizerSettingsForm } from './optimizer-settings-form.tsx';
import { RecommendationCard } from './recommendation-card.tsx';
import { apiErrorText, historyLine, moveLines, openRecommendations, planNote, recommendationHistory } from './recommendations-logic.ts';

/** Engineers: plan now, for one asset or every line and machine not busy (POST /api/rl-agent/optimize). */
function PlanNow({ onPlanned }: { onPlanned: (made: Recommendation[]) => void }) {
  const rt = useRuntime();
  const topology = useTwin((s) => s.topology);
  const assets = useMemo(() => (topology?.assets ?? []).filter((a) => a.setpoints.length > 0).map((a) => a.id), [topology]);
  const [asset, setAsset] = useState('');
  const [planning, setPlanning] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const plan = async () => {
    setPlanning(true);
    setNote(null);
    try {
      const made = await rt.rest.post<Recommendation[]>('/api/rl-agent/optimize', asset ? { asset } : {});
      onPlanned(made);
      setNote(planNote(made));
    } catch (err) {
      setNote(apiErrorText(err, 'Planning'));
    } finally {
      setPlanning(false);
    }
  };
  return (
    <div className="rec-plan">
      <div className="form-row">
        <label className="field small">
          Plan for
          <select value={asset} onChange={(e) => setAsset(e.target.value)} data-testid="rec-plan-asset">
            <option value="">every line and machine not busy</option>
            {assets.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <button className="btn btn-primary" disabled={planning} onClick={() => void plan()} data-testid="rec-plan">{planning ? 'Planning…' : 'Plan now'}</button>
      </div>
      {note ? <p className="muted small" role="status" data-testid="rec-plan-note">{note}</p> : null}
    </div>
  );
}

function HistoryItem({ r }: { r: Recommendation }) {
  const last = r.decisions.at(-1);
  return (
    <li data-rec-id={r.id} data-status={r.status} data-automatic={r.execution?.rollback?.automatic ? 'true' : undefined}>
      <span className={`rec-badge rec-${r.status}`}>{r.status.replace('_', ' ')}</span> <strong>{r.asset}</strong>{' '}
      <span className="muted">{last ? simStamp(last.at) : ''}</span>
      <div className="small">{moveLines(r).join('; ') || 'hold the setpoints'}</div>
      <div className="small" data-testid="rec-history-line">{historyLine(r)}</div>
    </li>
  );
}

/** The optimizer: open proposals with their evidence and decisions, changes being applied, the history; engineers plan and set it up. */
export function RecommendationsPanel() {
  const rt = useRuntime();
  const recs = useTwin((s) => s.recommendations);
  const me = useTwin((s) => s.me);
  const [error, setError] = useState<string | null>(null);
  const open = openRecommendations(recs);
  const history = recommendationHistory(recs);
  const canDecide = mayDecide(me);
  const canPlan = mayPlan(me);
  // The answer is applied at once; the `recommendations` channel brings the same change (mergeRecommendations keeps the newer).
  const keep = (made: readonly Recommendation[]) => rt.store.setState((s) => ({ recommendations: mergeRecommendations(s.recommendations, made) }));
  const act = async (path: string, body: unknown, what: string): Promise<boolean> => {
    setError(null);
    try {
      keep([await rt.rest.post<Recommendation>(`/api/rl-agent/${path}`, body)]);
      return true;
    } catch (err) {
      // Shown at the panel, not the card: a stale proposal is expired as it is refused, and its card goes.
      setError(apiErrorText(err, what));
      return false;
    }
  };
  return (
    <section className="panel rec-panel" aria-labelledby="recs-title" data-testid="recommendations-panel">
      <header className="panel-head">
        <h2 id="recs-title">Optimizer</h2>
        <span className="muted small" data-testid="rec-me">{me ? `${me.actor} · ${me.role}` : ''}</span>
      </header>
      {canPlan ? <PlanNow onPlanned={keep} /> : null}
      {me && !canDecide ? <p className="muted small" data-testid="rec-role-hint">Approving, rejecting and rolling back need the operator role; you see what the optimizer proposes.</p> : null}
      {error ? <p className="error" role="alert" data-testid="rec-error">{error}</p> : null}
      <h3 className="small">Open {open.length > 0 ? <span className="count">{open.length}</span> : null}</h3>
      {open.length === 0 ? <p className="empty">No open proposals.</p> : null}
      <ul className="alert-list" data-testid="rec-open">
        {open.map((r) => <RecommendationCard key={r.id} r={r} canDecide={canDecide} act={act} />)}
      </ul>
      <h3 className="small">History</h3>
      {history.length === 0 ? <p className="empty">Nothing decided yet.</p> : null}
      <ul className="rec-history" data-testid="rec-history">
        {history.slice(0, 30).map((r) => <HistoryItem key={r.id} r={r} />)}
      </ul>
      {canPlan ? (
        <details className="rec-settings-section" data-testid="rec-settings-section">
          <summary className="small">Optimizer settings (engineers)</summary>
          <OptimizerSettingsForm />
        </details>
      ) : null}
    </section>
  );
}
