import { describe, expect, it } from 'vitest';
import type { SchedulePlan } from '../../../protocol/maintenance.ts';
import { PLAN } from './maintenance-plan.test-helper.ts';
import { dayTicks, ganttRows, intervalText, solverLine, twinRows } from './maintenance-logic.ts';

describe('the maintenance Gantt chart', () => {
  it('puts each job on its team’s row at its share of the horizon, with its risk before and after', () => {
    const rows = ganttRows(PLAN);
    expect(rows.map((r) => [r.team, r.bars.map((b) => [b.unit, b.x, Number(b.width.toFixed(6))])])).toEqual([
      ['Team 1', [['pump_001', 0, 0.125], ['cnc_002', 0.5, Number((1 / 48).toFixed(6))]]],
      ['Team 2', []],
    ]);
    expect(rows[0]!.bars[0]!.title).toBe('pump_001: impeller_wear, 6 h from 2026-01-01 00:00 UTC; failure risk over the horizon 96 % → 1 %');
    expect(rows[0]!.bars[0]!.state).toBe('planned');
  });

  it('shows each job’s state once the plan is applied, and why one failed', () => {
    const applied: SchedulePlan = { ...PLAN, applied: { by: 'eve', atMs: 0, note: null, jobs: [{ unit: 'pump_001', start: PLAN.jobs[0]!.start, state: 'done', commandId: 'CMD-1', error: null }, { unit: 'cnc_002', start: PLAN.jobs[1]!.start, state: 'failed', commandId: null, error: 'unknown asset "cnc_002"' }] } };
    const bars = ganttRows(applied)[0]!.bars;
    expect(bars.map((b) => b.state)).toEqual(['done', 'failed']);
    expect(bars[1]!.title).toMatch(/; failed: unknown asset "cnc_002"$/);
  });

  it('marks the days of the horizon', () => {
    expect(dayTicks(PLAN)).toEqual([{ x: 0, label: '01-01' }, { x: 0.5, label: '01-02' }, { x: 1, label: '01-03' }]);
  });
});

describe('the twin’s comparison', () => {
  it('lists doing nothing, the greedy baseline and the plan with their intervals', () => {
    expect(twinRows(PLAN)).toEqual([
      { policy: 'Do nothing', jobs: '0', failures: '1.5 [1.1, 1.9]', avoided: '–', downtimeH: '0', cost: '75000 [55000, 95000]', costChange: '–' },
      { policy: 'Greedy (highest risk first)', jobs: '2', failures: '0.5 [0.1, 0.9]', avoided: '67 % [40, 90]', downtimeH: '7', cost: '34000 [12000, 56000]', costChange: '-55 % [-80, -30]' },
      { policy: 'This plan', jobs: '2', failures: '0.3 [0.0, 0.6]', avoided: '83 % [60, 100]', downtimeH: '7', cost: '22000 [5000, 39000]', costChange: '-71 % [-90, -50]' },
    ]);
    expect(twinRows({ ...PLAN, twinCheck: null })).toBeNull();
  });

  it('writes a mean without an interval when the seeds agree', () => {
    expect(intervalText({ mean: 1, lo: 1, hi: 1, n: 8 })).toBe('1.0');
    expect(intervalText(null)).toBe('–');
  });

  it('says when the plan is the greedy fallback, and why', () => {
    expect(solverLine(PLAN)).toBe('HiGHS: optimal');
    expect(solverLine({ ...PLAN, source: 'greedy-fallback', status: 'failed', fallbackReason: 'the HiGHS solver failed: wasm trap' })).toBe('Greedy schedule: the HiGHS solver failed: wasm trap');
  });
});
