/**
 * What the maintenance planner is asked: which machines, with what predicted health, which crews and
 * shifts, when each line may stop, and what failures, downtime and jobs cost. Plain data, validated
 * once (`checkScheduleInput`), so the MIP, the greedy baseline and the checker read the same thing.
 */

/** One machine to consider, with its served predictions as a predictive distribution. */
export interface UnitHealth {
  readonly id: string;
  /** The line whose stop the machine needs, or null when it can stop on its own. */
  readonly line: string | null;
  /** Served failure-risk model: P(failure within the model's horizon). */
  readonly risk: number;
  readonly riskHorizonH: number;
  /** Served RUL model: the point estimate and its spread (1 σ, hours); `atLeast` when the model only says "more than". */
  readonly rulH: number;
  readonly rulSdH: number;
  readonly rulAtLeast: boolean;
  /** The job that restores it (its dominant failure mode's), from the job table. */
  readonly job: JobSpec;
}

/** A planned job: how long it takes and which skill it needs. */
export interface JobSpec {
  readonly failureMode: string;
  readonly hours: number;
  readonly skill: string;
  /** The typical life the job gives back (hours to the next need): what an early job throws away is valued against it. */
  readonly lifeH: number;
}

export interface Team {
  readonly id: string;
  readonly skills: readonly string[];
}

export interface ShiftCalendar {
  readonly shiftsPerDay: number;
  /** Hours of work one team has in one shift. */
  readonly teamHoursPerShift: number;
}

export interface MaintenanceCosts {
  /** Expected cost of an unplanned failure (repair, scrap, emergency call-out), per machine. */
  readonly failure: number;
  /** Lost production per hour a machine (or its line) is stopped for a planned job. */
  readonly downtimePerH: number;
  /** Parts and labour of one planned job. */
  readonly job: number;
}

export interface ScheduleInput {
  readonly units: readonly UnitHealth[];
  readonly teams: readonly Team[];
  readonly horizonDays: number;
  readonly calendar: ShiftCalendar;
  /** Shift indices (0-based over the horizon) in which a line may stop; a line absent here may stop in any shift. */
  readonly windows: Readonly<Record<string, readonly number[]>>;
  /** Pairs sharing a line stop where `before`'s job must be finished when `after`'s starts. */
  readonly precedences: readonly { readonly before: string; readonly after: string }[];
  readonly costs: MaintenanceCosts;
  /** A unit whose RUL is under this many hours, or whose risk is over `riskThreshold`, must be scheduled. */
  readonly rulThresholdH: number;
  readonly riskThreshold: number;
}

export const SCHEDULE_DEFAULTS = { riskThreshold: 0.7, rulThresholdH: 24, horizonDays: 7, teamsAvailable: 2, shiftsPerDay: 3, teamHoursPerShift: 8 } as const;

/** Bad planner input, naming the field (`units[3].risk: …`). */
export class ScheduleInputError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ScheduleInputError';
  }
}

export const shiftCount = (i: Pick<ScheduleInput, 'horizonDays' | 'calendar'>): number => Math.round(i.horizonDays * i.calendar.shiftsPerDay);
export const shiftHours = (c: ShiftCalendar): number => 24 / c.shiftsPerDay;

/** Throws a ScheduleInputError on the first problem. */
export function checkScheduleInput(i: ScheduleInput): void {
  const finite = (v: number, field: string, min: number, max = Infinity) => {
    if (!Number.isFinite(v) || v < min || v > max) throw new ScheduleInputError(field, `must be a number in ${min}..${max}, got ${v}`);
  };
  finite(i.horizonDays, 'horizon_days', 1 / 24, 366);
  finite(i.calendar.shiftsPerDay, 'calendar.shifts_per_day', 1, 24);
  if (!Number.isInteger(i.calendar.shiftsPerDay)) throw new ScheduleInputError('calendar.shifts_per_day', 'must be a whole number');
  finite(i.calendar.teamHoursPerShift, 'calendar.team_hours_per_shift', 0.25, shiftHours(i.calendar));
  finite(i.riskThreshold, 'risk_threshold', 0, 1);
  finite(i.rulThresholdH, 'rul_threshold', 0);
  for (const [k, v] of Object.entries(i.costs)) finite(v, `costs.${k}`, 0);
  if (i.teams.length === 0) throw new ScheduleInputError('teams_available', 'needs at least one team');
  const seen = new Set<string>();
  i.units.forEach((u, n) => {
    if (seen.has(u.id)) throw new ScheduleInputError(`units[${n}].id`, `"${u.id}" is listed twice`);
    seen.add(u.id);
    finite(u.risk, `units[${n}].risk`, 0, 1);
    finite(u.riskHorizonH, `units[${n}].risk_horizon_h`, 1e-6);
    finite(u.rulH, `units[${n}].rul_h`, 0);
    finite(u.rulSdH, `units[${n}].rul_sd_h`, 0);
    finite(u.job.hours, `units[${n}].job.hours`, 0.1, 24 * i.horizonDays);
    finite(u.job.lifeH, `units[${n}].job.life_h`, 1);
  });
  const n = shiftCount(i);
  for (const [line, shifts] of Object.entries(i.windows))
    shifts.forEach((s, k) => {
      if (!Number.isInteger(s) || s < 0 || s >= n) throw new ScheduleInputError(`windows.${line}[${k}]`, `shift ${s} is outside 0..${n - 1}`);
    });
  i.precedences.forEach((p, k) => {
    for (const end of ['before', 'after'] as const)
      if (!seen.has(p[end])) throw new ScheduleInputError(`precedences[${k}].${end}`, `"${p[end]}" is not one of the units`);
  });
}
