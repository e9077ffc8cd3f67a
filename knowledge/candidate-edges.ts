/**
 * Candidate causal edges found in data, for an engineer to review (never added by themselves).
 *
 * Lagged cross-correlation with precedence: for two variables' primary series on the same grid, the
 * first differences (so that two slow trends do not correlate just by drifting together) are
 * correlated at lags 1..maxLagBins in both directions. A → B is proposed when some lag where A
 * leads B reaches `minCorrelation` and beats the best lag where B leads A by `precedenceMargin`:
 * the Granger-style reading that the past of A tells more about B than the past of B about A.
 * Lag 0 is never evidence (a common cause moves both at once).
 * @example candidateEdges([{ variable: 'variable:Line_A.furnace_temp', bins }, …], (f, t) => graph.has(f, t))
 */
import type { SensorBins } from './series.ts';

export interface CandidateSettings {
  /** Longest lag tried, in bins (60 one-minute bins: an hour). */
  readonly maxLagBins: number;
  /** |corr| of the differenced series a lag must reach. */
  readonly minCorrelation: number;
  /** How much weaker the reverse direction's best |corr| must be. */
  readonly precedenceMargin: number;
  /** Fewest finite pairs a correlation is computed on. */
  readonly minPairs: number;
}

export const DEFAULT_CANDIDATE_SETTINGS: CandidateSettings = { maxLagBins: 60, minCorrelation: 0.3, precedenceMargin: 0.1, minPairs: 30 };

export interface VariableSeries {
  /** The Variable node id. */
  readonly variable: string;
  readonly bins: SensorBins;
}

export interface CandidateEdge {
  readonly from: string;
  readonly to: string;
  /** Sign of the correlation at the best lag. */
  readonly sign: 1 | -1;
  readonly lagBins: number;
  readonly lagS: number;
  readonly correlation: number;
  /** The best |corr| with the direction reversed (B leading A). */
  readonly reverseCorrelation: number;
  /** Finite pairs behind the correlation. */
  readonly pairs: number;
}

function differences(v: Float64Array): Float64Array {
  const d = new Float64Array(Math.max(0, v.length - 1));
  for (let i = 1; i < v.length; i++) d[i - 1] = v[i]! - v[i - 1]!; // NaN where either bin is empty
  return d;
}

/** Pearson correlation of x[t] with y[t + lag] over the finite pairs. */
export function laggedCorrelation(x: Float64Array, y: Float64Array, lag: number): { r: number; pairs: number } {
  let n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (let t = 0; t + lag < y.length && t < x.length; t++) {
    const a = x[t]!;
    const b = y[t + lag]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    n++;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  if (n < 2) return { r: 0, pairs: n };
  const cov = sxy - (sx * sy) / n;
  const vx = sxx - (sx * sx) / n;
  const vy = syy - (sy * sy) / n;
  return { r: vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0, pairs: n };
}

/** The lag (1..maxLag) where x leads y most strongly. */
function bestLead(x: Float64Array, y: Float64Array, s: CandidateSettings): { lag: number; r: number; pairs: number } {
  let best = { lag: 0, r: 0, pairs: 0 };
  for (let lag = 1; lag <= s.maxLagBins; lag++) {
    const c = laggedCorrelation(x, y, lag);
    if (c.pairs >= s.minPairs && Math.abs(c.r) > Math.abs(best.r)) best = { lag, r: c.r, pairs: c.pairs };
  }
  return best;
}

/**
 * Every ordered pair of variables whose data says one leads the other, except the pairs `known`
 * already joins; strongest first. Series on another grid than the first are skipped.
 */
export function candidateEdges(series: readonly VariableSeries[], known: (from: string, to: string) => boolean, settings: CandidateSettings = DEFAULT_CANDIDATE_SETTINGS): CandidateEdge[] {
  if (series.length < 2) return [];
  const grid = series[0]!.bins;
  const on = series.filter((s) => s.bins.binS === grid.binS && s.bins.startS === grid.startS);
  const diffs = on.map((s) => differences(s.bins.values));
  const out: CandidateEdge[] = [];
  for (let i = 0; i < on.length; i++) {
    for (let j = 0; j < on.length; j++) {
      if (i === j || known(on[i]!.variable, on[j]!.variable)) continue;
      const lead = bestLead(diffs[i]!, diffs[j]!, settings);
      if (lead.lag === 0 || Math.abs(lead.r) < settings.minCorrelation) continue;
      const reverse = bestLead(diffs[j]!, diffs[i]!, settings);
      if (Math.abs(lead.r) < Math.abs(reverse.r) + settings.precedenceMargin) continue;
      out.push({
        from: on[i]!.variable,
        to: on[j]!.variable,
        sign: lead.r > 0 ? 1 : -1,
        lagBins: lead.lag,
        lagS: lead.lag * grid.binS,
        correlation: Number(lead.r.toFixed(4)),
        reverseCorrelation: Number(Math.abs(reverse.r).toFixed(4)),
        pairs: lead.pairs,
      });
    }
  }
  return out.sort((a, b) => Math.abs(b.correlation) - Math.abs(a.correlation) || (a.from + a.to < b.from + b.to ? -1 : 1));
}
