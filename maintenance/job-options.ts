/**
 * The ways each machine's job can be done — by which team, starting at which shift — with what each
 * is worth. The MIP chooses among these; the greedy baseline and the checker read the same list.
 * A job spans ceil(hours / team hours per shift) consecutive shifts from its start, all inside its
 * line's stop windows, done by a team with its skill.
 */
import { failedBy } from './failure-curve.ts';
import { shiftCount, shiftHours, type ScheduleInput, type UnitHealth } from './schedule-input.ts';

export interface JobOption {
  readonly unit: string;
  readonly team: string;
  readonly startShift: number;
  /** Shifts the job occupies, from startShift; hours of the team's time in each. */
  readonly hoursByShift: readonly number[];
  /** Expected saving against running to failure (currency): failures avoided minus job, downtime and lost life. */
  readonly gain: number;
  /** Parts of the gain, for the explanation. */
  readonly riskBefore: number;
  readonly riskAfter: number;
  readonly lostLifeCost: number;
}

/** Whether the rules say this unit must be scheduled. */
export function mustSchedule(u: UnitHealth, i: Pick<ScheduleInput, 'riskThreshold' | 'rulThresholdH'>): boolean {
  return u.risk > i.riskThreshold || (!u.rulAtLeast && u.rulH < i.rulThresholdH);
}

/** P(failure within the horizon) when nothing is done. */
export const horizonRisk = (u: UnitHealth, i: ScheduleInput): number => failedBy(u, i.horizonDays * 24);

/** Every feasible option of every unit, in unit, team, shift order. */
export function jobOptions(i: ScheduleInput): JobOption[] {
  const n = shiftCount(i);
  const hShift = shiftHours(i.calendar);
  const capacity = i.calendar.teamHoursPerShift;
  const out: JobOption[] = [];
  for (const u of i.units) {
    const span = Math.ceil(u.job.hours / capacity - 1e-9);
    const hoursByShift = Array.from({ length: span }, (_, k) => Math.min(capacity, u.job.hours - k * capacity));
    const window = u.line !== null ? i.windows[u.line] : undefined;
    const allowed = window ? new Set(window) : null;
    const before = horizonRisk(u, i);
    for (const team of i.teams) {
      if (!team.skills.includes(u.job.skill)) continue;
      for (let s = 0; s + span <= n; s++) {
        if (allowed && !hoursByShift.every((_, k) => allowed.has(s + k))) continue;
        const after = failedBy(u, s * hShift);
        // An early job throws away the life left: valued at the job's cost per hour of the life it restores.
        const leftH = Math.max(0, u.rulH - s * hShift);
        const lostLifeCost = i.costs.job * Math.min(1, leftH / u.job.lifeH);
        const gain = i.costs.failure * (before - after) - i.costs.job - i.costs.downtimePerH * u.job.hours - lostLifeCost;
        out.push({ unit: u.id, team: team.id, startShift: s, hoursByShift, gain, riskBefore: before, riskAfter: after, lostLifeCost });
      }
    }
  }
  return out;
}
