/**
 * "Highest risk first": the baseline a planner would draw by hand, and the fallback when the solver
 * fails. Units the rules require go first, then by risk over the horizon; each takes its best
 * option that still fits the teams' hours and the precedences, if it saves anything (a required
 * unit takes its best option even at a loss).
 */
import { horizonRisk, mustSchedule, type JobOption } from './job-options.ts';
import type { ScheduleInput } from './schedule-input.ts';

export function greedySchedule(i: ScheduleInput, options: readonly JobOption[]): JobOption[] {
  const byUnit = new Map<string, JobOption[]>();
  for (const o of options) byUnit.set(o.unit, [...(byUnit.get(o.unit) ?? []), o]);
  const ranked = [...i.units].sort((a, b) => Number(mustSchedule(b, i)) - Number(mustSchedule(a, i)) || horizonRisk(b, i) - horizonRisk(a, i));
  // A machine waits for those that must be serviced before it: the first in rank whose predecessors are done.
  const order: typeof ranked = [];
  while (ranked.length) {
    const k = ranked.findIndex((u) => i.precedences.every((p) => p.after !== u.id || order.some((d) => d.id === p.before)));
    order.push(...ranked.splice(k < 0 ? 0 : k, 1));
  }
  const load = new Map<string, number>();
  const placed = new Map<string, JobOption>();
  const fits = (o: JobOption) =>
    o.hoursByShift.every((h, k) => (load.get(`${o.team} ${o.startShift + k}`) ?? 0) + h <= i.calendar.teamHoursPerShift + 1e-9) &&
    i.precedences.every((p) => {
      const end = (j: JobOption) => j.startShift + j.hoursByShift.length;
      if (p.after === o.unit) {
        const b = placed.get(p.before);
        return b !== undefined && end(b) <= o.startShift;
      }
      if (p.before === o.unit) {
        const a = placed.get(p.after);
        return a === undefined || end(o) <= a.startShift;
      }
      return true;
    });
  for (const u of order) {
    const must = mustSchedule(u, i);
    const best = (byUnit.get(u.id) ?? []).filter((o) => (must || o.gain > 0) && fits(o)).sort((a, b) => b.gain - a.gain || a.startShift - b.startShift)[0];
    if (!best) continue;
    placed.set(u.id, best);
    best.hoursByShift.forEach((h, k) => load.set(`${best.team} ${best.startShift + k}`, (load.get(`${best.team} ${best.startShift + k}`) ?? 0) + h));
  }
  return [...placed.values()].sort((a, b) => a.startShift - b.startShift || a.team.localeCompare(b.team));
}
