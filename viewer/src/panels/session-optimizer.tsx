import { useEffect, useState } from 'react';
import type { SessionOptimizerView } from '../../../protocol/recommendation.ts';
import type { SessionView } from '../../../protocol/sessions.ts';
import { roleAllows } from '../api/roles.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { apiErrorText } from './recommendations-logic.ts';
import { proposalLines } from './session-optimizer-logic.ts';

/**
 * Trainers: the optimizer on or off in the followed session (PUT /api/sessions/:id/optimizer) and
 * what it would have proposed at each round of the session's simulated time. Nothing is applied.
 */
export function SessionOptimizer({ session }: { session: SessionView }) {
  const rt = useRuntime();
  const me = useTwin((s) => s.me);
  const mayToggle = roleAllows(me, 'trainer') || roleAllows(me, 'engineer');
  const [view, setView] = useState<SessionOptimizerView | null>(null);
  const [note, setNote] = useState<string | null>(null);
  // Polled while followed, as the timeline is (rounds arrive as the session runs).
  useEffect(() => {
    let stop = false;
    const load = () => rt.rest.get<SessionOptimizerView>(`/api/sessions/${session.id}/optimizer`).then((v) => !stop && setView(v), () => {});
    void load();
    const id = setInterval(load, 2000);
    return () => { stop = true; clearInterval(id); };
  }, [session.id, rt]);
  const toggle = async (enabled: boolean) => {
    setNote(null);
    try {
      setView(await rt.rest.put<SessionOptimizerView>(`/api/sessions/${session.id}/optimizer`, { enabled }));
    } catch (err) {
      setNote(apiErrorText(err, 'Switching the optimizer'));
    }
  };
  if (!view) return null;
  const lines = proposalLines(view.proposals);
  return (
    <div className="stack small" data-testid="session-optimizer">
      <label>
        <input type="checkbox" checked={view.enabled} disabled={!mayToggle} onChange={(e) => void toggle(e.target.checked)} data-testid="session-optimizer-toggle" /> optimizer on in this session
        <span className="muted"> (plans every {Math.round(view.cadenceS / 60)} simulated min; shows what it would propose, applies nothing)</span>
      </label>
      {note ? <p className="error" role="status">{note}</p> : null}
      {lines.length > 0 ? <ul data-testid="session-optimizer-list">{lines.map((l, i) => <li key={`${i}-${l}`}>{l}</li>)}</ul> : view.enabled ? <p className="muted">No round yet: the first is at the next cadence boundary.</p> : null}
    </div>
  );
}
