/**
 * Plant events on the wire: the `events` channel (pushed as they happen) and GET /api/plant/events.
 * This is the public view, not the engine's internal event: times are ISO and seconds, positions are
 * fractions, units produced are left out (the KPIs count them), alerts have their own channel.
 */
import { Type, type Static } from 'typebox';
import { CommandOrigin } from './plant.ts';

const base = {
  /** The engine's event sequence number: increasing within one run, not unique across runs. */
  seq: Type.Integer({ minimum: 0 }),
  /** ISO 8601 UTC simulated time, and the same as seconds since the scenario start. */
  t: Type.String(),
  tS: Type.Number(),
  asset: Type.String(),
};
const Fraction = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });

/** Inspection found a defect on a unit. */
export const DefectEvent = Type.Object({
  ...base,
  type: Type.Literal('defect'),
  unitId: Type.Integer(),
  /** physics DEFECT_TYPES: crack, bubble, chip, cloudiness, deformation, stain, stress_fracture. */
  defect: Type.String(),
  xFrac: Fraction('across the unit, 0 at one edge, 1 at the other'),
  yFrac: Fraction('along the unit, in the direction of travel'),
  severity: Fraction('how bad, 0 slight … 1 severe (physics/glass/defects.ts)'),
});
export type DefectEvent = Static<typeof DefectEvent>;

export const FailureEvent = Type.Object({ ...base, type: Type.Literal('failure'), mode: Type.String() });
export const MaintenanceEvent = Type.Object({ ...base, type: Type.Literal('maintenance'), kind: Type.String() });
/** An injected (scripted) fault began; random onsets stay hidden truth. */
export const FaultOnsetEvent = Type.Object({ ...base, type: Type.Literal('fault_onset'), fault: Type.String(), detail: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])) });
export const SetpointChangedEvent = Type.Object({ ...base, type: Type.Literal('setpoint_changed'), setpoint: Type.String(), value: Type.Number(), origin: CommandOrigin });

/** Tagged by `type`. */
export const PlantEvent = Type.Union([DefectEvent, FailureEvent, MaintenanceEvent, FaultOnsetEvent, SetpointChangedEvent]);
export type PlantEvent = Static<typeof PlantEvent>;
export type PlantEventType = PlantEvent['type'];

/** The event types on the wire (GET /api/plant/events?types= takes these). */
export const PLANT_EVENT_TYPES = ['defect', 'failure', 'maintenance', 'fault_onset', 'setpoint_changed'] as const satisfies readonly PlantEventType[];

/** Body of GET /api/plant/events: newest first. */
export const PlantEventList = Type.Immutable(Type.Array(PlantEvent));
