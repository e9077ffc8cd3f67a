/** The plant on the wire: GET /api/plant/topology, /latest, /setpoints, and setpoint commands. */
import { Type, type Static } from 'typebox';
import { SampleStatus } from './samples.ts';
import { List, Nullable } from './schema-kit.ts';

const Bounds = Type.Immutable(Type.Tuple([Nullable(Type.Number()), Nullable(Type.Number())]));

/** A sensor as the topology describes it. */
export const SensorInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  group: Type.String(),
  unit: Type.String(),
  description: Type.String(),
  /** Sampling period; null for a sensor sampled on events (an inspection reading per unit). */
  periodS: Nullable(Type.Number()),
  /** A value outside `warning` is WARNING, outside `error` ERROR, outside `critical` CRITICAL; null: no bound that side. */
  limits: Type.Object({ warning: Bounds, error: Bounds, critical: Bounds }),
});
export type SensorInfo = Static<typeof SensorInfo>;

const setpointInfoProperties = {
  id: Type.String({ description: 'e.g. Line_A.furnace_temp' }),
  name: Type.String(),
  unit: Type.String(),
  min: Type.Number(),
  max: Type.Number(),
  description: Type.String(),
  /** Actuator first-order lag: the actual value follows the target with this time constant (engine/actuators.ts). */
  lagS: Type.Number({ minimum: 0 }),
  /** Actuator rate limit, in the setpoint's unit per second. */
  rateLimitPerS: Type.Number({ exclusiveMinimum: 0 }),
};

/** A setpoint with its safe bounds and actuator dynamics. */
export const SetpointInfo = Type.Object(setpointInfoProperties);
export type SetpointInfo = Static<typeof SetpointInfo>;

/** A line or machine of the plant. */
export const AssetInfo = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('line'), Type.Literal('machine')]),
  sensors: List(SensorInfo),
  setpoints: List(SetpointInfo),
});
export type AssetInfo = Static<typeof AssetInfo>;

/** Body of GET /api/plant/topology. */
export const Topology = Type.Object({
  scenario: Type.String(),
  /** ISO 8601 UTC simulated start of the scenario. */
  start: Type.String(),
  stepS: Type.Number(),
  assets: List(AssetInfo),
});
export type Topology = Static<typeof Topology>;

const { description: _description, ...setpointValueProperties } = setpointInfoProperties;
/** One item of GET /api/plant/setpoints: a setpoint (without its description) with its target and the actuator's actual value. */
export const SetpointValue = Type.Object({ ...setpointValueProperties, asset: Type.String(), target: Type.Number(), actual: Type.Number() });
export type SetpointValue = Static<typeof SetpointValue>;
export const SetpointList = List(SetpointValue);

/** Body of GET /api/plant/latest (and GET /api/sessions/:id/latest). */
export const LatestSnapshot = Type.Object({
  t: Type.String(),
  tick: Type.Integer({ minimum: 0 }),
  samples: List(Type.Object({ sensor_id: Type.String(), value: Nullable(Type.Number()), unit: Type.String(), status: SampleStatus })),
});
export type LatestSnapshot = Static<typeof LatestSnapshot>;

/** One setpoint change, as an operator, an optimizer's recommendation or a rollback asks for it. */
export const SetpointChange = Type.Object({
  asset: Type.String(),
  /** Setpoint id, e.g. Line_A.furnace_temp. */
  setpoint: Type.String(),
  /** The target before the change (what a rollback returns to). */
  from: Type.Number(),
  to: Type.Number(),
  unit: Type.String(),
});
export type SetpointChange = Static<typeof SetpointChange>;

/** Who issued a command (engine/events.ts CommandOrigin): the scenario's script, or an outside input; `external` in old recordings. */
export const CommandOrigin = Type.Union([Type.Literal('scenario'), Type.Literal('operator'), Type.Literal('engineer'), Type.Literal('optimizer'), Type.Literal('rollback'), Type.Literal('external')]);
export type CommandOrigin = Static<typeof CommandOrigin>;

/** A command to the plant (commands/plant-command.ts): a setpoint's new target, or maintenance of an asset. */
export const PlantCommand = Type.Union([
  Type.Object({ kind: Type.Literal('setpoint'), setpoint: Type.String(), value: Type.Number() }),
  Type.Object({ kind: Type.Literal('maintenance'), target: Type.String() }),
]);
export type PlantCommand = Static<typeof PlantCommand>;

/** What the plant answered (commands/plant-command-port.ts): only `acknowledged` means it took the command. */
export const PlantAck = Type.Union([
  Type.Object({ status: Type.Literal('acknowledged'), atMs: Type.Number(), /** the plant's echoed target */ value: Nullable(Type.Number()) }),
  Type.Object({ status: Type.Literal('rejected'), atMs: Type.Number(), reason: Type.String() }),
  Type.Object({ status: Type.Literal('timeout'), afterMs: Type.Number() }),
  Type.Object({ status: Type.Literal('unavailable'), reason: Type.String() }),
]);
export type PlantAck = Static<typeof PlantAck>;

/** One executed command as audited (commands/command-log.ts CommandRecord). */
export const CommandRecord = Type.Object({
  id: Type.String(),
  /** Wall-clock time of issue, ms since the epoch. */
  atMs: Type.Number(),
  /** The twin's simulated time when the command took effect. */
  twinTime: Type.String(),
  actor: Type.String(),
  role: Type.String(),
  origin: Type.Union([Type.Literal('operator'), Type.Literal('engineer'), Type.Literal('optimizer'), Type.Literal('rollback')]),
  command: PlantCommand,
  /** Target before and after (setpoints; null for maintenance). */
  previous: Nullable(Type.Number()),
  next: Nullable(Type.Number()),
  unit: Nullable(Type.String()),
  plant: Type.Object({ port: Type.String(), ack: PlantAck }),
  reason: Nullable(Type.String()),
});
export type CommandRecord = Static<typeof CommandRecord>;

/** Body of PUT /api/plant/setpoints/:id: the setpoint as it is now, and the command as executed. */
export const SetpointCommandResult = Type.Object({ ...SetpointValue.properties, command: CommandRecord });
export type SetpointCommandResult = Static<typeof SetpointCommandResult>;

/** Body of POST /api/plant/maintenance/:asset. */
export const MaintenanceCommandResult = Type.Object({ command: CommandRecord });
export type MaintenanceCommandResult = Static<typeof MaintenanceCommandResult>;
