/**
 * Furnace sizes per glass family. Magnitudes from PHYSICS_REFERENCE.md "Glass furnace":
 * pull rates, ṁ·c_p, UA 1.5-3 kW/K, time constants (container 15-20 h, float ≈ 2 days), and
 * specific energy ≈ 5 GJ/t (IPCC AR4 7.4.5.3) which sets the burner efficiency below.
 */
import type { GlassKind } from './line-spec.ts';

/** Lumped furnace and melter constants, SI units unless the name says otherwise. */
export interface FurnaceParams {
  /** Pull at the nominal belt speed, kg/s (container ~300 t/d, float 600-800 t/d). */
  readonly nominalPullKgPerS: number;
  /** Melt average specific heat, J/(kg·K) (Conradt ≈ 1.2 kJ/(kg·K)). */
  readonly cpJPerKgK: number;
  /** Chemical (batch reaction) demand, J/kg (Conradt 0.46 GJ/t). */
  readonly chemJPerKg: number;
  /** Temperature of the charged batch, °C. */
  readonly batchTempC: number;
  /** Wall/crown loss conductance of the whole melter, W/K (derived 1.5-3 kW/K). */
  readonly uaWPerK: number;
  /** Heat capacity of melt plus refractory, J/K; sets τ = C/(UA + ṁ·c_p). */
  readonly heatCapacityJPerK: number;
  /** Fraction of burner (fuel) power that reaches the melt; the rest leaves with the flue gas. */
  readonly burnerEfficiency: number;
  /** Glass convection between neighbouring zones, W/K per zone of resolution (unconfirmed). */
  readonly mixingWPerKPerZone: number;
  /** Firing covers the melter up to this fraction of its length; the refining end beyond it is unfired. */
  readonly firingEndFrac: number;
  /** The floating batch blanket melts in over this fraction of the melter length from the charging end. */
  readonly batchBlanketFrac: number;
  /** Extra wall loss concentrated at the (cooled) throat, as a multiple of the mean zone loss. */
  readonly throatLossPeak: number;
  readonly burnerMinMW: number;
  readonly burnerMaxMW: number;
  /** Burner PI controller on the mean melt temperature: MW per K, and integral time s. */
  readonly burnerKpMWPerK: number;
  readonly burnerTiS: number;
  /** Melt surface area, m², and melt density, kg/m³ (ATS-129: 2500 solid; melt ≈ 2350). */
  readonly meltAreaM2: number;
  readonly meltDensityKgPerM3: number;
  /** Nominal melt depth, mm, held by the batch charger's level controller. */
  readonly levelSetpointMm: number;
  /** Batch charger PI: kg/s per mm of level error, integral time s, and charger capacity kg/s. */
  readonly chargerKpKgPerSPerMm: number;
  readonly chargerTiS: number;
  readonly chargerMaxKgPerS: number;
}

const TONNE_PER_DAY = 1000 / 86_400;
const CP_MELT = 1200;

function params(glass: GlassKind): FurnaceParams {
  const pull = (glass === 'container' ? 300 : 700) * TONNE_PER_DAY;
  const uaWPerK = glass === 'container' ? 2_500 : 3_000;
  const tauS = (glass === 'container' ? 17 : 48) * 3600;
  const heatCapacityJPerK = tauS * (uaWPerK + pull * CP_MELT);
  const burnerEfficiency = glass === 'container' ? 0.65 : 0.55;
  const meltAreaM2 = glass === 'container' ? 100 : 400;
  const meltDensityKgPerM3 = 2350;
  // Level loop closed to ~10 min: Kp = 1 / (gain · τ), gain = 1000 / (ρ·A) mm/s per kg/s.
  const chargerKp = (meltDensityKgPerM3 * meltAreaM2) / 1000 / 600;
  // Burner PI by pole cancellation on the lumped plant (Ti = τ, Kp ≈ C/(η·τ_cl)), closing the loop
  // on the mean melt temperature to τ_cl ≈ 1.5 h without overshoot; the line adds a pull feedforward.
  const burnerKp = heatCapacityJPerK / (burnerEfficiency * 1.5 * 3600) / 1e6;
  return {
    nominalPullKgPerS: pull,
    cpJPerKgK: CP_MELT,
    chemJPerKg: 0.46e6,
    batchTempC: 25,
    uaWPerK,
    heatCapacityJPerK,
    burnerEfficiency,
    mixingWPerKPerZone: glass === 'container' ? 6_000 : 18_000,
    firingEndFrac: 0.7,
    batchBlanketFrac: 0.5,
    throatLossPeak: 10,
    burnerMinMW: 0,
    burnerMaxMW: glass === 'container' ? 30 : 70,
    burnerKpMWPerK: burnerKp,
    burnerTiS: tauS,
    meltAreaM2,
    meltDensityKgPerM3,
    levelSetpointMm: 1200,
    chargerKpKgPerSPerMm: chargerKp,
    chargerTiS: 1800,
    chargerMaxKgPerS: 3 * pull,
  };
}

/** Furnace constants by glass family. */
export const FURNACE_PARAMS: Readonly<Record<GlassKind, FurnaceParams>> = {
  container: params('container'),
  float: params('float'),
};
