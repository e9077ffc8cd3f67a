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
 * (precedence). These are expected-cost figures of the model.
 *
 * Outcomes on the twin (maintenance/fleet-trial.ts): the reference plant's 26 machines (its glass
 * lines left out: no job touches them) live 30 simulated days under each policy, a failure repaired at
 * once and paid at the failure cost; seeds paired across policies (MAINT_TRIAL_SEEDS, default 16):
 *   failures_avoided_pct          100·(failures running to failure − with the planner) / failures running to failure
 *   cost_change_pct               100·(planner cost − run-to-failure cost) / run-to-failure cost
 *   cost_change_vs_interval_pct   … against fixed-interval preventive maintenance: each machine renewed
 *       at the B10 life (10 % failed) of its likeliest failure mode's onset Weibull, counted from its age,
 *       with no crew limit (a rule fixed before any run, not tuned on these results)
 *   cost_change_vs_greedy_pct     … against the greedy highest-risk-first planner on the same inputs
 *   each with _ci95 [lo, hi], the 95 % t interval of the per-seed figures
 *   cost_change_vs_greedy_pct_1team   the same with one team instead of two (crews bind)
 * The planners re-plan every 24 h over a 7-day horizon (2 teams, 3 shifts of 8 h, the server's default
 * costs and rules) and carry out the jobs starting before the next re-plan. Two shortcuts, named in
 * `trial_health` and `trial_step_s`: the planners read the twin's own remaining life (its ground truth,
 * σ a quarter of it), not the served models' predictions, so these figures judge the planner and not the
 * models; and the twin steps at 60 s with sensors off. `*_1s_2seeds` repeat two seeds at the engine's
 * 1 s step beside the same two seeds at 60 s (`*_60s_2seeds`), to show what the coarse step changes.
 */
import { builtinProfileResolver } from '../engine/plant.ts';
import { createRng } from '../engine/rng.ts';
import type { Scenario } from '../engine/scenario.ts';
import { meanCi95 } from '../lookahead/stats.ts';
import { oracleHealth, runFleetTrial, type FleetTrialOutcome, type FleetTrialSpec, type MaintenancePolicy } from '../maintenance/fleet-trial.ts';
import { greedySchedule } from '../maintenance/greedy.ts';
import { jobOptions } from '../maintenance/job-options.ts';
import type { MipSolver } from '../maintenance/mip.ts';
import { planSchedule, type ScheduleResult } from '../maintenance/plan-schedule.ts';
import { SCHEDULE_DEFAULTS, checkScheduleInput, type ScheduleInput, type UnitHealth } from '../maintenance/schedule-input.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { DEFAULT_MAINTENANCE_SETTINGS } from '../twin-api/maintenance/maintenance-service.ts';
import { highsSolver } from '../twin-api/maintenance/highs-solver.ts';

const SEED = Number(process.env.MAINT_SEED ?? 1);
const TRIAL_SEEDS = Number(process.env.MAINT_TRIAL_SEEDS ?? 16);
const TRIAL_DAYS = 30;
const TRIAL_STEP_S = 60;

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
  Object.assign(out, await trials());
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** The reference plant's machines, its lines and their faults left out; no scripted fault or action. */
function fleetScenario(): Scenario {
  const s = loadLibraryScenario('glass-plant');
  return { ...s, lines: [], faults: [], actions: [], durationS: TRIAL_DAYS * 86_400 };
}

/** B10 life of a machine's likeliest failure mode (shortest onset scale): η·(−ln 0.9)^(1/β), hours. */
function b10H(scenario: Scenario, resolve: ReturnType<typeof builtinProfileResolver>): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of scenario.machines) {
    const mode = [...resolve(m.profile).document.failureModes].sort((a, b) => a.onset.weibullScaleH - b.onset.weibullScaleH)[0];
    if (mode) out.set(m.id, mode.onset.weibullScaleH * (-Math.log(0.9)) ** (1 / mode.onset.weibullShape));
  }
  return out;
}

