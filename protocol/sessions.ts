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
