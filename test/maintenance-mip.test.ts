import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingMust, scheduleViolations } from '../maintenance/check-schedule.ts';
import { jobOptions, mustSchedule, type JobOption } from '../maintenance/job-options.ts';
import type { MipSolver } from '../maintenance/mip.ts';
import { planSchedule } from '../maintenance/plan-schedule.ts';
import type { ScheduleInput } from '../maintenance/schedule-input.ts';
import { input, unit } from '../maintenance/testing.ts';
import { highsSolver } from '../twin-api/maintenance/highs-solver.ts';

let highs: MipSolver;
beforeAll(async () => {
  highs = await highsSolver();
});

/** Every combination of one option or none per unit: the one that breaks no rule with the most required units done, then the best saving. */
function bruteForce(i: ScheduleInput): { required: number; saving: number } {
  const options = jobOptions(i);
  const byUnit = i.units.map((u) => [null, ...options.filter((o) => o.unit === u.id)]);
  let best = { required: -1, saving: -Infinity };
  const pick: JobOption[] = [];
  const walk = (k: number) => {
    if (k === byUnit.length) {
      if (scheduleViolations(i, pick).length > 0) return;
      const required = i.units.filter((u) => mustSchedule(u, i)).length - missingMust(i, pick).length;
      const saving = pick.reduce((s, o) => s + o.gain, 0);
      if (required > best.required || (required === best.required && saving > best.saving)) best = { required, saving };
      return;
    }
    for (const o of byUnit[k]!) {
      if (o) pick.push(o);
      walk(k + 1);
      if (o) pick.pop();
    }
  };
  walk(0);
  return best;
}

const job = fc.record({ failureMode: fc.constant('wear'), hours: fc.constantFrom(2, 4, 6, 9, 12), skill: fc.constantFrom('mechanical', 'electrical'), lifeH: fc.constantFrom(500, 4000) });
const health = fc.record({ risk: fc.double({ min: 0, max: 0.95, noNaN: true }), rulH: fc.double({ min: 1, max: 400, noNaN: true }), rulSdH: fc.double({ min: 1, max: 100, noNaN: true }), rulAtLeast: fc.boolean(), line: fc.constantFrom(null, 'L1', 'L2'), job });

/** A random small plant: up to `maxUnits` machines on two lines, 1–3 teams, a day or two of 3 shifts, windows and one precedence. */
const instance = (maxUnits: number, maxDays: number) =>
  fc
    .record({
      units: fc.array(health, { minLength: 1, maxLength: maxUnits }),
      teams: fc.array(fc.subarray(['mechanical', 'electrical'], { minLength: 1 }), { minLength: 1, maxLength: 3 }),
      days: fc.integer({ min: 1, max: maxDays }),
      windowL1: fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1 }),
      precedence: fc.boolean(),
    })
    .map(({ units, teams, days, windowL1, precedence }) => {
      const us = units.map((h, k) => unit(`m${k}`, h));
      return input({
        units: us,
        teams: teams.map((skills, k) => ({ id: `T${k}`, skills })),
        horizonDays: days,
        windows: { L1: windowL1.filter((s) => s < days * 3) },
        precedences: precedence && us.length > 1 ? [{ before: us[0]!.id, after: us[1]!.id }] : [],
      });
    });

describe('the maintenance MIP on HiGHS', () => {
  it('finds the same optimum as trying every schedule, on small plants: the most required jobs, then the best saving', async () => {
    await fc.assert(
      fc.asyncProperty(instance(4, 1), async (i) => {
        const r = await planSchedule(i, highs, { timeLimitS: 10, relGap: 0 });
        const best = bruteForce(i);
        expect(r.source).toBe('mip');
        expect(r.status).toBe('optimal');
        expect(i.units.filter((u) => mustSchedule(u, i)).length - r.unschedulable.length).toBe(best.required);
        expect(r.costs.saving).toBeCloseTo(best.saving, 4);
      }),
      { numRuns: 40, seed: 20261204 },
    );
  });

  it('never breaks a team’s hours, a line’s stop windows or a precedence, and schedules every required machine it can', async () => {
    await fc.assert(
      fc.asyncProperty(instance(12, 2), async (i) => {
        const r = await planSchedule(i, highs, { timeLimitS: 10, relGap: 0 });
        expect(scheduleViolations(i, r.jobs)).toEqual([]);
        expect(scheduleViolations(i, r.greedy.jobs)).toEqual([]);
        if (r.source === 'mip') {
          for (const u of missingMust(i, r.jobs)) expect(r.unschedulable).toContain(u);
          // The optimum is never worse than the baseline it is shown beside (when that baseline keeps the rules too).
          if (missingMust(i, r.greedy.jobs).every((u) => r.unschedulable.includes(u))) expect(r.costs.saving).toBeGreaterThanOrEqual(r.greedy.costs.saving - 1e-6);
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('says a machine the rules require cannot be scheduled when no team has the skill', async () => {
    const i = input({ units: [unit('a', { risk: 0.9, job: { failureMode: 'insulation_ageing', hours: 4, skill: 'electrical', lifeH: 8000 } })], teams: [{ id: 'A', skills: ['mechanical'] }] });
    expect(mustSchedule(i.units[0]!, i)).toBe(true);
    const r = await planSchedule(i, highs, { timeLimitS: 5, relGap: 0 });
    expect(r.unschedulable).toEqual(['a']);
    expect(r.jobs).toEqual([]);
  });
});
