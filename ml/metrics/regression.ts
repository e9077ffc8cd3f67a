/**
 * Regression metrics for remaining-useful-life and forecasting models. Inputs are parallel arrays
 * (one prediction per true value); a length mismatch or an empty input is a programming error.
 */

/** Throws unless both arrays are non-empty and of equal length. */
export function checkPair(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new Error(`${what}: ${a.length} predictions for ${b.length} true values`);
  if (a.length === 0) throw new Error(`${what}: no values`);
}

/** Root mean squared error: sqrt(mean((pred − true)²)). */
export function rmse(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  checkPair(predicted, truth, 'rmse');
  let sum = 0;
  for (let i = 0; i < truth.length; i++) {
    const d = predicted[i]! - truth[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum / truth.length);
}

/** Mean absolute error: mean(|pred − true|). */
export function mae(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  checkPair(predicted, truth, 'mae');
  let sum = 0;
  for (let i = 0; i < truth.length; i++) sum += Math.abs(predicted[i]! - truth[i]!);
  return sum / truth.length;
}

/**
 * The PHM08 challenge score (Saxena et al., "Damage propagation modeling for aircraft engine
 * run-to-failure simulation", PHM 2008): Σ over engines of e^(−d/13) − 1 when d < 0 (early) and
 * e^(d/10) − 1 when d ≥ 0 (late), with d = predicted − true RUL. Late predictions cost more. Lower is better.
 */
export function phm08Score(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  checkPair(predicted, truth, 'phm08Score');
  let score = 0;
  for (let i = 0; i < truth.length; i++) {
    const d = predicted[i]! - truth[i]!;
    score += d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
  }
  return score;
}
