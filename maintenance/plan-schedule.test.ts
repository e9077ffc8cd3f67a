import { describe, expect, it } from 'vitest';
import { failedBy } from './failure-curve.ts';
import { greedySchedule } from './greedy.ts';
import { jobOptions } from './job-options.ts';
import type { MipSolver } from './mip.ts';
import { planSchedule } from './plan-schedule.ts';
import { checkScheduleInput, ScheduleInputError } from './schedule-input.ts';
import { scheduleViolations } from './check-schedule.ts';
import { input, unit } from './testing.ts';

const opts = { timeLimitS: 5, relGap: 0 };

describe('the failure curve', () => {
  it('starts at 0, rises, and never exceeds 1; an "at least" RUL adds nothing inside its bound', () => {
    const u = unit('m', { risk: 0.5, rulH: 40, rulSdH: 10 });
    const ps = [0, 10, 40, 80, 168].map((t) => failedBy(u, t));
    expect(ps[0]).toBe(0);
    for (let k = 1; k < ps.length; k++) expect(ps[k]!).toBeGreaterThan(ps[k - 1]!);
    expect(ps[4]!).toBeLessThanOrEqual(1);
    // Half the risk horizon, constant hazard: 1 − √0.5; the RUL of 40 ± 10 h has passed its mean by 80 h.
    expect(failedBy({ ...u, rulAtLeast: true }, 84)).toBeCloseTo(1 - Math.sqrt(0.5), 6);
    expect(ps[3]!).toBeGreaterThan(0.99);
  });
});

describe('the planner’s input', () => {
  it('names the field that is wrong', () => {
    expect(() => checkScheduleInput(input({ units: [unit('a'), unit('b', { risk: 1.4 })] }))).toThrow(new ScheduleInputError('units[1].risk', 'must be a number in 0..1, got 1.4'));
    expect(() => checkScheduleInput(input({ units: [unit('a'), unit('a')] }))).toThrow(/units\[1\]\.id: "a" is listed twice/);
    expect(() => checkScheduleInput(input({ teams: [] }))).toThrow(/teams_available/);
    expect(() => checkScheduleInput(input({ windows: { L1: [0, 7] } }))).toThrow(/windows\.L1\[1\]: shift 7 is outside 0\.\.2/);
    expect(() => checkScheduleInput(input({ precedences: [{ before: 'pump_001', after: 'ghost' }] }))).toThrow(/precedences\[0\]\.after/);
  });
});

describe('job options', () => {
  it('span the shifts a job needs, only inside its line’s windows and only for teams with the skill', () => {
    const i = input({ units: [unit('m', { line: 'L1', job: { failureMode: 'x', hours: 10, skill: 'electrical', lifeH: 5000 } })], teams: [{ id: 'A', skills: ['mechanical'] }, { id: 'B', skills: ['electrical'] }], windows: { L1: [1, 2] } });
    const o = jobOptions(i);
    expect(o.map((x) => [x.team, x.startShift, x.hoursByShift])).toEqual([['B', 1, [8, 2]]]);
  });

  it('value a late job less when the machine may fail before it, and an early one less for the life it throws away', () => {
    const i = input({ horizonDays: 3, units: [unit('m', { risk: 0.9, rulH: 30, rulSdH: 5 })] });
    const gains = jobOptions(i).map((o) => o.gain);
    expect(gains[0]!).toBeGreaterThan(gains[gains.length - 1]!);
    const healthy = input({ horizonDays: 3, units: [unit('m', { risk: 0.01, rulH: 5000, rulSdH: 500 })] });
    expect(Math.max(...jobOptions(healthy).map((o) => o.gain))).toBeLessThan(0);
  });
});

describe('planning', () => {
  const failing: MipSolver = { name: 'broken', solve: async () => { throw new Error('wasm trap'); } };
  const lying: MipSolver = { name: 'lying', solve: async (m) => ({ status: 'optimal', values: m.objective.map(() => 1), objective: 0 }) };

  it('falls back to the greedy schedule, and says why, when the solver fails', async () => {
    const i = input({ units: [unit('a', { risk: 0.9 }), unit('b', { risk: 0.8 })] });
    const r = await planSchedule(i, failing, opts);
    expect(r.source).toBe('greedy-fallback');
    expect(r.fallbackReason).toBe('the broken solver failed: wasm trap');
    expect(r.jobs).toEqual(greedySchedule(i, jobOptions(i)));
    expect(r.jobs.map((j) => j.unit).sort()).toEqual(['a', 'b']);
  });

  it('never passes on a solver’s schedule that breaks a rule', async () => {
    const r = await planSchedule(input({ units: [unit('a', { risk: 0.9 })] }), lying, opts);
    expect(r.source).toBe('greedy-fallback');
    expect(r.fallbackReason).toMatch(/^the lying schedule breaks a rule \(a: scheduled 3 times|team\/shift/);
  });

  it('the greedy schedule keeps every team within its hours', () => {
    const i = input({ horizonDays: 1, units: ['a', 'b', 'c', 'd', 'e'].map((id) => unit(id, { risk: 0.9, job: { failureMode: 'x', hours: 5, skill: 'mechanical', lifeH: 8000 } })) });
    const g = greedySchedule(i, jobOptions(i));
    expect(scheduleViolations(i, g)).toEqual([]);
    // 3 shifts of 8 h, one team, 5 h jobs: one job per shift.
    expect(g).toHaveLength(3);
  });
});
