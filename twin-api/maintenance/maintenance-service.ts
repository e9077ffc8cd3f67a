/**
 * The maintenance planner of the live twin: plans from the served models' predictions on the MIP
 * solver (the greedy schedule beside it), checks the plan on forks of the plant, keeps every plan in
 * the settings store, and when an engineer applies one, issues each job as a maintenance command
 * through the plant command path when the twin's clock reaches its start. Domain rules live in
 * maintenance/; this service only gathers its inputs and carries out its answer.
 */
import type { Subscription } from 'rxjs';
import type { PlantCommands } from '../../commands/index.ts';
import { snapshotToBinary } from '../../engine/snapshot.ts';
import type { TwinEngine } from '../../engine/engine.ts';
import type { ProfileResolver } from '../../engine/plant.ts';
import { plantRef } from '../../lookahead/plant-key.ts';
import type { RolloutRunner } from '../../lookahead/rollout-runner.ts';
import type { JobOption } from '../../maintenance/job-options.ts';
import type { MipSolver } from '../../maintenance/mip.ts';
import { planSchedule } from '../../maintenance/plan-schedule.ts';
import { SCHEDULE_DEFAULTS, ScheduleInputError, shiftHours, type MaintenanceCosts, type ScheduleInput } from '../../maintenance/schedule-input.ts';
import { checkOnTwin, type TwinCheck, type TwinJob } from '../../maintenance/twin-check.ts';
import type { PredictionData } from '../../protocol/predictions.ts';
import type { AppliedJob, SchedulePlan, ScheduleRequest, ScheduleTwinCheck } from '../../protocol/maintenance.ts';
import { TwinApiError, badRequest, notFound } from '../errors.ts';
import type { SettingsStore } from '../store/settings-store.ts';
import { fleetHealth } from './fleet-health.ts';

/** Costs of a failure, an hour of downtime and a planned job (currency units), until an engineer sets them. */
export const DEFAULT_MAINTENANCE_COSTS: MaintenanceCosts = { failure: 50_000, downtimePerH: 500, job: 2_000 };

export interface MaintenanceSettings {
  readonly costs: MaintenanceCosts;
  /** Seeds of the twin check, and the forks' step (s). */
  readonly checkSeeds: readonly number[];
  readonly checkStepS: number;
  readonly timeLimitS: number;
  readonly relGap: number;
}

export const DEFAULT_MAINTENANCE_SETTINGS: MaintenanceSettings = { costs: DEFAULT_MAINTENANCE_COSTS, checkSeeds: [1, 2, 3, 4, 5, 6, 7, 8], checkStepS: 60, timeLimitS: 10, relGap: 1e-4 };

export interface MaintenanceServiceDeps {
  readonly engine: Pick<TwinEngine, 'tS' | 'isoAt' | 'startMs' | 'stepS' | 'snapshot' | 'scenario' | 'frames$'>;
  readonly commands: Pick<PlantCommands, 'execute'>;
  readonly store: SettingsStore;
  readonly predictions: () => readonly PredictionData[];
  readonly rulRmseH: (kind: string) => number | undefined;
  readonly resolveProfile: ProfileResolver;
  readonly riskHorizonH: number;
  /** Loaded on first use (HiGHS is a WebAssembly module). */
  readonly solver: () => Promise<MipSolver>;
  /** Runs the twin check; null: no check (said so in the plan). */
  readonly runner: RolloutRunner | null;
  readonly nextId: () => string;
  readonly now: () => number;
  readonly log: (msg: string) => void;
  readonly settings?: MaintenanceSettings;
}

export interface Caller {
  readonly actor: string;
  readonly role: string;
}

const PLAN_KEY = (id: string) => `maintenance.plan.${id}`;
const LATEST_KEY = 'maintenance.latest';

