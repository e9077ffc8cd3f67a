/**
 * Per-unit defect hazards from the physical state. Each cause adds a smooth logistic hazard
 * h = peak / (1 + exp(−(x − threshold)/width)) for its defect type, on top of a small base rate
 * ('random'); a type appears on a unit with probability 1 − exp(−Σh) (competing independent causes).
 * Thresholds are the line's normal operating limits; peaks, widths and base rates are tuning choices
 * (unconfirmed) made so a healthy line loses ~1-2 % of units and each limit breach multiplies its
 * defect's rate many times over.
 */
import { DEFECT_TYPES, type DefectCause, type DefectType, type Rng } from '../model.ts';

/** Offsets of the inspection conditions in a condition block (see `writeDefectConditions`). */
export const COND = {
  furnaceTempC: 0,
  beltSpeedMpm: 1,
  moldTempC: 2,
  pressureVariationMPa: 3,
  coolingRateCPerMin: 4,
  rawMaterialDev: 5,
} as const;
export const COND_WORDS = 6;
export type DefectConditions = { readonly [K in keyof typeof COND]: number };

/** Causes in bitmask order. */
export const CAUSES: readonly DefectCause[] = [
  'furnace_overheat',
  'furnace_underheat',
  'belt_overspeed',
  'mold_too_cold',
  'pressure_variation',
  'cooling_too_fast',
  'raw_material',
  'random',
];
const RANDOM_BIT = 1 << CAUSES.indexOf('random');

/** One cause's hazard term: `dir` +1 fires above the threshold, −1 below, 0 when |x| is above it. */
export interface HazardTerm {
  readonly type: DefectType;
  readonly cause: DefectCause;
  readonly input: keyof typeof COND;
  readonly threshold: number;
  readonly width: number;
  readonly dir: 1 | -1 | 0;
  /** Hazard per unit far past the threshold. */
  readonly peak: number;
}

/** The causal relations of the line: thresholds are the line's normal limits; raw material counts past 2.5σ. */
export const HAZARD_TERMS: readonly HazardTerm[] = [
  { type: 'crack', cause: 'furnace_overheat', input: 'furnaceTempC', threshold: 1600, width: 8, dir: 1, peak: 0.12 },
  { type: 'cloudiness', cause: 'furnace_underheat', input: 'furnaceTempC', threshold: 1450, width: 8, dir: -1, peak: 0.12 },
  { type: 'deformation', cause: 'belt_overspeed', input: 'beltSpeedMpm', threshold: 180, width: 3, dir: 1, peak: 0.15 },
  { type: 'stress_fracture', cause: 'mold_too_cold', input: 'moldTempC', threshold: 280, width: 8, dir: -1, peak: 0.12 },
  { type: 'bubble', cause: 'pressure_variation', input: 'pressureVariationMPa', threshold: 15, width: 1.2, dir: 1, peak: 0.12 },
  { type: 'crack', cause: 'cooling_too_fast', input: 'coolingRateCPerMin', threshold: 7, width: 0.4, dir: 1, peak: 0.12 },
  { type: 'stain', cause: 'raw_material', input: 'rawMaterialDev', threshold: 2.5, width: 0.4, dir: 0, peak: 0.08 },
  { type: 'bubble', cause: 'raw_material', input: 'rawMaterialDev', threshold: 2.5, width: 0.4, dir: 0, peak: 0.05 },
];

/** Base hazard per unit of each type, in DEFECT_TYPES order (sums to ≈ 1.45 %). */
export const BASE_HAZARD: Readonly<Record<DefectType, number>> = {
  crack: 0.002,
  bubble: 0.003,
  chip: 0.003,
  cloudiness: 0.0015,
  deformation: 0.002,
  stain: 0.0015,
  stress_fracture: 0.0015,
};

/** A cause counts as a true cause of a defect when its share of the type's hazard is at least this. */
export const CAUSE_SHARE = 0.3;

// Flattened, index-based copies of the tables for the allocation-free hot path.
const N_TYPES = DEFECT_TYPES.length;
const TERM_TYPE = HAZARD_TERMS.map((t) => DEFECT_TYPES.indexOf(t.type));
const TERM_BIT = HAZARD_TERMS.map((t) => 1 << CAUSES.indexOf(t.cause));
const TERM_INPUT = HAZARD_TERMS.map((t) => COND[t.input]);
const BASE = DEFECT_TYPES.map((t) => BASE_HAZARD[t]);
const TERMS_OF_TYPE: readonly (readonly number[])[] = DEFECT_TYPES.map((_, i) =>
  HAZARD_TERMS.flatMap((_, j) => (TERM_TYPE[j] === i ? [j] : [])),
);
/** Frozen cause lists for every bitmask, so reporting a defect allocates nothing but the event. */
const CAUSES_BY_MASK: readonly (readonly DefectCause[])[] = Array.from({ length: 1 << CAUSES.length }, (_, m) =>
  Object.freeze(CAUSES.filter((_, i) => (m >> i) & 1)),
);

