/**
 * Per-sensor output-bias observer: a scalar Kalman filter on the residual e = measured − predicted.
 *
 *   state       b_k = b_{k−1} + w,   w ~ N(0, q)      (the twin's output error is a random walk)
 *   measurement e_k = b_k + v,       v ~ N(0, r)
 *
 * r = rSpec + rProc: rSpec from the sensor's noise spec (plant and twin both add noise, so
 * 2·std² + quantum²/6), rProc an online estimate of the extra white noise the spec does not cover
 * (process randomness that differs between plant and twin), from first differences of the
 * residual (E[Δe²] = 2σ² for white noise), which a bias step or a slow trend barely touches.
 * q = 2·(drift step per sample)² plus a floor (qRel·σ)² so the bias can follow model error.
 * Innovations beyond `gate` σ are treated as outliers (spikes) unless `reopenAfter` come in a
 * row: then the jump is real and P is reopened.
 *
 * For detection the bank also learns the residual's total variance σ² (EW variance about an EW
 * mean) and its lag-1 correlation ρ = 1 − E[Δe²]/(2σ²); `sigmaLR` = σ·√((1+ρ)/(1−ρ)) is the
 * long-run σ of a sum of correlated residuals (AR(1) variance inflation), which is what a CUSUM
 * accumulates. Callers pause this learning while a sensor is suspect, so a fault is not learnt
 * as noise.
 *
 * All state lives in typed arrays indexed by sensor: an update allocates nothing.
 */
export interface BiasFilterConfig {
  /** Random-walk floor as a fraction of the residual σ per sample (0.05 → ~20-sample time constant). */
  readonly qRel: number;
  /** Outlier gate on the normalized innovation. */
  readonly gate: number;
  /** Consecutive gated innovations after which a jump is accepted. */
  readonly reopenAfter: number;
  /** Smallest weight of the noise-learning running averages (1/window). */
  readonly alphaVar: number;
  /** Largest lag-1 correlation assumed for the residual. */
  readonly maxRho: number;
  /** Residuals beyond this many σ from the learnt mean are not learnt as noise. */
  readonly learnGate: number;
}

export const DEFAULT_BIAS_FILTER: BiasFilterConfig = { qRel: 0.05, gate: 5, reopenAfter: 3, alphaVar: 0.003, maxRho: 0.95, learnGate: 3 };

/** Noise figures of one sensor, as declared in its spec. */
export interface SensorNoise {
  readonly std: number;
  readonly quantum?: number;
  /** Random-walk drift step per sample, in the sensor's unit. */
  readonly driftStep?: number;
  /** Smallest σ to assume (sensors declaring no noise), in the sensor's unit. */
  readonly floor: number;
}

export class BiasFilterBank {
  readonly size: number;
  /** Estimated bias (measured − predicted) per sensor. */
  readonly bias: Float64Array;
  /** Variance of the bias estimate. */
  readonly P: Float64Array;
  readonly rSpec: Float64Array;
  readonly rProc: Float64Array;
  readonly q: Float64Array;
  readonly count: Float64Array;
  /** Long-run σ of the residual, for normalizing what a CUSUM sums. */
  readonly sigmaLR: Float64Array;
  private readonly lastE: Float64Array;
  private readonly mean: Float64Array;
  private readonly varTot: Float64Array;
  private readonly d1: Float64Array;
  private readonly outRun: Int32Array;
  readonly outliers: Float64Array;
  private readonly cfg: BiasFilterConfig;

  constructor(noise: readonly SensorNoise[], cfg: BiasFilterConfig = DEFAULT_BIAS_FILTER) {
    const n = noise.length;
    this.size = n;
    this.cfg = cfg;
    this.bias = new Float64Array(n);
    this.P = new Float64Array(n);
    this.rSpec = new Float64Array(n);
    this.rProc = new Float64Array(n);
    this.q = new Float64Array(n);
    this.count = new Float64Array(n);
    this.lastE = new Float64Array(n);
    this.mean = new Float64Array(n);
    this.varTot = new Float64Array(n);
    this.d1 = new Float64Array(n);
    this.sigmaLR = new Float64Array(n);
    this.outRun = new Int32Array(n);
    this.outliers = new Float64Array(n);
    noise.forEach((s, k) => {
      const quantum = s.quantum ?? 0;
      const r = Math.max(2 * s.std * s.std + (quantum * quantum) / 6, s.floor * s.floor);
      this.rSpec[k] = r;
      const d = s.driftStep ?? 0;
      this.q[k] = 2 * d * d + cfg.qRel * cfg.qRel * r;
    });
    this.reset();
  }

