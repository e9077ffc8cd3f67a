/** A two-day plan of two jobs with its twin check, for the maintenance panel's tests. */
import type { SchedulePlan } from '../../../protocol/maintenance.ts';

const mi = (mean: number, lo = mean, hi = mean, n = 8) => ({ mean, lo, hi, n });
export const PLAN: SchedulePlan = {
  id: '2026-01-01-ab12cd34',
  from: '2026-01-01T00:00:00.000Z',
  horizonDays: 2,
  requestedBy: 'eve',
  solver: 'HiGHS',
  source: 'mip',
  status: 'optimal',
  fallbackReason: null,
  gap: 0,
  teams: ['Team 1', 'Team 2'],
  jobs: [
    { unit: 'pump_001', team: 'Team 1', failureMode: 'impeller_wear', start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T06:00:00.000Z', hours: 6, riskBefore: 0.96, riskAfter: 0.01, saving: 40_000 },
    { unit: 'cnc_002', team: 'Team 1', failureMode: 'tool_wear', start: '2026-01-02T00:00:00.000Z', end: '2026-01-02T01:00:00.000Z', hours: 1, riskBefore: 0.5, riskAfter: 0.2, saving: 5_000 },
  ],
  costs: { runToFailure: 80_000, planned: 35_000, saving: 45_000 },
  greedy: { jobs: 2, costs: { runToFailure: 80_000, planned: 36_000, saving: 44_000 } },
  unschedulable: [],
  skipped: [],
  basis: 'expected costs',
  twinCheck: {
    seeds: [1, 2, 3, 4, 5, 6, 7, 8],
    horizonH: 48,
    stepS: 60,
    machines: 26,
    nothing: { failures: mi(1.5, 1.1, 1.9), cost: mi(75_000, 55_000, 95_000) },
    plan: { jobs: 2, failures: mi(0.25, 0, 0.6), failuresAvoidedPct: mi(83.3, 60, 100), plannedDowntimeH: 7, cost: mi(22_000, 5_000, 39_000), costChangePct: mi(-70.7, -90, -50) },
    greedy: { jobs: 2, failures: mi(0.5, 0.1, 0.9), failuresAvoidedPct: mi(66.7, 40, 90), plannedDowntimeH: 7, cost: mi(34_000, 12_000, 56_000), costChangePct: mi(-54.7, -80, -30) },
  },
  twinCheckError: null,
  applied: null,
};

