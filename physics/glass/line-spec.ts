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
  /** Multipliers on the model's physics constants (all 1 when absent); see LinePhysicsSpec. */
  readonly physics?: LinePhysicsSpec;
}

/**
 * How far this line's physics is from the model's nominal constants: dimensionless multipliers on
 * the constants cited in PHYSICS_REFERENCE.md (which stay the nominal values), each 1 when left
 * out. The controllers keep their nominal tuning (they were tuned on the model, not on this plant),
 * so a multiplier changes how setpoints map to temperatures, stress and defects. A scenario sets
 * them to describe one plant; rl/perturbed-twins.ts draws them so a policy cannot exploit one model.
 */
export interface LinePhysicsSpec {
  /**
   * Wall/crown loss conductance UA (FurnaceParams.uaWPerK). Uncertain: derived from a 1.5-3 kW/K
   * range, and in a plant it grows as the refractory wears and with crown insulation repairs.
   */
  readonly furnaceHeatLoss?: number;
  /**
   * Heat capacity of melt plus refractory, i.e. the furnace's thermal time constant
   * (FurnaceParams.heatCapacityJPerK). Uncertain: the 15-20 h (container) / ≈ 2 d (float) figures
   * are ranges, and how much refractory takes part in the thermal mass is rarely measured.
   */
  readonly furnaceThermalMass?: number;
  /**
   * Fraction of burner power reaching the melt (FurnaceParams.burnerEfficiency). Uncertain: set
   * from a typical 5 GJ/t specific energy; it moves with combustion air, regenerator fouling, fuel.
   */
  readonly burnerEfficiency?: number;
  /**
   * Heat transfer from the glass into the mould (FormingParams.moldGlassWPerK). Uncertain: a
   * tuning choice (unconfirmed), and in a plant it depends on mould coating, swabbing and contact time.
   */
  readonly mouldHeatTransfer?: number;
  /**
   * The cooling rate the lehr achieves per °C/min of its setpoint. Uncertain: the lehr's real rate
   * depends on fan airflow, the load on the belt and how the ware sits, so it differs from the set value.
   */
  readonly lehrCoolingEffectiveness?: number;
}

/** The multipliers a line's `physics` block may set, in a fixed order. */
export const LINE_PHYSICS_FIELDS = [
  'furnaceHeatLoss',
  'furnaceThermalMass',
  'burnerEfficiency',
  'mouldHeatTransfer',
  'lehrCoolingEffectiveness',
] as const satisfies readonly (keyof LinePhysicsSpec)[];

/**
 * Allowed range of every multiplier. At most 1.5 so the burner efficiency stays below 1 (0.65 × 1.5);
 * at least 0.5 because a plant further off than a factor of two is a different plant, not a perturbation.
 */
export const LINE_PHYSICS_RANGE = { min: 0.5, max: 1.5 } as const;

/** undefined when `value` may be a physics multiplier, else the reason in plain words. */
export function linePhysicsProblem(value: unknown): string | undefined {
  const { min, max } = LINE_PHYSICS_RANGE;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a finite number, a multiplier of the nominal value (got ${String(value)})`;
  if (value < min || value > max) return `must be between ${min} and ${max} (got ${value})`;
  return undefined;
}
