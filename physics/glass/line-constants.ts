/** Everything a glass line precomputes once in createGlassLine, so that step() only does arithmetic. */
import { GLASS_ELASTIC, type GlassElastic } from './annealing.ts';
import { FURNACE_PARAMS, type FurnaceParams } from './furnace-params.ts';
import { burnerPowerForMeanTempMW, furnaceSteadyStateC, furnaceZones, type FurnaceZones } from './furnace.ts';
import {
  FORMING_PARAMS,
  forehearthConductanceWPerK,
  REFERENCE_BELT_MPM,
  type FormingParams,
} from './forming.ts';
import { LINE_PHYSICS_FIELDS, linePhysicsProblem, type GlassLineSpec, type LinePhysicsSpec } from './line-spec.ts';
import { log10ViscosityPaS, VFT, type VftConstants } from './viscosity.ts';

/** The reference operating point the nominal values refer to (and the ambient `init` assumes). */
export const REFERENCE = { furnaceC: 1500, beltSpeedMpm: REFERENCE_BELT_MPM, ambientC: 25 } as const;

/** How much the batch's chemical demand moves per unit of raw-material deviation (unconfirmed). */
export const CHEM_PER_RAW_DEV = 0.03;

/**
 * The batch's way from the charger to the forming end, as a residence-time distribution of tanks in
 * series (Levenspiel): its mean is the melt's fastest (critical) path, a few hours against a mean
 * residence of about a day (≈ 280 t of melt at 300 t/d), since batch-borne seeds and streaks ride the
 * surface and spring currents to the throat. The tank count and the 2 h mean are unconfirmed. A
 * deviation charged now shows at inspection hours later and diluted: a short contaminated delivery
 * does less harm than a long one, and the batch analyser sees trouble before the inspection does.
 */
export const BATCH_TRANSIT_TANKS = 3;
export const BATCH_TRANSIT_MEAN_S = 2 * 3600;

export interface LineConstants {
  readonly asset: string;
  readonly zoneCount: number;
  readonly furnace: FurnaceParams;
  readonly zones: FurnaceZones;
  readonly forming: FormingParams;
  readonly elastic: GlassElastic;
  readonly vft: VftConstants;
  /** Burner power at the reference point, MW. */
  readonly nominalBurnerMW: number;
  /** Burner feedforward on the pull, MW per kg/s: the steady-state slope of burner power against pull. */
  readonly burnerFeedforwardMWPerKgPerS: number;
  /** Crown rise above the hottest zone at nominal burner power, K (unconfirmed). */
  readonly crownRiseAtNominalK: number;
  /** Forehearth conductance that gives the nominal gob temperature at the reference point, W/K. */
  readonly forehearthWPerK: number;
  /** Largest drop from throat to gob the forehearth firing allows (twice the reference drop), K. */
  readonly forehearthMaxDropK: number;
  /** log10 η of the gob at its nominal temperature, the wall-thickness reference. */
  readonly nominalGobLog10Eta: number;
  /** Level-to-mass factor: mm of level per kg of melt. */
  readonly levelMmPerKg: number;
  /** Achieved lehr cooling rate per unit of the cooling-rate setpoint (the spec's lehrCoolingEffectiveness). */
  readonly lehrCoolingGain: number;
}

/** Every multiplier of the spec's `physics` block, 1 where left out; throws naming a bad field. */
function physicsMultipliers(spec: GlassLineSpec): Required<LinePhysicsSpec> {
  const given = spec.physics ?? {};
  for (const key of Object.keys(given)) {
    if (!(LINE_PHYSICS_FIELDS as readonly string[]).includes(key)) {
      throw new Error(`${spec.id}: physics.${key} is not a known field; expected one of ${LINE_PHYSICS_FIELDS.join(', ')}`);
    }
  }
  const out = {} as Record<keyof LinePhysicsSpec, number>;
  for (const key of LINE_PHYSICS_FIELDS) {
    const value = given[key];
    const problem = value === undefined ? undefined : linePhysicsProblem(value);
    if (problem !== undefined) throw new Error(`${spec.id}: physics.${key} ${problem}`);
    out[key] = value ?? 1;
  }
  return out;
}

