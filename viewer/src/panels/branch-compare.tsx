import { useEffect, useState } from 'react';
import type { SessionView, TimelineMark } from '../../../protocol/sessions.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { clock, fmt } from '../util/format.ts';
import { baselineKnownUntilS, compareBranchDefects } from './branch-compare-logic.ts';

/**
 * Baseline vs branch: defects per type of the session the branch came from and of the branch, over the
 * same window (branch point to where both are known), from the two sessions' timelines.
 */
export function BranchCompare({ branch }: { branch: SessionView }) {
  const rt = useRuntime();
  const src = branch.source;
  const baseline = useTwin((s) => (src.kind === 'branch' ? s.sessions[src.from] ?? null : null));
  const branchMarks = useTwin((s) => s.followedTimeline);
  const [baselineMarks, setBaselineMarks] = useState<TimelineMark[]>([]);
  const [error, setError] = useState<string | null>(null);
  const fromId = src.kind === 'branch' ? src.from : null;
  useEffect(() => {
    if (fromId === null) return;
    let stop = false;
    const load = () => {
      void rt.rest.get<TimelineMark[]>(`/api/sessions/${fromId}/timeline`).then((m) => !stop && setBaselineMarks(m), () => {});
      void rt.rest.get<SessionView>(`/api/sessions/${fromId}`).then((v) => !stop && rt.store.setState((s) => ({ sessions: { ...s.sessions, [v.id]: v } })), () => {});
    };
    load();
    const id = setInterval(load, 2000);
    return () => { stop = true; clearInterval(id); };
  }, [fromId, rt]);
  if (src.kind !== 'branch') return null;
  if (!baseline) return <p className="muted small" data-testid="branch-compare">The session this branch came from ({src.from}) is closed: nothing to compare with.</p>;
  const toS = Math.min(branch.tS, baselineKnownUntilS(baseline));
  const c = compareBranchDefects(baselineMarks, branchMarks, src.atS, toS);
  const runBaseline = async () => {
    setError(null);
    try {
      const v = await rt.rest.post<SessionView>(`/api/sessions/${baseline.id}/control`, { action: 'seek', t: branch.tS });
      rt.store.setState((s) => ({ sessions: { ...s.sessions, [v.id]: v } }));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const rate = (v: number | null) => (v === null ? '—' : `${fmt(v)}/h`);
  return (
    <section className="branch-compare" aria-label="Baseline and branch defects" data-testid="branch-compare" data-window={c ? `${c.fromS}-${c.toS}` : ''}>
      <h3 className="small">Defects: baseline {baseline.id} vs branch {branch.id}{c ? <span className="muted"> · {clock(c.fromS)}–{clock(c.toS)}</span> : null}</h3>
      {baseline.tS < branch.tS && baselineKnownUntilS(baseline) < branch.tS ? (
        <p className="small">
          <span className="muted">The baseline {baseline.id} stands at {clock(baseline.tS)}; the branch at {clock(branch.tS)}. </span>
          <button className="btn btn-xs" onClick={() => void runBaseline()} data-testid="branch-run-baseline">Run baseline to {clock(branch.tS)}</button>
        </p>
      ) : null}
      {c === null ? <p className="muted small">Run the branch on (Play or Step) to compare its defects with the baseline's.</p> : (
        <table className="table compact" data-testid="branch-compare-table">
          <thead><tr><th>Defect type</th><th className="num">Baseline</th><th className="num">Branch</th><th className="num">Δ</th></tr></thead>
          <tbody>
            {[...c.rows, c.total].map((r) => (
              <tr key={r.type} className={r.type === 'total' ? 'total' : ''} data-testid={`compare-row-${r.type}`}>
                <td>{r.type === 'total' ? <strong>all types</strong> : r.type}</td>
                <td className="num" data-testid="compare-baseline">{r.baseline} <span className="muted small">{rate(r.baselinePerH)}</span></td>
                <td className="num" data-testid="compare-branch">{r.branch} <span className="muted small">{rate(r.branchPerH)}</span></td>
                <td className={`num ${r.delta > 0 ? 'bad' : r.delta < 0 ? 'good' : ''}`}>{r.delta > 0 ? `+${r.delta}` : r.delta}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error ? <p className="error small" role="alert">{error}</p> : null}
    </section>
  );
}
