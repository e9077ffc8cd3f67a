/** Metrics of ml/: regression (RUL), classification, calibration and drift statistics. */
export { rmse, mae, phm08Score } from './regression.ts';
export { confusion, binaryMetrics, rocAuc, type Confusion, type BinaryMetrics } from './classification.ts';
export { expectedCalibrationError, ECE_BINS } from './calibration.ts';
export { psi, ksTwoSample, kolmogorovQ, quantileEdges, binProportions, PSI_BINS, PSI_EPSILON, type KsResult } from './drift-stats.ts';
