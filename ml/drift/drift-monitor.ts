/**
 * Input drift on a schedule of simulated time: samples of the model's input features are buffered,
 * and every `everyS` simulated seconds each feature's buffer is compared with the training reference
 * by PSI and a two-sample KS test. The monitor only reports; what to do is the retrain policy's call.
 */
import { ksTwoSample, psi, PSI_BINS } from '../metrics/drift-stats.ts';
import type { WindowSet } from '../window-set.ts';

/** Thresholds above which a feature counts as drifted. */
export interface DriftThresholds {
  /** PSI above this is a significant shift (Siddiqi 2006 rule of thumb). Default 0.2. */
  readonly psi: number;
  /** KS p-value below this rejects "same distribution". Default 0.01. */
  readonly ksAlpha: number;
  /** ...and only when D is at least this, since with thousands of samples tiny shifts are "significant". Default 0.1. */
  readonly ksMinStatistic: number;
}

export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = { psi: 0.2, ksAlpha: 0.01, ksMinStatistic: 0.1 };

/** Drift of one feature at one check. */
export interface FeatureDrift {
  readonly feature: string;
  readonly psi: number;
  readonly ks: number;
  readonly pValue: number;
  readonly drifted: boolean;
}

/** One scheduled check. */
export interface DriftReport {
  readonly tS: number;
  readonly samples: number;
  readonly features: readonly FeatureDrift[];
  readonly drifted: boolean;
}

/** Reference sample per feature: the last step of every training window (overlapping windows would repeat steps). */
export function referenceFromWindows(ws: WindowSet): { featureNames: readonly string[]; columns: Float64Array[] } {
  const columns = ws.featureNames.map(() => new Float64Array(ws.n));
  for (let i = 0; i < ws.n; i++) {
    const base = (i * ws.steps + ws.steps - 1) * ws.features;
    for (let j = 0; j < ws.features; j++) columns[j]![i] = ws.x[base + j]!;
  }
  return { featureNames: ws.featureNames, columns };
}

/** Options of {@link DriftMonitor}. */
export interface DriftMonitorOptions {
  /** Simulated seconds between checks. Default 3600. */
  readonly everyS?: number;
  /**
   * Fewer samples than this since the last check: keep buffering. Default 200: PSI of two samples of one
   * distribution is ≈ (B − 1)(1/n + 1/m) (a χ²-like bias), about 0.05 at n = 200, m ≫ n, B = 10; with 60
   * samples it would approach the 0.2 threshold by chance alone.
   */
  readonly minSamples?: number;
  readonly thresholds?: Partial<DriftThresholds>;
  readonly psiBins?: number;
}

/** Buffers observations and reports drift every `everyS` simulated seconds. */
export class DriftMonitor {
  private readonly buffers: number[][];
  private nextCheckS: number | undefined;
  private readonly everyS: number;
  private readonly minSamples: number;
  private readonly thresholds: DriftThresholds;

  constructor(
    private readonly reference: { featureNames: readonly string[]; columns: readonly ArrayLike<number>[] },
    private readonly options: DriftMonitorOptions = {},
  ) {
    this.buffers = reference.featureNames.map(() => []);
    this.everyS = options.everyS ?? 3600;
    this.minSamples = options.minSamples ?? 200;
    this.thresholds = { ...DEFAULT_DRIFT_THRESHOLDS, ...options.thresholds };
  }

  /** Adds one observation (one value per feature) at simulated time `tS`; returns a report when a check was due. */
  observe(tS: number, row: ArrayLike<number>): DriftReport | undefined {
    if (row.length !== this.buffers.length) throw new Error(`DriftMonitor: ${row.length} values for ${this.buffers.length} features`);
    this.nextCheckS ??= tS + this.everyS;
    for (let j = 0; j < row.length; j++) if (Number.isFinite(row[j]!)) this.buffers[j]!.push(row[j]!);
    if (tS < this.nextCheckS) return undefined;
    this.nextCheckS += this.everyS * Math.max(1, Math.ceil((tS - this.nextCheckS) / this.everyS));
    const samples = Math.min(...this.buffers.map((b) => b.length));
    if (samples < this.minSamples) return undefined; // keep buffering: too few to judge
    const report = this.check(tS);
    for (const b of this.buffers) b.length = 0;
    return report;
  }

  /** Compares the buffered samples with the reference now. */
  check(tS: number): DriftReport {
    const t = this.thresholds;
    const features = this.reference.featureNames.map((feature, j): FeatureDrift => {
      const cur = this.buffers[j]!;
      const ref = this.reference.columns[j]!;
      if (cur.length === 0) return { feature, psi: 0, ks: 0, pValue: 1, drifted: false };
      const p = psi(ref, cur, this.options.psiBins ?? PSI_BINS);
      const ks = ksTwoSample(ref, cur);
      const drifted = p > t.psi || (ks.pValue < t.ksAlpha && ks.statistic >= t.ksMinStatistic);
      return { feature, psi: p, ks: ks.statistic, pValue: ks.pValue, drifted };
    });
    return { tS, samples: Math.min(...this.buffers.map((b) => b.length)), features, drifted: features.some((f) => f.drifted) };
  }
}
