/**
 * Running mean and variance of observations (Chan et al.'s parallel update, as in Stable-Baselines3's
 * RunningMeanStd), so features in °C, m/min and defects per 1000 reach the networks at one scale.
 */
export interface NormalizerState {
  readonly mean: number[];
  readonly var: number[];
  readonly count: number;
}

export class RunningNorm {
  mean: number[];
  var: number[];
  count: number;

  constructor(size: number, state?: NormalizerState) {
    if (state && (state.mean.length !== size || state.var.length !== size)) throw new RangeError(`normalizer: state has ${state.mean.length} features, expected ${size}`);
    this.mean = state ? [...state.mean] : new Array<number>(size).fill(0);
    this.var = state ? [...state.var] : new Array<number>(size).fill(1);
    // A tiny prior count, so the first batch does not divide by zero.
    this.count = state ? state.count : 1e-4;
  }

  /** Folds a batch of observations into the running moments. */
  update(batch: readonly (readonly number[])[]): void {
    const n = batch.length;
    if (n === 0) return;
    this.mean.forEach((m, i) => {
      let bm = 0;
      for (const x of batch) bm += x[i]!;
      bm /= n;
      let bv = 0;
      for (const x of batch) bv += (x[i]! - bm) ** 2;
      bv /= n;
      const total = this.count + n;
      const d = bm - m;
      this.mean[i] = m + (d * n) / total;
      this.var[i] = (this.var[i]! * this.count + bv * n + (d * d * this.count * n) / total) / total;
    });
    this.count += n;
  }

  /** (x − mean) / sqrt(var + ε), clipped to ±10 (an unseen extreme cannot saturate the network). */
  apply(x: readonly number[]): number[] {
    return x.map((v, i) => {
      const z = (v - this.mean[i]!) / Math.sqrt(this.var[i]! + 1e-8);
      return Number.isFinite(z) ? Math.max(-10, Math.min(10, z)) : 0;
    });
  }

  toJSON(): NormalizerState {
    return { mean: [...this.mean], var: [...this.var], count: this.count };
  }
}
