/**
 * Sensor history as root-cause analysis reads it: per-sensor means on a common grid of bins
 * (one minute by default), NaN where a bin has no sample. The API fills them from the history's
 * 1-minute rollups, the benchmark from engine frames; the analysis itself never reads a store.
 */

export interface SensorBins {
  /** Simulated seconds of the first bin's start. */
  readonly startS: number;
  readonly binS: number;
  /** Mean of the samples in each bin; NaN: none. */
  readonly values: Float64Array;
}

/** Bins for the sensors the analysis asks for; null when the sensor has no history there. */
export type SeriesSource = (sensorId: string) => SensorBins | null;

/** Accumulates raw samples into bins (the benchmark's and the tests' way to build `SensorBins`). */
export class BinAccumulator {
  private readonly sum: Float64Array;
  private readonly count: Uint32Array;

  constructor(
    readonly startS: number,
    readonly binS: number,
    readonly bins: number,
  ) {
    this.sum = new Float64Array(bins);
    this.count = new Uint32Array(bins);
  }

  add(tS: number, v: number): void {
    if (!Number.isFinite(v)) return;
    const i = Math.floor((tS - this.startS) / this.binS);
    if (i < 0 || i >= this.bins) return;
    this.sum[i]! += v;
    this.count[i]!++;
  }

  /** Takes over another accumulator's bins (a fork continues its parent's history). */
  copyFrom(other: BinAccumulator): void {
    if (other.startS !== this.startS || other.binS !== this.binS) throw new Error('copyFrom: bins on another grid');
    this.sum.set(other.sum.subarray(0, Math.min(this.bins, other.bins)));
    this.count.set(other.count.subarray(0, Math.min(this.bins, other.bins)));
  }

  toBins(): SensorBins {
    const values = new Float64Array(this.bins);
    for (let i = 0; i < this.bins; i++) values[i] = this.count[i]! > 0 ? this.sum[i]! / this.count[i]! : NaN;
    return { startS: this.startS, binS: this.binS, values };
  }
}

/** Index of the bin holding simulated second `tS` (may be outside the series). */
export function binIndex(b: SensorBins, tS: number): number {
  return Math.floor((tS - b.startS) / b.binS);
}

/** Mean and standard deviation of the finite values in bins [from, to). */
export function meanStd(values: Float64Array, from: number, to: number): { mean: number; std: number; n: number } {
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (let i = Math.max(0, from); i < Math.min(values.length, to); i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    n++;
    sum += v;
    sq += v * v;
  }
  if (n === 0) return { mean: NaN, std: NaN, n };
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(0, sq / n - mean * mean)), n };
}
