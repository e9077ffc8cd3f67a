/**
 * Expected calibration error (Naeini et al. 2015; Guo et al., "On calibration of modern neural
 * networks", 2017): ECE = Σ_b (n_b / N)·|acc_b − conf_b| over equal-width probability bins, with
 * acc_b the fraction of positives and conf_b the mean predicted probability in bin b.
 */
import { checkPair } from './regression.ts';

/** Default bin count of {@link expectedCalibrationError}: 10 equal-width bins on [0, 1]. */
export const ECE_BINS = 10;

/** ECE of probabilities against 0/1 labels; bin b holds p in [b/B, (b+1)/B), the last bin includes 1. */
export function expectedCalibrationError(labels: ArrayLike<number>, probs: ArrayLike<number>, bins = ECE_BINS): number {
  checkPair(probs, labels, 'expectedCalibrationError');
  if (!(bins >= 1) || !Number.isInteger(bins)) throw new Error(`expectedCalibrationError: bins must be a positive integer, got ${bins}`);
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1, Math.max(0, probs[i]!));
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b] = count[b]! + 1;
    sumP[b] = sumP[b]! + p;
    sumY[b] = sumY[b]! + (labels[i]! !== 0 ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const nb = count[b]!;
    if (nb > 0) ece += (nb / labels.length) * Math.abs(sumY[b]! / nb - sumP[b]! / nb);
  }
  return ece;
}
