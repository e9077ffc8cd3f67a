/** The maintenance planner on the wire: `POST /api/optimizer/schedule` and `GET /api/maintenance/schedule`. */
import { Type, type Static } from 'typebox';
import { List, Nullable } from './schema-kit.ts';
import { Text } from './text.ts';

export const ScheduleRequest = Type.Object(
  {
    unit_list: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100_000, description: 'Machines to consider (default: every machine of the plant)' })),
    risk_threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Schedule a machine whose failure risk is above this (default 0.7)' })),
    rul_threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6, description: 'Schedule a machine whose RUL estimate is under this many hours (default 24)' })),
    horizon_days: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 366, description: 'Planning horizon, days (default 7)' })),
    teams_available: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Crews, each with mechanical and electrical skills (default 2)' })),
    time_limit_s: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 60, description: 'Solver time limit (default 10 s)' })),
  },
  { additionalProperties: false },
);
export type ScheduleRequest = Static<typeof ScheduleRequest>;

/** Body of `POST /api/maintenance/schedule/:id/apply` (optional): the engineer's note, kept with every job's command. */
export const ApplyScheduleBody = Type.Object({ note: Type.Optional(Text({ maxLength: 500 })) }, { additionalProperties: false });
export type ApplyScheduleBody = Static<typeof ApplyScheduleBody>;

export const ScheduledJob = Type.Object({
  unit: Type.String(),
  team: Type.String(),
  failureMode: Type.String(),
  /** ISO 8601 UTC simulated start and end of the job. */
  start: Type.String(),
  end: Type.String(),
  hours: Type.Number(),
  /** P(failure within the horizon) doing nothing, and with this job (failing before it starts). */
  riskBefore: Type.Number(),
  riskAfter: Type.Number(),
  /** Expected saving against running to failure, in the cost settings' currency. */
  saving: Type.Number(),
});
export type ScheduledJob = Static<typeof ScheduledJob>;

const Costs = Type.Object({ runToFailure: Type.Number(), planned: Type.Number(), saving: Type.Number() });

/** A mean over seeds with its 95 % interval (Student's t). */
export const MeanInterval = Type.Object({ mean: Type.Number(), lo: Type.Number(), hi: Type.Number(), n: Type.Integer() });
export type MeanInterval = Static<typeof MeanInterval>;

const OnTwin = Type.Object({
  jobs: Type.Integer(),
  failures: MeanInterval,
  /** Against doing nothing; null when nothing fails doing nothing. */
  failuresAvoidedPct: Nullable(MeanInterval),
  plannedDowntimeH: Type.Number(),
  cost: MeanInterval,
  costChangePct: Nullable(MeanInterval),
});

/** The plan and the greedy baseline run on forks of the live plant over the horizon, against doing nothing, paired by seed. */
export const ScheduleTwinCheck = Type.Object({
  seeds: List(Type.Integer()),
  horizonH: Type.Number(),
  /** The forks' step, s (machine wear moves over hours; sensors off). */
  stepS: Type.Number(),
  machines: Type.Integer(),
  nothing: Type.Object({ failures: MeanInterval, cost: MeanInterval }),
  plan: OnTwin,
  greedy: OnTwin,
});
export type ScheduleTwinCheck = Static<typeof ScheduleTwinCheck>;

/** A job of an applied schedule: waiting for its time, done (the maintenance command's id), or failed (why). */
export const AppliedJob = Type.Object({
  unit: Type.String(),
  start: Type.String(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('failed')]),
  commandId: Nullable(Type.String()),
  error: Nullable(Type.String()),
});
export type AppliedJob = Static<typeof AppliedJob>;

export const SchedulePlan = Type.Object({
  id: Type.String(),
  /** ISO 8601 UTC simulated time the plan starts at (the twin's time when it was made). */
  from: Type.String(),
  horizonDays: Type.Number(),
  requestedBy: Type.String(),
  solver: Type.String(),
  /** `mip`: the solver's schedule; `greedy-fallback`: the highest-risk-first one, `fallbackReason` says why. */
  source: Type.Union([Type.Literal('mip'), Type.Literal('greedy-fallback')]),
  status: Type.String(),
  fallbackReason: Nullable(Type.String()),
  gap: Nullable(Type.Number()),
  teams: List(Type.String()),
  jobs: List(ScheduledJob),
  costs: Costs,
  greedy: Type.Object({ jobs: Type.Integer(), costs: Costs }),
  /** Machines the rules require that no team or window can take. */
  unschedulable: List(Type.String()),
  /** Machines left out, and why (no prediction yet, no failure modes). */
  skipped: List(Type.Object({ unit: Type.String(), reason: Type.String() })),
  /** What the expected figures rest on: the served models' predictions, not outcomes on the twin. */
  basis: Type.String(),
  /** The schedule on forks of the twin; null when the check could not run (`twinCheckError` says why). */
  twinCheck: Nullable(ScheduleTwinCheck),
  twinCheckError: Nullable(Type.String()),
  /** Set once an engineer applied the plan: who, when, and each job's state. */
  applied: Nullable(Type.Object({ by: Type.String(), atMs: Type.Number(), note: Nullable(Type.String()), jobs: List(AppliedJob) })),
});
export type SchedulePlan = Static<typeof SchedulePlan>;
