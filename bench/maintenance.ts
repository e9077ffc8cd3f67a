/**
 * npm run bench:maintenance — how fast and how well the maintenance planner solves fleet-sized
 * schedules. Progress on stderr, one JSON line on stdout:
 *   solve_100x8x84_s, status_100x8x84, optimal_100x8x84, gap_100x8x84
 *       100 machines × 8 teams × 84 shifts (7 days of 2 h shifts): planSchedule on HiGHS, gap 0,
 *       time limit 60 s; wall seconds including building the options and the model
 *   vars_100x8x84, rows_100x8x84     the MIP's size after options that lose money were left out
 *   jobs_…, required_left_out_…      jobs planned; machines the rules require that the crews and windows could not take
 *   solve_400x20x168_s, status_400x20x168, gap_400x20x168   400 × 20 × 168 (14 days of 2 h shifts), 60 s limit
 *   mip_vs_greedy_saving_pct_100x8x84, _400x20x168   100·(MIP saving − greedy saving) / |greedy saving|:
 *       the expected cost saved against running to failure, the MIP over the highest-risk-first baseline
 *   saving_vs_run_to_failure_pct_100x8x84   100·saving / expected run-to-failure cost, MIP
 * The fleets are synthetic (seeded, MAINT_SEED, default 1): lines of ten machines, four in five
 * healthy (risk 1–20 %, RUL 200–2,000 h), one in five degrading (risk 30–95 %, RUL 5–150 h), RUL σ a
 * quarter of the estimate; jobs 2–8 h, mechanical or electrical, teams with one or both skills; each
 * line may stop in 2 of every 12 shifts; consecutive degrading machines of a line share a stop
 * (precedence). These are expected-cost figures of the model, not outcomes on the twin: checking a
 * schedule on forks of the plant (failures avoided, cost against run-to-failure, fixed-interval and
 * greedy, with intervals over seeds) is not measured here yet.
 */
import { createRng } from '../engine/rng.ts';
import { planSchedule, type ScheduleResult } from '../maintenance/plan-schedule.ts';
import type { ScheduleInput, UnitHealth } from '../maintenance/schedule-input.ts';
import { highsSolver } from '../twin-api/maintenance/highs-solver.ts';

const SEED = Number(process.env.MAINT_SEED ?? 1);

function fleet(machines: number, teams: number, days: number, seed: number): ScheduleInput {
  const rng = createRng(seed, 'bench-maintenance');
  const u = (lo: number, hi: number) => lo + (hi - lo) * rng.uniform();
  const units: UnitHealth[] = [];
  const precedences: { before: string; after: string }[] = [];
  for (let k = 0; k < machines; k++) {
    const degrading = rng.uniform() < 0.2;
    const rulH = degrading ? u(5, 150) : u(200, 2000);
    const line = `L${Math.floor(k / 10)}`;
    units.push({ id: `m${k}`, line, risk: degrading ? u(0.3, 0.95) : u(0.01, 0.2), riskHorizonH: 168, rulH, rulSdH: rulH / 4, rulAtLeast: false, job: { failureMode: 'wear', hours: Math.round(u(2, 8)), skill: rng.uniform() < 0.7 ? 'mechanical' : 'electrical', lifeH: 6000 } });
    const prev = units[k - 1];
    if (degrading && prev && prev.line === line && prev.risk >= 0.3) precedences.push({ before: prev.id, after: `m${k}` });
  }
  const shiftsPerDay = 12;
  const shifts = days * shiftsPerDay;
  const windows: Record<string, number[]> = {};
  for (let l = 0; l * 10 < machines; l++) {
    const off = l % 6;
    windows[`L${l}`] = Array.from({ length: shifts }, (_, s) => s).filter((s) => (s % 12) - off === 0 || (s % 12) - off === 1);
  }
  return {
    units,
    teams: Array.from({ length: teams }, (_, t) => ({ id: `T${t}`, skills: t % 3 === 2 ? ['electrical'] : t % 3 === 1 ? ['mechanical', 'electrical'] : ['mechanical'] })),
    horizonDays: days,
    calendar: { shiftsPerDay, teamHoursPerShift: 2 },
    windows,
    precedences,
    costs: { failure: 40_000, downtimePerH: 800, job: 1_500 },
    rulThresholdH: 24,
    riskThreshold: 0.7,
  };
}

async function timed(i: ScheduleInput): Promise<{ s: number; r: ScheduleResult }> {
  const solver = await highsSolver();
  const t0 = performance.now();
  const r = await planSchedule(i, solver, { timeLimitS: 60, relGap: 0 });
  return { s: (performance.now() - t0) / 1000, r };
}

const pct = (a: number, b: number) => Math.round((1000 * (a - b)) / Math.abs(b)) / 10;
const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;

async function main() {
  const out: Record<string, unknown> = {};
  for (const [m, t, days] of [[100, 8, 7], [400, 20, 14]] as const) {
    const key = `${m}x${t}x${days * 12}`;
    process.stderr.write(`solving ${key}…\n`);
    const { s, r } = await timed(fleet(m, t, days, SEED));
    process.stderr.write(`  ${r.source} ${r.status} in ${s.toFixed(2)} s, ${r.variables} vars, ${r.constraints} rows, ${r.jobs.length} jobs${r.fallbackReason ? ` (${r.fallbackReason})` : ''}\n`);
    out[`solve_${key}_s`] = round(s);
    out[`status_${key}`] = r.source === 'mip' ? r.status : `greedy-fallback: ${r.fallbackReason}`;
    if (key === '100x8x84') out.optimal_100x8x84 = r.source === 'mip' && r.status === 'optimal';
    out[`gap_${key}`] = r.gap === null ? null : round(r.gap, 6);
    out[`vars_${key}`] = r.variables;
    out[`rows_${key}`] = r.constraints;
    out[`jobs_${key}`] = r.jobs.length;
    out[`required_left_out_${key}`] = r.unschedulable.length;
    out[`mip_vs_greedy_saving_pct_${key}`] = pct(r.costs.saving, r.greedy.costs.saving);
    out[`saving_vs_run_to_failure_pct_${key}`] = round((100 * r.costs.saving) / r.costs.runToFailure, 1);
  }
  out.seed = SEED;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main();
