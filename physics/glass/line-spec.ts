/**
 * A scenario's line entry. Defined here, beside the model; scenarios/types.ts re-exports it as
 * `LineSpec` (physics imports none of our other folders).
 */

/** Glass family: sets the VFT fit, the elastic constants and the furnace size. */
export type GlassKind = 'container' | 'float';

export interface GlassLineSpec {
  /** e.g. "Line_A" */
  readonly id: string;
  readonly glass: GlassKind;
  /** Number of furnace zones along the melter (heat-map resolution), at least 2. */
  readonly zones: number;
  /** Initial setpoint values by setpoint name (furnace_temp, belt_speed, mold_temp, forming_pressure, lehr_cooling_rate). */
  readonly initial: Readonly<Record<string, number>>;
}
