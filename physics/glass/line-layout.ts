/**
 * Where each state variable of a glass line lives in its Float64Array slice: the one place that
 * names offsets. Fixed words first, then the last unit's inspection conditions and defect draws, then one
 * word per furnace zone (charging end first).
 */
import { DEFECT_TYPES } from '../model.ts';
import { COND_WORDS, DRAW_WORDS } from './defects.ts';
import { BATCH_TRANSIT_TANKS } from './line-constants.ts';

/** Fixed-position state words (offsets from the line's `off`). */
export const S = {
  // furnace
  meanMeltC: 0,
  crownC: 1,
  burnerMW: 2,
  burnerIntegralMW: 3,
  tcDriftC: 4,
  levelMm: 5,
  chargerIntegralKgPerS: 6,
  chargeKgPerS: 7,
  pullKgPerS: 8,
  throatLog10EtaPaS: 9,
  // forming
  beltSpeedMpm: 10,
  gobC: 11,
  moldC: 12,
  heaterW: 13,
  heaterIntegralW: 14,
  pressureMPa: 15,
  pressureNoiseMPa: 16,
  pressureMeanMPa: 17,
  pressureVarMPa2: 18,
  pressureVariationMPa: 19,
  wallMm: 20,
  toNextUnitM: 21,
  unitCount: 22,
  // annealing
  ambientC: 23,
  lehrEntryC: 24,
  lehrExitC: 25,
  coolingCPerMin: 26,
  stressMPa: 27,
  // inspection of the last unit
  unitDefects: 28,
  unitThicknessMm: 29,
  unitSeverityMax: 30,
  // faults: the pressure oscillation's phase, an active flag per fault type, then their parameters
  oscPhaseRad: 31,
  fBurnerDrift: 32,
  fPressureOscillation: 33,
  fMoldHeaterFailure: 34,
  fLehrFanFailure: 35,
  fBeltOverspeed: 36,
  fBatchContamination: 37,
  driftRatePerH: 38,
  driftMaxC: 39,
  oscAmplitudeMPa: 40,
  oscPeriodS: 41,
  extraCoolingCPerMin: 42,
  beltOffsetMpm: 43,
  contaminationSeverity: 44,
  // batch: how far the batch being charged is from its recipe, in σ of the raw-material variation (≥ 0),
  // then the same deviation on its way through the melt (BATCH_TRANSIT_TANKS tanks in series)
  batchDevSigma: 45,
  batchTransit: 46,
} as const;

/** Active-flag offsets in the order of `FAULT_TYPES` (line-faults.ts). */
export const FAULT_FLAGS = [
  S.fBurnerDrift,
  S.fPressureOscillation,
  S.fMoldHeaterFailure,
  S.fLehrFanFailure,
  S.fBeltOverspeed,
  S.fBatchContamination,
] as const;

/** Conditions the last unit was inspected under (COND block of defects.ts). */
export const DEFECT_COND = 46 + BATCH_TRANSIT_TANKS;
/** Per defect type of the last unit: drawn (0/1), x, y, severity, cause bitmask (DRAW of defects.ts). */
export const DEFECT_DRAWS = DEFECT_COND + COND_WORDS;
/** First furnace zone temperature, °C. */
export const ZONES = DEFECT_DRAWS + DEFECT_TYPES.length * DRAW_WORDS;

/** State words for a line with `zones` furnace zones. */
export function lineStateSize(zones: number): number {
  return ZONES + zones;
}
