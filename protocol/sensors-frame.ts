/** The `sensors` channel payload: the samples of one tick (or conflated ticks), latest per sensor. */
import { Type, type Static } from 'typebox';
import { List, Nullable } from './schema-kit.ts';

/** 0 OK, 1 WARNING, 2 ERROR, 3 CRITICAL: numbers, since a frame carries thousands of samples. */
export const StatusLevel = Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2), Type.Literal(3)]);
export type StatusLevel = Static<typeof StatusLevel>;

export const SensorSample = Type.Object({ id: Type.String(), v: Nullable(Type.Number()), s: StatusLevel });
export type SensorSample = Static<typeof SensorSample>;

export const SensorsData = Type.Object({
  tick: Type.Integer({ minimum: 0 }),
  /**
   * Server wall-clock time (epoch ms) when the tick ran, so a client can show how old what it
   * displays is, and a benchmark can measure delivery latency on one machine.
   */
  wallMs: Type.Optional(Type.Number()),
  /**
   * Present when the message merges several ticks (the client could not keep up, or asked for a
   * lower rate): the oldest tick merged in and its wall-clock time. A sample in the message may be
   * as old as this tick, so this, not `wallMs`, says how stale the message can be.
   */
  merged: Type.Optional(Type.Object({ fromTick: Type.Integer({ minimum: 0 }), fromWallMs: Type.Optional(Type.Number()) })),
  samples: List(SensorSample),
});
export type SensorsData = Static<typeof SensorsData>;