async function trials(): Promise<Record<string, unknown>> {
  const resolveProfile = builtinProfileResolver();
  const scenario = fleetScenario();
  const solver: MipSolver = await highsSolver();
  let mipFallbacks = 0;
  let solves = 0;
  const mip: MaintenancePolicy = {
    kind: 'planner',
    plan: async (i) => {
      const r = await planSchedule(i, solver, { timeLimitS: DEFAULT_MAINTENANCE_SETTINGS.timeLimitS, relGap: DEFAULT_MAINTENANCE_SETTINGS.relGap });
      solves++;
      if (r.source !== 'mip') mipFallbacks++;
      return r.jobs;
    },
  };
  const greedy: MaintenancePolicy = {
    kind: 'planner',
    plan: async (i) => {
      checkScheduleInput(i);
      return greedySchedule(i, jobOptions(i));
    },
  };
  const b10 = b10H(scenario, resolveProfile);
  const policies: Record<'rtf' | 'interval' | 'greedy' | 'mip', MaintenancePolicy> = {
    rtf: { kind: 'run_to_failure' },
    interval: { kind: 'fixed_interval', intervalH: (u) => b10.get(u)! },
    greedy,
    mip,
  };
  const spec = (seed: number, stepS: number, teams: number = SCHEDULE_DEFAULTS.teamsAvailable): FleetTrialSpec => ({
    scenario,
    resolveProfile,
    seed,
    days: TRIAL_DAYS,
    stepS,
    replanEveryH: 24,
    plannerInput: {
      teams: Array.from({ length: teams }, (_, k) => ({ id: `Team ${k + 1}`, skills: ['mechanical', 'electrical'] })),
      horizonDays: SCHEDULE_DEFAULTS.horizonDays,
      calendar: { shiftsPerDay: SCHEDULE_DEFAULTS.shiftsPerDay, teamHoursPerShift: SCHEDULE_DEFAULTS.teamHoursPerShift },
      windows: {},
      precedences: [],
      costs: DEFAULT_MAINTENANCE_SETTINGS.costs,
      rulThresholdH: SCHEDULE_DEFAULTS.rulThresholdH,
      riskThreshold: SCHEDULE_DEFAULTS.riskThreshold,
    },
    health: oracleHealth(0.25, 168),
  });
  const run = async (seeds: readonly number[], stepS: number) => {
    const by: Record<string, FleetTrialOutcome[]> = { rtf: [], interval: [], greedy: [], mip: [] };
    for (const seed of seeds) {
      for (const [name, p] of Object.entries(policies)) by[name]!.push(await runFleetTrial(spec(seed, stepS), p));
      process.stderr.write(`  seed ${seed} at ${stepS} s: failures ${Object.entries(by).map(([n, o]) => `${n} ${o.at(-1)!.failures}`).join(', ')}\n`);
    }
    return by;
  };
  const change = (a: readonly FleetTrialOutcome[], b: readonly FleetTrialOutcome[], f: (o: FleetTrialOutcome) => number) => meanCi95(a.map((x, k) => (100 * (f(x) - f(b[k]!))) / f(b[k]!)));
  const figures = (by: Record<string, FleetTrialOutcome[]>, suffix: string, withCi: boolean) => {
    const out: Record<string, unknown> = {};
    const put = (name: string, m: ReturnType<typeof meanCi95>) => {
      out[`${name}${suffix}`] = round(m.mean, 1);
      if (withCi) out[`${name}_ci95${suffix}`] = [round(m.lo, 1), round(m.hi, 1)];
    };
    const avoided = change(by.mip!, by.rtf!, (o) => o.failures);
    put('failures_avoided_pct', { ...avoided, mean: -avoided.mean, lo: -avoided.hi, hi: -avoided.lo });
    put('cost_change_pct', change(by.mip!, by.rtf!, (o) => o.cost));
    put('cost_change_vs_interval_pct', change(by.mip!, by.interval!, (o) => o.cost));
    put('cost_change_vs_greedy_pct', change(by.mip!, by.greedy!, (o) => o.cost));
    return out;
  };
  const seeds = Array.from({ length: TRIAL_SEEDS }, (_, k) => k + 1);
  process.stderr.write(`trying the policies on the twin: ${TRIAL_SEEDS} seeds × ${TRIAL_DAYS} days at ${TRIAL_STEP_S} s…\n`);
  const t0 = performance.now();
  const coarse = await run(seeds, TRIAL_STEP_S);
  const trialS = (performance.now() - t0) / 1000;
  const mean = (xs: readonly FleetTrialOutcome[], f: (o: FleetTrialOutcome) => number) => round(xs.reduce((a, o) => a + f(o), 0) / xs.length, 1);
  const out: Record<string, unknown> = {
    ...figures(coarse, '', true),
    trial_days: TRIAL_DAYS,
    trial_seeds: TRIAL_SEEDS,
    trial_machines: scenario.machines.length,
    trial_step_s: TRIAL_STEP_S,
    trial_health: 'twin_ground_truth_rul_sd25pct',
    trial_replan_h: 24,
    ...Object.fromEntries(Object.entries(coarse).flatMap(([n, o]) => [
      [`failures_per_seed_${n}`, mean(o, (x) => x.failures)],
      [`jobs_per_seed_${n}`, mean(o, (x) => x.jobs)],
      [`cost_per_seed_${n}`, mean(o, (x) => x.cost)],
    ])),
    mip_solves: solves,
    mip_fallbacks: mipFallbacks,
    trial_s: round(trialS, 1),
  };
  // With one team the crews bind, and the MIP's choice of who waits can differ from highest-risk-first.
  process.stderr.write('the planners again with one team…\n');
  const one = { greedy: [] as FleetTrialOutcome[], mip: [] as FleetTrialOutcome[] };
  for (const seed of seeds) {
    one.greedy.push(await runFleetTrial(spec(seed, TRIAL_STEP_S, 1), greedy));
    one.mip.push(await runFleetTrial(spec(seed, TRIAL_STEP_S, 1), mip));
  }
  const oneTeam = change(one.mip, one.greedy, (o) => o.cost);
  Object.assign(out, {
    cost_change_vs_greedy_pct_1team: round(oneTeam.mean, 1),
    cost_change_vs_greedy_pct_1team_ci95: [round(oneTeam.lo, 1), round(oneTeam.hi, 1)],
    failures_per_seed_greedy_1team: mean(one.greedy, (x) => x.failures),
    failures_per_seed_mip_1team: mean(one.mip, (x) => x.failures),
  });
  // The same two seeds at the engine's own step: what the coarse step changes.
  if (process.env.MAINT_TRIAL_1S !== '0') {
    process.stderr.write('the first two seeds again at 1 s…\n');
    const fine = await run([1, 2], 1);
    const same = Object.fromEntries(Object.entries(coarse).map(([n, o]) => [n, o.slice(0, 2)]));
    Object.assign(out, figures(fine, '_1s_2seeds', false), figures(same, '_60s_2seeds', false));
  }
  return out;
}

void main();