  /** Forgets everything learnt (bias, variances, counts). */
  reset(): void {
    this.bias.fill(0);
    this.rProc.fill(0);
    this.count.fill(0);
    this.lastE.fill(0);
    this.mean.fill(0);
    this.varTot.fill(0);
    this.d1.fill(0);
    for (let k = 0; k < this.size; k++) this.sigmaLR[k] = Math.sqrt(this.rSpec[k]!);
    this.outRun.fill(0);
    this.outliers.fill(0);
    // A vague prior: the first residual sets the bias almost fully.
    for (let k = 0; k < this.size; k++) this.P[k] = 100 * this.rSpec[k]!;
  }

  /** Residual variance currently assumed for sensor k. */
  r(k: number): number {
    return this.rSpec[k]! + this.rProc[k]!;
  }

  /** Updates rProc, the total variance and sigmaLR from residual e (n-th sample); deviations are clipped so a step counts once. */
  private learnNoise(k: number, e: number, n: number): void {
    const cfg = this.cfg;
    const rSpec = this.rSpec[k]!;
    const a = Math.max(1 / n, cfg.alphaVar);
    const vTot = Math.max(rSpec, this.varTot[k]!);
    const lim = cfg.gate * Math.sqrt(vTot);
    if (n > 1) {
      let d = e - this.lastE[k]!;
      d = d > 2 * lim ? 2 * lim : d < -2 * lim ? -2 * lim : d;
      const b = Math.max(1 / (n - 1), cfg.alphaVar);
      const d1 = (1 - b) * this.d1[k]! + b * d * d;
      this.d1[k] = d1;
      const white = d1 * 0.5 - rSpec;
      this.rProc[k] = white > 0 ? white : 0;
    }
    let dev = e - this.mean[k]!;
    // A residual far outside the learnt spread is an event to detect, not noise to learn.
    if (n > 10 && dev * dev > cfg.learnGate * cfg.learnGate * vTot) return;
    dev = dev > lim ? lim : dev < -lim ? -lim : dev;
    this.mean[k] = this.mean[k]! + a * dev;
    this.varTot[k] = n === 1 ? rSpec : (1 - a) * (this.varTot[k]! + a * dev * dev);
    const v = Math.max(rSpec, this.varTot[k]!, this.d1[k]! * 0.5);
    let rho = n > 2 ? 1 - this.d1[k]! / (2 * v) : 0;
    rho = rho < 0 ? 0 : rho > cfg.maxRho ? cfg.maxRho : rho;
    this.sigmaLR[k] = Math.sqrt((v * (1 + rho)) / (1 - rho));
  }

  /** The normalized innovation of residual e for sensor k, without updating anything. */
  innovation(k: number, e: number): number {
    return (e - this.bias[k]!) / Math.sqrt(this.P[k]! + this.q[k]! + this.rSpec[k]! + this.rProc[k]!);
  }

  /**
   * One measurement residual e for sensor k. Returns the normalized innovation (e − b_prior)/√S
   * computed before the update, so callers can score the one-step-ahead corrected estimate.
   * `learn` false: keep the noise model as it is (the sensor is suspect).
   */
  update(k: number, e: number, learn = true): number {
    const cfg = this.cfg;
    const n = ++this.count[k]!;
    if (learn) this.learnNoise(k, e, n);
    this.lastE[k] = e;
    const r = this.rSpec[k]! + this.rProc[k]!;
    let P = this.P[k]! + this.q[k]!;
    const nu = e - this.bias[k]!;
    const S = P + r;
    const zNu = nu / Math.sqrt(S);
    if (n > 1 && Math.abs(zNu) > cfg.gate) {
      const run = ++this.outRun[k]!;
      if (run < cfg.reopenAfter) {
        this.outliers[k]!++;
        this.P[k] = P;
        return zNu;
      }
      // A persistent jump, not a spike: reopen the estimate so it re-converges at once.
      P += nu * nu;
    }
    this.outRun[k] = 0;
    const K = P / (P + r);
    this.bias[k] = this.bias[k]! + K * nu;
    this.P[k] = (1 - K) * P;
    return zNu;
  }
}