/** Signed distance past term `j`'s threshold in widths (positive = past it). */
function exceedance(j: number, c: Float64Array, co: number): number {
  const t = HAZARD_TERMS[j] as HazardTerm;
  const x = c[co + (TERM_INPUT[j] as number)] as number;
  const v = t.dir === 0 ? Math.abs(x) - t.threshold : t.dir * (x - t.threshold);
  return v / t.width;
}

function termHazard(j: number, c: Float64Array, co: number): number {
  return (HAZARD_TERMS[j] as HazardTerm).peak / (1 + Math.exp(-exceedance(j, c, co)));
}

/** Total hazard of defect type `typeIndex` (index into DEFECT_TYPES) under conditions `c[co..]`. */
export function typeHazard(typeIndex: number, c: Float64Array, co: number): number {
  const terms = TERMS_OF_TYPE[typeIndex] as readonly number[];
  let h = BASE[typeIndex] as number;
  for (let t = 0; t < terms.length; t++) h += termHazard(terms[t] as number, c, co);
  return h;
}

/** Per-type probability that a unit shows the defect under the given conditions (allocates; for tests and tools). */
export function defectProbabilities(cond: DefectConditions): Record<DefectType, number> {
  const c = conditionsArray(cond);
  const out = {} as Record<DefectType, number>;
  DEFECT_TYPES.forEach((type, i) => (out[type] = 1 - Math.exp(-typeHazard(i, c, 0))));
  return out;
}

/** The true causes of a defect of type `type` under the given conditions (allocates; for tests and tools). */
export function defectCauses(type: DefectType, cond: DefectConditions): readonly DefectCause[] {
  const c = conditionsArray(cond);
  return CAUSES_BY_MASK[dominantCauses(DEFECT_TYPES.indexOf(type), c, 0)] as readonly DefectCause[];
}

function conditionsArray(cond: DefectConditions): Float64Array {
  const c = new Float64Array(COND_WORDS);
  for (const k of Object.keys(COND) as (keyof typeof COND)[]) c[COND[k]] = cond[k];
  return c;
}

/** Bitmask over CAUSES of the terms holding at least CAUSE_SHARE of the type's hazard. */
function dominantCauses(typeIndex: number, c: Float64Array, co: number): number {
  const total = typeHazard(typeIndex, c, co);
  let mask = (BASE[typeIndex] as number) >= CAUSE_SHARE * total ? RANDOM_BIT : 0;
  for (let j = 0; j < HAZARD_TERMS.length; j++) {
    if (TERM_TYPE[j] === typeIndex && termHazard(j, c, co) >= CAUSE_SHARE * total) mask |= TERM_BIT[j] as number;
  }
  return mask;
}

/** The largest exceedance (in widths, ≥ 0) among the dominant physical causes of a type. */
function dominantExceedance(typeIndex: number, mask: number, c: Float64Array, co: number): number {
  let z = 0;
  for (let j = 0; j < HAZARD_TERMS.length; j++) {
    if (TERM_TYPE[j] === typeIndex && mask & (TERM_BIT[j] as number)) z = Math.max(z, exceedance(j, c, co));
  }
  return z;
}

/** Scratch words per defect type written by `drawUnitDefects`: drawn, x, y, severity, cause mask. */
export const DRAW = { drawn: 0, x: 1, y: 2, severity: 3, causeMask: 4 } as const;
export const DRAW_WORDS = 5;

/**
 * Draws one unit's defects under conditions `c[co..]` into `d[do_ ..]` (DRAW_WORDS per defect type,
 * in DEFECT_TYPES order) and returns how many types appeared. Severity is 0.1-0.4 at random and grows
 * toward 1 with how far the dominant cause is past its threshold. Allocation-free.
 */
export function drawUnitDefects(c: Float64Array, co: number, d: Float64Array, do_: number, rng: Rng): number {
  let count = 0;
  for (let i = 0; i < N_TYPES; i++) {
    const w = do_ + i * DRAW_WORDS;
    const p = 1 - Math.exp(-typeHazard(i, c, co));
    if (rng.uniform() >= p) {
      d[w + DRAW.drawn] = 0;
      continue;
    }
    const mask = dominantCauses(i, c, co);
    const z = dominantExceedance(i, mask, c, co);
    d[w + DRAW.drawn] = 1;
    d[w + DRAW.x] = rng.uniform();
    d[w + DRAW.y] = rng.uniform();
    d[w + DRAW.severity] = Math.min(1, 0.1 + 0.3 * rng.uniform() + 0.6 * (1 - Math.exp(-z / 2)));
    d[w + DRAW.causeMask] = mask;
    count++;
  }
  return count;
}

/** The cause list for a cause bitmask written by `drawUnitDefects` (a shared frozen array). */
export function causesOfMask(mask: number): readonly DefectCause[] {
  return CAUSES_BY_MASK[mask] ?? CAUSES_BY_MASK[RANDOM_BIT]!;
}
