/**
 * What a schedule breaks, read from the input alone (not from the MIP): a check of the solver's
 * answer before anyone sees it, and the property tests' oracle.
 */
import type { JobOption } from './job-options.ts';
import { mustSchedule } from './job-options.ts';
import { shiftCount, type ScheduleInput } from './schedule-input.ts';

export function scheduleViolations(i: ScheduleInput, jobs: readonly JobOption[]): string[] {
  const out: string[] = [];
  const n = shiftCount(i);
  const units = new Map(i.units.map((u) => [u.id, u]));
  const teams = new Map(i.teams.map((t) => [t.id, t]));
  const count = new Map<string, number>();
  const load = new Map<string, number>();
  for (const j of jobs) {
    const u = units.get(j.unit);
    const t = teams.get(j.team);
    if (!u || !t) {
      out.push(`${j.unit}: unknown unit or team ${j.team}`);
      continue;
    }
    count.set(j.unit, (count.get(j.unit) ?? 0) + 1);
    if (!t.skills.includes(u.job.skill)) out.push(`${j.unit}: team ${t.id} lacks the skill ${u.job.skill}`);
    const hours = j.hoursByShift.reduce((a, b) => a + b, 0);
    if (Math.abs(hours - u.job.hours) > 1e-6) out.push(`${j.unit}: ${hours} h planned for a ${u.job.hours} h job`);
    if (j.startShift < 0 || j.startShift + j.hoursByShift.length > n) out.push(`${j.unit}: runs outside the horizon`);
    const window = u.line !== null ? i.windows[u.line] : undefined;
    j.hoursByShift.forEach((h, k) => {
      const s = j.startShift + k;
      if (window && !window.includes(s)) out.push(`${j.unit}: shift ${s} is outside line ${u.line}'s stop windows`);
      const key = `${j.team} ${s}`;
      load.set(key, (load.get(key) ?? 0) + h);
    });
  }
  for (const [key, h] of load) if (h > i.calendar.teamHoursPerShift + 1e-6) out.push(`team/shift ${key}: ${h} h over its ${i.calendar.teamHoursPerShift} h`);
  for (const [unit, c] of count) if (c > 1) out.push(`${unit}: scheduled ${c} times`);
  const byUnit = new Map(jobs.map((j) => [j.unit, j]));
  for (const p of i.precedences) {
    const a = byUnit.get(p.after);
    if (!a) continue;
    const b = byUnit.get(p.before);
    if (!b || b.startShift + b.hoursByShift.length > a.startShift) out.push(`${p.after} starts before ${p.before} is finished`);
  }
  return out;
}

/** Units the rules require that the schedule leaves out. */
export const missingMust = (i: ScheduleInput, jobs: readonly JobOption[]): string[] => {
  const done = new Set(jobs.map((j) => j.unit));
  return i.units.filter((u) => mustSchedule(u, i) && !done.has(u.id)).map((u) => u.id);
};
