/** Training sessions, scenarios and recordings on the wire: /api/sessions…, /api/scenarios, /api/recordings, `state` messages of kind "session". */
import { Type, type Static } from 'typebox';
import { List, Nullable } from './schema-kit.ts';

/** Where a session came from. */
export const SessionSource = Type.Union([
  Type.Object({ kind: Type.Literal('scenario'), scenario: Type.String() }),
  Type.Object({ kind: Type.Literal('recording'), recordingId: Type.Integer() }),
  Type.Object({ kind: Type.Literal('branch'), from: Type.String(), atS: Type.Number() }),
]);
export type SessionSource = Static<typeof SessionSource>;

export const Speed = Type.Union([Type.Number(), Type.Literal('max')], { description: 'simulated seconds per wall second, or as fast as it goes' });

/** A training session's position: GET /api/sessions/:id (and the list, and every control's answer). */
export const SessionView = Type.Object({
  id: Type.String(),
  source: SessionSource,
  scenario: Type.String(),
  /** ISO 8601 UTC simulated time, and the same as seconds since the scenario start. */
  t: Type.String(),
  tS: Type.Number(),
  startS: Type.Number(),
  /** null: the session runs without an end (a branch of the live plant). */
  endS: Nullable(Type.Number()),
  running: Type.Boolean(),
  finished: Type.Boolean(),
  speed: Speed,
  recording: Type.Boolean(),
  timelineMarks: Type.Integer({ minimum: 0 }),
});
export type SessionView = Static<typeof SessionView>;
export const SessionList = List(SessionView);

/** The event types a trainer's timeline marks (units produced and alert chatter are left out). */
export const TimelineMarkType = Type.Union([Type.Literal('defect'), Type.Literal('fault_onset'), Type.Literal('failure'), Type.Literal('maintenance'), Type.Literal('setpoint_changed')]);
export type TimelineMarkType = Static<typeof TimelineMarkType>;

/** One item of GET /api/sessions/:id/timeline. */
export const TimelineMark = Type.Object({ tS: Type.Number(), type: TimelineMarkType, asset: Type.String(), label: Type.String() });
export type TimelineMark = Static<typeof TimelineMark>;
export const Timeline = List(TimelineMark);

/** One item of GET /api/scenarios. */
export const ScenarioSummary = Type.Object({ name: Type.String(), title: Type.String(), description: Type.String(), durationS: Type.Number() });
export type ScenarioSummary = Static<typeof ScenarioSummary>;
export const ScenarioList = List(ScenarioSummary);

/** One item of GET /api/recordings (and the answer to saving one). */
export const RecordingSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAtMs: Type.Number(),
  scenario: Type.String(),
  /** What the recorder wrote beside the body (duration, seed, …), as it wrote it. */
  meta: Type.Unknown(),
  sizeBytes: Type.Integer({ minimum: 0 }),
});
export type RecordingSummary = Static<typeof RecordingSummary>;
export const RecordingList = List(RecordingSummary);

/** A time in a session: seconds from the scenario start, or a duration such as "10h42m". */
export const SessionTime = Type.Union([Type.Number({ minimum: 0 }), Type.String({ minLength: 1, maxLength: 40 })], { description: 'seconds from the scenario start, or a duration like "10h42m"' });

/** One operator action of a branch: a setpoint change (setpoint and value) or a maintenance job, at a time. */
export const BranchAction = Type.Object(
  {
    at: SessionTime,
    setpoint: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    value: Type.Optional(Type.Number()),
    maintenance: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type BranchAction = Static<typeof BranchAction>;

/** POST /api/sessions/:id/branch: branch at `t` with these actions (none: the same run from there on, without the scripted actions after t). */
export const BranchRequest = Type.Object({ t: SessionTime, actions: Type.Array(BranchAction, { maxItems: 200 }) }, { additionalProperties: false });
export type BranchRequest = Static<typeof BranchRequest>;
/** A scripted fault of a scenario: when, on what (an asset or a sensor id), which type, its parameters. */
export const ScenarioFault = Type.Object({ atS: Type.Number(), target: Type.String(), type: Type.String(), params: Type.Record(Type.String(), Type.Number()) });
/** A scripted operator action of a scenario. */
export const ScenarioAction = Type.Union([
  Type.Object({ atS: Type.Number(), kind: Type.Literal('setpoint'), setpoint: Type.String(), value: Type.Number() }),
  Type.Object({ atS: Type.Number(), kind: Type.Literal('maintenance'), target: Type.String() }),
]);

/** Body of GET /api/scenarios/:name: the scenario as the engine runs it (times in seconds, defaults filled in). */
export const ScenarioDetail = Type.Object({
  name: Type.String(),
  title: Type.String(),
  description: Type.String(),
  seed: Type.Integer(),
  /** ISO 8601 UTC simulated time at t = 0. */
  start: Type.String(),
  durationS: Type.Number(),
  stepS: Type.Number(),
  /** The lines and machines, as the physics models take them (physics/glass/line-spec.ts, physics/machines/machine-spec.ts). */
  lines: List(Type.Unknown()),
  machines: List(Type.Unknown()),
  disturbances: Type.Object({
    ambient: Type.Object({ meanC: Type.Number(), dailyAmplitudeC: Type.Number() }),
    rawMaterial: Type.Object({ std: Type.Number(), correlationH: Type.Number() }),
  }),
  faults: List(ScenarioFault),
  actions: List(ScenarioAction),
  /** What really happened, for the trainer's write-up; null for scenarios without an incident. */
  groundTruth: Nullable(
    Type.Object({ summary: Type.String(), causes: List(Type.String()), expectedDefects: List(Type.String()), expectedFailures: List(Type.String()) }),
  ),
});
export type ScenarioDetail = Static<typeof ScenarioDetail>;

/** Body of DELETE /api/sessions/:id. */
export const SessionDeleted = Type.Object({ deleted: Type.Literal(true) });