/**
 * The furnace as this line's physics has it. The controller tuning (burner and charger PI) stays
 * the nominal one: it was designed on the model, not on this plant. The nominal object itself when
 * nothing is scaled, so an unperturbed line is the model as it always was.
 */
function scaledFurnace(nominal: FurnaceParams, m: Required<LinePhysicsSpec>): FurnaceParams {
  if (m.furnaceHeatLoss === 1 && m.furnaceThermalMass === 1 && m.burnerEfficiency === 1) return nominal;
  return {
    ...nominal,
    uaWPerK: nominal.uaWPerK * m.furnaceHeatLoss,
    heatCapacityJPerK: nominal.heatCapacityJPerK * m.furnaceThermalMass,
    burnerEfficiency: nominal.burnerEfficiency * m.burnerEfficiency,
  };
}

function scaledForming(nominal: FormingParams, m: Required<LinePhysicsSpec>): FormingParams {
  if (m.mouldHeatTransfer === 1) return nominal;
  return { ...nominal, moldGlassWPerK: nominal.moldGlassWPerK * m.mouldHeatTransfer };
}

export function lineConstants(spec: GlassLineSpec): LineConstants {
  if (!Number.isInteger(spec.zones) || spec.zones < 2 || spec.zones > 64) {
    throw new Error(`${spec.id}: zones must be an integer in 2..64, got ${spec.zones}`);
  }
  if (spec.glass !== 'container' && spec.glass !== 'float') {
    throw new Error(`${spec.id}: unknown glass "${String(spec.glass)}"; expected container or float`);
  }
  const m = physicsMultipliers(spec);
  // The plant's physics is the scaled one; what was designed on the model (burner feedforward, the
  // forehearth sized for the nominal gob, the crown reading's scale) is computed on the nominal one.
  const design = FURNACE_PARAMS[spec.glass];
  const designZones = furnaceZones(design, spec.zones);
  const furnace = scaledFurnace(design, m);
  const zones = furnace === design ? designZones : furnaceZones(furnace, spec.zones);
  const forming = scaledForming(FORMING_PARAMS[spec.glass], m);
  const vft = VFT[spec.glass];
  const pull = furnace.nominalPullKgPerS;
  const nominalBurnerMW = burnerPowerForMeanTempMW(designZones, design, REFERENCE.furnaceC, pull, REFERENCE.ambientC);
  const ss = furnaceSteadyStateC(designZones, design, nominalBurnerMW, pull, pull, REFERENCE.ambientC);
  const throatC = ss[ss.length - 1] as number;
  const powerAt = (pullKgPerS: number): number => burnerPowerForMeanTempMW(designZones, design, REFERENCE.furnaceC, pullKgPerS, REFERENCE.ambientC);
  return {
    asset: spec.id,
    zoneCount: spec.zones,
    furnace,
    zones,
    forming,
    elastic: GLASS_ELASTIC[spec.glass],
    vft,
    nominalBurnerMW,
    burnerFeedforwardMWPerKgPerS: (powerAt(1.1 * pull) - powerAt(0.9 * pull)) / (0.2 * pull),
    crownRiseAtNominalK: 25,
    forehearthWPerK: forehearthConductanceWPerK(throatC, forming.nominalGobC, REFERENCE.ambientC, pull, furnace.cpJPerKgK),
    forehearthMaxDropK: 2 * (throatC - forming.nominalGobC),
    nominalGobLog10Eta: log10ViscosityPaS(forming.nominalGobC, vft),
    levelMmPerKg: 1000 / (furnace.meltDensityKgPerM3 * furnace.meltAreaM2),
    lehrCoolingGain: m.lehrCoolingEffectiveness,
  };
}

/** The burner feedforward for a pull rate, MW (zero at the nominal pull). */
export function burnerFeedforwardMW(k: LineConstants, pullKgPerS: number): number {
  return k.burnerFeedforwardMWPerKgPerS * (pullKgPerS - k.furnace.nominalPullKgPerS);
}

/** Pull rate for a belt speed, kg/s: the forming station takes glass in proportion to its speed. */
export function pullForBeltKgPerS(k: LineConstants, beltSpeedMpm: number): number {
  return (k.furnace.nominalPullKgPerS * beltSpeedMpm) / REFERENCE.beltSpeedMpm;
}
