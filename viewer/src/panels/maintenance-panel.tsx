import { useEffect, useState, type FormEvent } from 'react';
import type { SchedulePlan } from '../../../protocol/maintenance.ts';
import { ApiCallError } from '../api/rest-client.ts';
import { mayPlan } from '../api/roles.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { dayTicks, ganttRows, solverLine, twinRows } from './maintenance-logic.ts';

const ROW_H = 26;
const LABEL_W = 64;
const CHART_W = 560;

/** A Gantt chart per team over the horizon: each job a bar, its risk before and after in its tooltip. */
function Gantt({ plan }: { plan: SchedulePlan }) {
  const rows = ganttRows(plan);
  const ticks = dayTicks(plan);
  const w = CHART_W - LABEL_W;
  const h = rows.length * ROW_H + 18;
  return (
    <svg className="gantt" viewBox={`0 0 ${CHART_W} ${h}`} role="img" aria-label={`Maintenance jobs per team over ${plan.horizonDays} days`} data-testid="maintenance-gantt">
      {ticks.map((t) => (
        <g key={t.label}>
          <line x1={LABEL_W + t.x * w} x2={LABEL_W + t.x * w} y1={0} y2={rows.length * ROW_H} className="gantt-tick" />
          <text x={LABEL_W + t.x * w} y={h - 4} className="gantt-day" textAnchor={t.x >= 1 ? 'end' : 'start'}>{t.label}</text>
        </g>
      ))}
      {rows.map((r, i) => (
        <g key={r.team} data-testid="gantt-row">
          <text x={0} y={i * ROW_H + 17} className="gantt-team">{r.team}</text>
          {r.bars.map((b) => (
            <g key={`${b.unit}-${b.x}`} className={`gantt-bar gantt-${b.state}`} data-testid="gantt-bar">
              <title>{b.title}</title>
              <rect x={LABEL_W + b.x * w} y={i * ROW_H + 4} width={Math.max(3, b.width * w)} height={ROW_H - 8} rx={3} />
              <text x={LABEL_W + b.x * w + 3} y={i * ROW_H + 17} className="gantt-label">{b.label}</text>
            </g>
          ))}
        </g>
      ))}
    </svg>
  );
}

/** The maintenance planner (reliability engineers): plan from the served predictions, see it on the twin, apply it. */
export function MaintenancePanel() {
  const rt = useRuntime();
  const me = useTwin((s) => s.me);
  const [plan, setPlan] = useState<SchedulePlan | null>(null);
  const [teams, setTeams] = useState(2);
  const [days, setDays] = useState(7);
  const [risk, setRisk] = useState(0.7);
  const [rulH, setRulH] = useState(24);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const engineer = mayPlan(me);
  useEffect(() => {
    rt.rest.get<SchedulePlan | null>('/api/maintenance/schedule').then(setPlan, (e: Error) => setError(e.message));
  }, [rt.rest]);
  const act = async (call: () => Promise<SchedulePlan>) => {
    setBusy(true);
    setError(null);
    try {
      setPlan(await call());
    } catch (err) {
      setError(err instanceof ApiCallError && err.status === 403 ? `${err.message} — planning needs the engineer role` : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(() => rt.rest.post<SchedulePlan>('/api/optimizer/schedule', { teams_available: teams, horizon_days: days, risk_threshold: risk, rul_threshold: rulH }));
  };
  const twin = plan ? twinRows(plan) : null;
  return (
    <section className="panel" aria-labelledby="maint-title" data-testid="maintenance">
      <header className="panel-head"><h2 id="maint-title">Maintenance plan</h2><span className="muted small">from the served failure-risk and RUL predictions; checked on forks of the twin</span></header>
      <form onSubmit={submit} className="stack">
        <div className="btn-row">
          <label className="field">Teams <input type="number" min={1} max={50} value={teams} onChange={(e) => setTeams(Number(e.target.value))} data-testid="maint-teams" /></label>
          <label className="field">Days <input type="number" min={1} max={30} value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="maint-days" /></label>
          <label className="field">Risk over <input type="number" min={0} max={1} step={0.05} value={risk} onChange={(e) => setRisk(Number(e.target.value))} /></label>
          <label className="field">RUL under (h) <input type="number" min={0} step={1} value={rulH} onChange={(e) => setRulH(Number(e.target.value))} /></label>
        </div>
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={busy || !engineer} title={engineer ? undefined : 'planning needs the engineer role'} data-testid="maint-plan">{busy ? 'Planning…' : 'Plan'}</button>
          {plan && !plan.applied && engineer ? <button type="button" className="btn" disabled={busy} onClick={() => void act(() => rt.rest.post<SchedulePlan>(`/api/maintenance/schedule/${encodeURIComponent(plan.id)}/apply`, {}))} data-testid="maint-apply">Apply to the plant</button> : null}
        </div>
      </form>
      {error ? <p className="error" role="alert" data-testid="maint-error">{error}</p> : null}
      {plan === null ? <p className="empty">No maintenance plan yet.</p> : (
        <div className="stack" data-testid="maint-plan-view">
          <p className="small">
            <strong>{plan.id}</strong> from {plan.from.slice(0, 16).replace('T', ' ')} UTC by {plan.requestedBy} · <span data-testid="maint-solver">{solverLine(plan)}</span>
            {plan.applied ? <> · applied by {plan.applied.by}</> : null}
          </p>
          <Gantt plan={plan} />
          <p className="small muted">Expected cost {plan.costs.planned.toFixed(0)} against {plan.costs.runToFailure.toFixed(0)} running to failure (greedy {plan.greedy.costs.planned.toFixed(0)}) — {plan.basis}</p>
          {twin ? (
            <table className="table" data-testid="maint-twin">
              <caption className="small muted">On the twin: {plan.twinCheck!.seeds.length} seeds over {plan.twinCheck!.horizonH} h, mean [95 % interval]</caption>
              <thead><tr><th>Policy</th><th>Jobs</th><th>Failures</th><th>Avoided</th><th>Downtime h</th><th>Cost</th><th>Change</th></tr></thead>
              <tbody>{twin.map((r) => <tr key={r.policy}><td>{r.policy}</td><td>{r.jobs}</td><td>{r.failures}</td><td>{r.avoided}</td><td>{r.downtimeH}</td><td>{r.cost}</td><td>{r.costChange}</td></tr>)}</tbody>
            </table>
          ) : <p className="small warn" data-testid="maint-twin-missing">Not checked on the twin: {plan.twinCheckError}</p>}
          {plan.unschedulable.length > 0 ? <p className="small warn">Required but no crew or window can take: {plan.unschedulable.join(', ')}</p> : null}
          {plan.skipped.length > 0 ? <details className="small"><summary>{plan.skipped.length} machines left out</summary><ul>{plan.skipped.map((s) => <li key={s.unit}>{s.unit}: {s.reason}</li>)}</ul></details> : null}
        </div>
      )}
    </section>
  );
}