export class MaintenanceService {
  private readonly plans = new Map<string, SchedulePlan>();
  private latestId: string | null = null;
  private readonly running = new Set<string>();
  private sub: Subscription | null = null;
  private readonly settings: MaintenanceSettings;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly deps: MaintenanceServiceDeps) {
    this.settings = deps.settings ?? DEFAULT_MAINTENANCE_SETTINGS;
  }

  /** Puts back the stored plans: an applied plan's pending jobs still happen after a restart. */
  async load(): Promise<void> {
    for (const s of await this.deps.store.listSettings()) if (s.key.startsWith('maintenance.plan.')) this.plans.set((s.value as SchedulePlan).id, s.value as SchedulePlan);
    const latest = await this.deps.store.getSetting(LATEST_KEY);
    this.latestId = typeof latest?.value === 'string' && this.plans.has(latest.value) ? latest.value : null;
  }

  /** Watches the twin's clock for jobs that are due. */
  start(): void {
    this.sub = this.deps.engine.frames$.subscribe(() => this.runDue());
  }

  /** Stops watching the clock; resolves when every job outcome is stored. */
  async close(): Promise<void> {
    this.sub?.unsubscribe();
    await this.writes;
  }

  latest(): SchedulePlan | null {
    return this.latestId ? this.plans.get(this.latestId)! : null;
  }

  get(id: string): SchedulePlan {
    const p = this.plans.get(id);
    if (!p) throw notFound(`no maintenance schedule "${id}"`);
    return p;
  }

  /** Plans, checks on the twin, stores; resolves with the stored plan. Bad requests throw a 400 naming the field. */
  async plan(req: ScheduleRequest, by: Caller): Promise<SchedulePlan> {
    const { engine } = this.deps;
    const health = fleetHealth({ machines: engine.scenario.machines, predictions: this.deps.predictions(), resolveProfile: this.deps.resolveProfile, riskHorizonH: this.deps.riskHorizonH, rulRmseH: this.deps.rulRmseH, ...(req.unit_list ? { only: req.unit_list } : {}) });
    if (health.unknown.length) throw badRequest(`unit_list: ${health.unknown.map((u) => `"${u}"`).join(', ')} ${health.unknown.length > 1 ? 'are not machines' : 'is not a machine'} of this plant`);
    const teams = Array.from({ length: req.teams_available ?? SCHEDULE_DEFAULTS.teamsAvailable }, (_, k) => ({ id: `Team ${k + 1}`, skills: ['mechanical', 'electrical'] }));
    const input: ScheduleInput = {
      units: health.units,
      teams,
      horizonDays: req.horizon_days ?? SCHEDULE_DEFAULTS.horizonDays,
      calendar: { shiftsPerDay: SCHEDULE_DEFAULTS.shiftsPerDay, teamHoursPerShift: SCHEDULE_DEFAULTS.teamHoursPerShift },
      windows: {},
      precedences: [],
      costs: this.settings.costs,
      rulThresholdH: req.rul_threshold ?? SCHEDULE_DEFAULTS.rulThresholdH,
      riskThreshold: req.risk_threshold ?? SCHEDULE_DEFAULTS.riskThreshold,
    };
    const fromS = engine.tS;
    const snapshot = snapshotToBinary(engine.snapshot());
    // A solver that cannot load is a failed solver: the planner falls back to the greedy schedule and says why.
    const solver = await this.deps.solver().catch((err: Error): MipSolver => ({ name: 'HiGHS', solve: () => Promise.reject(new Error(`could not be loaded (${err.message})`)) }));
    let result;
    try {
      result = await planSchedule(input, solver, { timeLimitS: req.time_limit_s ?? this.settings.timeLimitS, relGap: this.settings.relGap });
    } catch (err) {
      if (err instanceof ScheduleInputError) throw badRequest(err.message);
      throw err;
    }
    const hShift = shiftHours(input.calendar);
    const at = (shift: number) => engine.isoAt(fromS + shift * hShift * 3600);
    const twinJobs = (jobs: readonly JobOption[]) => jobs.map((j) => ({ unit: j.unit, startH: j.startShift * hShift, hours: j.hoursByShift.reduce((a, b) => a + b, 0) }));
    const { twinCheck, twinCheckError } = await this.check(snapshot, input, { plan: twinJobs(result.jobs), greedy: twinJobs(result.greedy.jobs) });
    const plan: SchedulePlan = {
      id: this.deps.nextId(),
      from: engine.isoAt(fromS),
      horizonDays: input.horizonDays,
      requestedBy: by.actor,
      solver: result.solver,
      source: result.source,
      status: result.status,
      fallbackReason: result.fallbackReason,
      gap: result.gap,
      teams: teams.map((t) => t.id),
      jobs: result.jobs.map((j) => {
        const u = health.units.find((x) => x.id === j.unit)!;
        const hours = j.hoursByShift.reduce((a, b) => a + b, 0);
        const startS = fromS + j.startShift * hShift * 3600;
        return { unit: j.unit, team: j.team, failureMode: u.job.failureMode, start: at(j.startShift), end: engine.isoAt(startS + hours * 3600), hours, riskBefore: j.riskBefore, riskAfter: j.riskAfter, saving: j.gain };
      }),
      costs: result.costs,
      greedy: { jobs: result.greedy.jobs.length, costs: result.greedy.costs },
      unschedulable: result.unschedulable,
      skipped: health.skipped,
      basis: `expected costs from the served failure-risk (${this.deps.riskHorizonH} h horizon) and RUL models' predictions; failure ${input.costs.failure}, downtime ${input.costs.downtimePerH}/h, job ${input.costs.job}`,
      twinCheck,
      twinCheckError,
      applied: null,
    };
    try {
      await this.save(plan);
      await this.deps.store.putSetting(LATEST_KEY, plan.id, by.actor);
    } catch (err) {
      this.plans.delete(plan.id);
      throw err;
    }
    this.latestId = plan.id;
    return plan;
  }

  /** Applies a plan: its jobs become maintenance commands at their start times (on the first tick at or after). Resolves once stored. */
  async apply(id: string, by: Caller, note: string | null = null): Promise<SchedulePlan> {
    const plan = this.get(id);
    if (plan.applied) throw new TwinApiError('TWIN_ERR_CONFLICT', `maintenance schedule "${id}" was applied by ${plan.applied.by}`);
    const jobs: AppliedJob[] = plan.jobs.map((j) => ({ unit: j.unit, start: j.start, state: 'pending', commandId: null, error: null }));
    const next = { ...plan, applied: { by: by.actor, atMs: this.deps.now(), note, jobs } };
    try {
      await this.save(next);
    } catch (err) {
      // Not stored, not applied: nothing may happen that the caller was told failed.
      this.plans.set(id, plan);
      throw err;
    }
    // Due jobs (a job of the first shift) are issued on the twin's next tick, like every later one.
    return this.plans.get(id)!;
  }

  private async check(snapshot: Uint8Array, input: ScheduleInput, schedules: Record<'plan' | 'greedy', readonly TwinJob[]>): Promise<{ twinCheck: ScheduleTwinCheck | null; twinCheckError: string | null }> {
    const { runner, engine } = this.deps;
    if (!runner) return { twinCheck: null, twinCheckError: 'no rollout runner: the schedule was not checked on the twin' };
    if (input.units.length === 0) return { twinCheck: null, twinCheckError: 'no machine with predictions to check' };
    try {
      const c: TwinCheck = await checkOnTwin({
        runner,
        plant: plantRef(engine.scenario),
        snapshot,
        plantStepS: engine.stepS,
        horizonH: input.horizonDays * 24,
        stepS: this.settings.checkStepS,
        seeds: this.settings.checkSeeds,
        machines: input.units.map((u) => u.id),
        schedules,
        costs: input.costs,
      });
      return { twinCheck: { seeds: c.seeds, horizonH: c.horizonH, stepS: c.stepS, machines: c.machines, nothing: c.nothing, plan: c.schedules['plan']!, greedy: c.schedules['greedy']! }, twinCheckError: null };
    } catch (err) {
      this.deps.log(`maintenance: the twin check failed: ${(err as Error).message}`);
      return { twinCheck: null, twinCheckError: `the twin check failed: ${(err as Error).message}` };
    }
  }

  /** Issues every job whose start the twin has reached, once; each outcome is stored. */
  private runDue(): void {
    const nowS = this.deps.engine.tS;
    const startMs = this.deps.engine.startMs;
    for (const plan of this.plans.values()) {
      plan.applied?.jobs.forEach((job, k) => {
        const key = `${plan.id}#${k}`;
        if (job.state !== 'pending' || this.running.has(key) || (Date.parse(job.start) - startMs) / 1000 > nowS + 1e-9) return;
        this.running.add(key);
        const p = plan.jobs[k]!;
        void this.deps.commands
          .execute({ kind: 'maintenance', target: job.unit }, { actor: plan.applied!.by, role: 'engineer', origin: 'engineer', reason: `maintenance schedule ${plan.id}: ${p.failureMode} job by ${p.team}${plan.applied!.note ? ` (${plan.applied!.note})` : ''}` })
          .then(
            (rec) => this.settle(plan.id, k, { state: 'done', commandId: rec.id, error: null }),
            (err: Error) => this.settle(plan.id, k, { state: 'failed', commandId: null, error: err.message }),
          )
          .catch((err: Error) => this.deps.log(`maintenance: job ${key} could not be stored: ${err.message}`))
          .finally(() => this.running.delete(key));
      });
    }
  }

  private async settle(id: string, k: number, outcome: Pick<AppliedJob, 'state' | 'commandId' | 'error'>): Promise<void> {
    const plan = this.plans.get(id)!;
    const jobs = plan.applied!.jobs.map((j, i) => (i === k ? { ...j, ...outcome } : j));
    await this.save({ ...plan, applied: { ...plan.applied!, jobs } });
  }

  /**
   * The plan in memory at once (a job settling next reads it), then in the store, writes in order: a
   * later state is never overwritten by an earlier one. Rejects when the store refused.
   */
  private save(plan: SchedulePlan): Promise<void> {
    this.plans.set(plan.id, plan);
    const write = this.writes.then(() => this.deps.store.putSetting(PLAN_KEY(plan.id), plan, plan.applied?.by ?? plan.requestedBy)).then(() => undefined);
    this.writes = write.catch(() => undefined);
    return write;
  }
}
