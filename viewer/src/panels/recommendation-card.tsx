import { useState } from 'react';
import type { Recommendation } from '../../../protocol/recommendation.ts';
import { useTwin } from '../shell/runtime-context.tsx';
import { duration, fmt } from '../util/format.ts';
import { ReasonForm } from './dismiss-form.tsx';
import { curveMax, curvePoints, effectLines, executionPhase, moveLines, observedLine, phaseLine, rejectReasonProblem, trustLine } from './recommendations-logic.ts';
import { relativeTime } from './relative-time.ts';

const HOLD = '#e2a23b';
const PROPOSAL = '#2ee27a';

/** Holding vs the proposal: defects per 1,000 units over the verification horizon (the mean of the paired runs). */
function BranchCurves({ r }: { r: Recommendation }) {
  const { tS, holdDefectsPer1000: hold, candidateDefectsPer1000: cand } = r.evidence.curves;
  if (tS.length < 2) return null;
  const max = curveMax(r);
  const [w, h, pad] = [300, 80, 4];
  const label = `Defects per 1,000 units over ${duration(tS.at(-1) ?? 0)}: holding ends at ${fmt(hold.at(-1))}, the proposal at ${fmt(cand.at(-1))}`;
  return (
    <figure className="rec-curves" data-testid="rec-curves">
      <svg viewBox={`0 0 ${w} ${h + 2 * pad}`} preserveAspectRatio="none" role="img" aria-label={label}>
        <line x1={0} y1={h + pad} x2={w} y2={h + pad} className="rec-axis" vectorEffect="non-scaling-stroke" />
        <g transform={`translate(0 ${pad})`}>
          <polyline points={curvePoints(tS, hold, max, w, h)} fill="none" stroke={HOLD} strokeWidth="2" vectorEffect="non-scaling-stroke" />
          <polyline points={curvePoints(tS, cand, max, w, h)} fill="none" stroke={PROPOSAL} strokeWidth="2" vectorEffect="non-scaling-stroke" />
        </g>
      </svg>
      <figcaption className="muted small">
        <span style={{ color: HOLD }}>━ holding</span> <span style={{ color: PROPOSAL }}>━ proposal</span> · defects per 1,000 (0–{fmt(max)}) over the next {duration(tS.at(-1) ?? 0)}
      </figcaption>
    </figure>
  );
}

/** A change being applied: the ramp's progress, the rollback window's countdown and what the line has made since. */
function ExecutionView({ r }: { r: Recommendation }) {
  const simTime = useTwin((s) => s.simTime);
  const phase = executionPhase(r, simTime);
  const line = phaseLine(phase);
  const observed = observedLine(r);
  if (!line && !observed) return null;
  return (
    <div className="rec-execution" data-testid="rec-execution">
      {phase.phase === 'ramping' ? (
        <p className="small" data-testid="rec-progress" data-progress={Math.round(phase.progress * 100)}>
          <progress max={1} value={phase.progress} aria-label="Ramp progress" /> {line}
        </p>
      ) : null}
      {phase.phase === 'watching' ? <p className="small" data-testid="rec-window">{line}</p> : null}
      {observed ? <p className="muted small" data-testid="rec-observed">{observed}</p> : null}
    </div>
  );
}

export interface CardProps {
  readonly r: Recommendation;
  /** The caller may approve, reject and roll back (operator and above). */
  readonly canDecide: boolean;
  /** POSTs to /api/rl-agent/<path>; resolves true when the server accepted it. */
  readonly act: (path: string, body: unknown, what: string) => Promise<boolean>;
}

/** One open recommendation: what it changes, the evidence, the decision buttons and, once approved, its execution. */
export function RecommendationCard({ r, canDecide, act }: CardProps) {
  const simTime = useTwin((s) => s.simTime);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const run = async (path: string, body: unknown, what: string) => {
    setBusy(true);
    if (await act(path, body, what)) setRejecting(false);
    setBusy(false);
  };
  const ev = r.evidence;
  return (
    <li className={`alert rec rec-${r.status}`} data-testid="rec-item" data-rec-id={r.id} data-status={r.status}>
      <div className="alert-head">
        <span className="sev-badge rec-badge" data-testid="rec-status">{r.status}</span>
        <span className="alert-asset">{r.asset}</span>
        <time className="muted" dateTime={r.createdAt} title={`${r.id}, planned at ${r.createdAt}`}>{relativeTime(r.createdAt, simTime)}</time>
      </div>
      <ul className="rec-moves" aria-label="Setpoint changes">{moveLines(r).map((m) => <li key={m}>{m}</li>)}</ul>
      <ul className="rec-effects small" data-testid="rec-effects" aria-label="Expected effects, changed minus holding">{effectLines(r).map((e) => <li key={e}>{e}</li>)}</ul>
      <p className="muted small" data-testid="rec-trust">{trustLine(r)} · {ev.runs} verification runs</p>
      <BranchCurves r={r} />
      <p className="small rec-rationale" data-testid="rec-rationale">{ev.rationale}</p>
      <ExecutionView r={r} />
      {canDecide ? (
        <div className="btn-row">
          {r.status === 'proposed' ? (
            <>
              <button className="btn btn-primary" disabled={busy} onClick={() => void run('apply-recommendation', { id: r.id }, 'Approval')} data-testid="rec-approve">Approve and apply</button>
              <button className="btn btn-ghost" disabled={busy} onClick={() => setRejecting((x) => !x)} aria-expanded={rejecting} data-testid="rec-reject">Reject…</button>
            </>
          ) : null}
          {r.status === 'applying' ? (
            <button className="btn btn-danger" disabled={busy} onClick={() => void run('rollback', { id: r.id, reason: 'rolled back from the viewer' }, 'Rollback')} data-testid="rec-rollback">Roll back now</button>
          ) : null}
        </div>
      ) : null}
      {rejecting && canDecide ? (
        <ReasonForm
          busy={busy}
          onSubmit={(reason) => void run('reject', { id: r.id, reason }, 'Rejection')}
          onCancel={() => setRejecting(false)}
          label="Why is this proposal rejected?"
          problemOf={rejectReasonProblem}
          ready="Ready to reject."
          submitLabel="Reject proposal"
          inputTestId="rec-reject-reason"
          submitTestId="rec-reject-submit"
        />
      ) : null}
    </li>
  );
}
