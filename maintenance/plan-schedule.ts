/**
 * Plans the maintenance: the MIP on the solver behind the port, checked against the input, with the
 * greedy schedule beside it as the baseline — and instead of it, said so, when the solver fails,
 * runs out of time without a solution, or answers with a schedule that breaks a rule.
 */
import { scheduleViolations, missingMust } from './check-schedule.ts';
import { greedySchedule } from './greedy.ts';
import { horizonRisk, jobOptions, mustSchedule, type JobOption } from './job-options.ts';
import type { MipOptions, MipSolver, MipStatus } from './mip.ts';
import { scheduleMip } from './schedule-mip.ts';
import { checkScheduleInput, shiftCount, type ScheduleInput } from './schedule-input.ts';

export interface ScheduleCosts {
  /** Expected cost over the horizon if nothing is done. */
  readonly runToFailure: number;
  /** Expected cost with the schedule: failures before their job, jobs, downtime, lost life. */
  readonly planned: number;
  readonly saving: number;
}

export interface ScheduleResult {
  readonly solver: string;
  /** `mip`: the solver's schedule; `greedy-fallback`: the solver gave none usable, see `fallbackReason`. */
  readonly source: 'mip' | 'greedy-fallback';
  readonly status: MipStatus | 'greedy';
  readonly fallbackReason: string | null;
  readonly gap: number | null;
  readonly jobs: readonly JobOption[];
  readonly costs: ScheduleCosts;
  /** Required units left out: no feasible option (no team with the skill, no window long enough), or more required jobs than the crews can take. */
  readonly unschedulable: readonly string[];
  readonly greedy: { readonly jobs: readonly JobOption[]; readonly costs: ScheduleCosts };
  readonly variables: number;
  readonly constraints: number;
}

export function scheduleCosts(i: ScheduleInput, jobs: readonly JobOption[]): ScheduleCosts {
  const runToFailure = i.units.reduce((s, u) => s + i.costs.failure * horizonRisk(u, i), 0);
  const saving = jobs.reduce((s, j) => s + j.gain, 0);
  return { runToFailure, planned: runToFailure - saving, saving };
}

export async function planSchedule(i: ScheduleInput, solver: MipSolver, solverOptions: MipOptions): Promise<ScheduleResult> {
  checkScheduleInput(i);
  const all = jobOptions(i);
  const withOptions = new Set(all.map((o) => o.unit));
  const unschedulable = i.units.filter((u) => mustSchedule(u, i) && !withOptions.has(u.id)).map((u) => u.id);
  const must = new Set(i.units.filter((u) => mustSchedule(u, i) && withOptions.has(u.id)).map((u) => u.id));
  const greedy = greedySchedule(i, all);
  const greedyResult = { jobs: greedy, costs: scheduleCosts(i, greedy) };
  // An option that loses money is never chosen at the optimum, unless the rules require its unit or
  // it may enable a successor's job: left out of the MIP, which shrinks a healthy fleet's model a lot.
  const enabling = new Set(i.precedences.map((p) => p.before));
  const candidates = all.filter((o) => o.gain > 0 || must.has(o.unit) || enabling.has(o.unit));
  const model = scheduleMip(candidates, must, i.precedences, i.calendar.teamHoursPerShift, shiftCount(i));
  const base = { solver: solver.name, unschedulable, greedy: greedyResult, variables: model.objective.length, constraints: model.rows.length };
  const fallback = (reason: string, status: MipStatus): ScheduleResult => ({ ...base, source: 'greedy-fallback', status, fallbackReason: reason, gap: null, jobs: greedy, costs: greedyResult.costs });
  let res;
  try {
    res = await solver.solve(model, solverOptions);
  } catch (err) {
    return fallback(`the ${solver.name} solver failed: ${(err as Error).message}`, 'failed');
  }
  if (!res.values) return fallback(res.status === 'infeasible' ? `no schedule meets every rule (${res.message ?? 'infeasible'}): the greedy one leaves some required jobs out` : `the ${solver.name} solver gave no schedule (${res.status}${res.message ? `: ${res.message}` : ''})`, res.status);
  const jobs = candidates.filter((_, j) => res.values![j]! > 0.5).sort((a, b) => a.startShift - b.startShift || a.team.localeCompare(b.team));
  const broken = scheduleViolations(i, jobs);
  if (broken.length) return fallback(`the ${solver.name} schedule breaks a rule (${broken[0]})`, 'failed');
  // Required units the crews and windows could not take, beside those no option fits at all.
  const leftOut = missingMust(i, jobs).filter((u) => !unschedulable.includes(u));
  return { ...base, unschedulable: [...unschedulable, ...leftOut], source: 'mip', status: res.status, fallbackReason: null, gap: res.gap ?? null, jobs, costs: scheduleCosts(i, jobs) };
}
