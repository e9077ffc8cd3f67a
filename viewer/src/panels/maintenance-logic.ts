/**
 * The maintenance plan as the Gantt chart and the twin's comparison draw it: one row per team over
 * the horizon, each job a bar at its share of the horizon; the twin's outcomes for doing nothing,
 * the greedy baseline and the plan, each a mean with its 95 % interval.
 */
import type { MeanInterval } from '../../../protocol/maintenance.ts';
import type { SchedulePlan } from '../../../protocol/maintenance.ts';

export interface GanttBar {
  readonly unit: string;
  /** Where the bar starts and how wide it is, as fractions of the horizon (clipped to it). */
  readonly x: number;
  readonly width: number;
  readonly label: string;
  readonly title: string;
  /** Once the plan is applied: the job's state. */
  readonly state: 'planned' | 'pending' | 'done' | 'failed';
}

export interface GanttRow {
  readonly team: string;
  readonly bars: readonly GanttBar[];
}

const pctText = (p: number) => `${Math.round(100 * p)} %`;

export function ganttRows(plan: SchedulePlan): GanttRow[] {
  const fromMs = Date.parse(plan.from);
  const spanMs = plan.horizonDays * 86_400_000;
  return plan.teams.map((team) => ({
    team,
    bars: plan.jobs
      .filter((j) => j.team === team)
      .map((j) => {
        const x = Math.max(0, Math.min(1, (Date.parse(j.start) - fromMs) / spanMs));
        const end = Math.max(x, Math.min(1, (Date.parse(j.end) - fromMs) / spanMs));
        const applied = plan.applied?.jobs.find((a) => a.unit === j.unit && a.start === j.start);
        return {
          unit: j.unit,
          x,
          width: end - x,
          label: j.unit,
          title: `${j.unit}: ${j.failureMode}, ${j.hours} h from ${j.start.slice(0, 16).replace('T', ' ')} UTC; failure risk over the horizon ${pctText(j.riskBefore)} → ${pctText(j.riskAfter)}${applied?.error ? `; failed: ${applied.error}` : ''}`,
          state: applied ? applied.state : 'planned',
        };
      }),
  }));
}

/** Day marks along the horizon: a fraction and a label per day. */
export function dayTicks(plan: SchedulePlan): { x: number; label: string }[] {
  const fromMs = Date.parse(plan.from);
  const n = Math.ceil(plan.horizonDays);
  return Array.from({ length: n + 1 }, (_, d) => ({ x: Math.min(1, d / plan.horizonDays), label: new Date(fromMs + d * 86_400_000).toISOString().slice(5, 10) })).filter((t) => t.x <= 1);
}

/** "1.2 [0.8, 1.6]"; "–" for no figure. */
export function intervalText(m: MeanInterval | null, unit = '', digits = 1): string {
  if (m === null) return '–';
  const f = (v: number) => v.toFixed(digits);
  return m.n < 2 || m.lo === m.hi ? `${f(m.mean)}${unit}` : `${f(m.mean)}${unit} [${f(m.lo)}, ${f(m.hi)}]`;
}

export interface TwinRow {
  readonly policy: string;
  readonly jobs: string;
  readonly failures: string;
  readonly avoided: string;
  readonly downtimeH: string;
  readonly cost: string;
  readonly costChange: string;
}

/** The twin check as table rows, or null when the plan was not checked. */
export function twinRows(plan: SchedulePlan): TwinRow[] | null {
  const t = plan.twinCheck;
  if (!t) return null;
  const money = (m: MeanInterval) => intervalText(m, '', 0);
  return [
    { policy: 'Do nothing', jobs: '0', failures: intervalText(t.nothing.failures), avoided: '–', downtimeH: '0', cost: money(t.nothing.cost), costChange: '–' },
    ...([['Greedy (highest risk first)', t.greedy], ['This plan', t.plan]] as const).map(([policy, s]) => ({
      policy,
      jobs: String(s.jobs),
      failures: intervalText(s.failures),
      avoided: intervalText(s.failuresAvoidedPct, ' %', 0),
      downtimeH: s.plannedDowntimeH.toFixed(0),
      cost: money(s.cost),
      costChange: intervalText(s.costChangePct, ' %', 0),
    })),
  ];
}

/** What the planner's answer rests on, in one line for the panel's head. */
export function solverLine(plan: SchedulePlan): string {
  if (plan.source === 'greedy-fallback') return `Greedy schedule: ${plan.fallbackReason ?? 'the solver gave none'}`;
  return `${plan.solver}: ${plan.status}${plan.gap !== null && plan.gap > 0 ? `, gap ${(100 * plan.gap).toFixed(2)} %` : ''}`;
}
