/**
 * Degradation of one failure mode, in damage time τ (equivalent operating hours at rated conditions).
 *
 * Everything random is drawn up front, so the failure time is known in advance:
 * - onset τ_on ~ Weibull(shape, scale) (Barringer: bearings η ≈ 5·L10, shape ≈ 1.4; see PHYSICS_REFERENCE.md);
 * - growth after onset, Δ = τ − τ_on, reaching level 1 (the failure threshold) at Δ = D:
 *   exponential (Gebraeel 2005): level = θ·(e^(βΔ) − 1), θ lognormal, β Gaussian, so D = ln(1 + 1/θ)/β;
 *   power: level = (Δ/D)^n with D lognormal;
 * - failure at τ_f = τ_on + D.
 * Words of a mode (offsets from its base, see profile-compile.ts `M`): tauH, onsetH, failH, durH,
 * p1 (β | n), p2 (θ | unused), mul (fault acceleration), reported (onset reported), level, rate.
 */
import type { Rng } from '../model.ts';
import { GROWTH_EXPONENTIAL as EXPONENTIAL, M as MODE_WORDS, type CompiledMode } from './profile-compile.ts';

// Module-local aliases of the imported word offsets: V8 reads an imported binding through its module
// cell, with a TDZ check, on every use, while a local constant is one load (see machine-life.ts).
const M = MODE_WORDS;
const GROWTH_EXPONENTIAL = EXPONENTIAL;

/** Inverse-CDF Weibull draw: η·(−ln(1 − u))^(1/k). */
export function weibull(u: number, shape: number, scaleH: number): number {
  return scaleH * Math.pow(-Math.log1p(-u), 1 / shape);
}

/** Draws a fresh life for mode `m` (onset and trajectory), with damage time reset to 0. */
export function drawLife(s: Float64Array, base: number, m: CompiledMode, rng: Rng): void {
  const { onset, growth } = m.doc;
  const onsetH = weibull(rng.uniform(), onset.weibullShape, onset.weibullScaleH);
  let durH: number;
  if (growth.model === 'exponential') {
    const theta = growth.thetaMedian * Math.exp(growth.thetaLogStd * rng.normal());
    // β truncated at a quarter of its mean: a degradation that never grows is not a failure mode.
    const beta = Math.max(growth.betaPerHMean + growth.betaPerHStd * rng.normal(), 0.25 * growth.betaPerHMean);
    durH = Math.log1p(1 / theta) / beta;
    s[base + M.p1] = beta;
    s[base + M.p2] = theta;
  } else {
    durH = growth.durationMedianH * Math.exp(growth.durationLogStd * rng.normal());
    s[base + M.p1] = growth.exponent;
    s[base + M.p2] = 0;
  }
  s[base + M.tauH] = 0;
  s[base + M.onsetH] = onsetH;
  s[base + M.durH] = durH;
  s[base + M.failH] = onsetH + durH;
  s[base + M.mul] = 1;
  s[base + M.reported] = 0;
  s[base + M.level] = 0;
  s[base + M.rate] = 0;
}

/**
 * Stores the degradation level at the mode's current damage time: 0 before onset, 1 at failure.
 * (It writes rather than returns: a double returned from a call that is not inlined costs an allocation.)
 */
export function updateLevel(s: Float64Array, base: number, growth: number): void {
  const tau = s[base + M.tauH]!;
  const delta = tau - s[base + M.onsetH]!;
  const dur = s[base + M.durH]!;
  let level = 0;
  if (tau >= s[base + M.failH]!) level = 1; // the failure criterion itself, not onset + D recomputed
  else if (delta > 0) {
    level = growth === GROWTH_EXPONENTIAL ? s[base + M.p2]! * Math.expm1(s[base + M.p1]! * delta) : Math.pow(delta / dur, s[base + M.p1]!);
    if (level >= 1) level = 1 - Number.EPSILON; // rounding near τ_f: the threshold is crossed only at τ_f
  }
  s[base + M.level] = level;
}

/**
 * Conditions the drawn life on having survived `ageH` equivalent hours (its failure lies beyond them)
 * and sets the damage time to that age. The onset is redrawn from the Weibull truncated below
 * `ageH − D`, reusing the same exponential variate: onset' = η·((a/η)^k + (onset/η)^k)^(1/k).
 */
export function surviveTo(s: Float64Array, base: number, m: CompiledMode, ageH: number): void {
  const { weibullShape: k, weibullScaleH: eta } = m.doc.onset;
  const a = ageH - s[base + M.durH]!;
  if (a > 0) {
    const onset = eta * Math.pow(Math.pow(a / eta, k) + Math.pow(s[base + M.onsetH]! / eta, k), 1 / k);
    s[base + M.onsetH] = onset;
    s[base + M.failH] = onset + s[base + M.durH]!;
  }
  s[base + M.tauH] = ageH;
}

/** Remaining damage time to failure, in equivalent hours at rated conditions (acceleration included). */
export function remainingH(s: Float64Array, base: number): number {
  return (s[base + M.failH]! - s[base + M.tauH]!) / s[base + M.mul]!;
}

/**
 * Starts the degradation now (if not started) and accelerates it by `rateMultiplier` (never slows it):
 * remaining life can only shrink, as the ground truth requires.
 */
export function startNow(s: Float64Array, base: number, rateMultiplier: number): void {
  const tau = s[base + M.tauH]!;
  if (tau < s[base + M.onsetH]!) {
    s[base + M.onsetH] = tau;
    s[base + M.failH] = tau + s[base + M.durH]!;
  }
  s[base + M.mul] = Math.max(s[base + M.mul]!, rateMultiplier);
  s[base + M.reported] = 1;
}
