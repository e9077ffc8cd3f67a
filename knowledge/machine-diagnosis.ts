/**
 * Which failure mode is developing on a machine: the sensors' recent shift from their baseline, in
 * each sensor's noise σ, compared with every failure mode's signature (the sensor edges its
 * profile's equations imply, knowledge/profile-edges.ts) by cosine similarity. A softmax with the
 * temperature fitted on training episodes (rca-model.ts) turns the similarities into probabilities.
 * The live anomaly model's top contributing sensors, when given, weigh their sensors double.
 */
import type { CausalGraph } from './causal-graph.ts';
import { RCA_MODEL, type RcaModel } from './rca-model.ts';
import { binIndex, meanStd, type SeriesSource } from './series.ts';

export interface MachineDiagnosisInput {
  readonly asset: string;
  /** Simulated seconds of the alert (the anomaly or failure-risk alert that asked). */
  readonly atS: number;
  readonly series: SeriesSource;
  /** Sensor ids the anomaly model ranks as contributing most, if any. */
  readonly contributors?: readonly string[];
}

export interface MachineDiagnosisSettings {
  /** The recent window whose mean is compared with the baseline. */
  readonly recentS: number;
  /** The baseline: this long, ending `gapS` before the recent window. */
  readonly baselineS: number;
  readonly gapS: number;
}

export const DEFAULT_MACHINE_DIAGNOSIS: MachineDiagnosisSettings = { recentS: 1800, baselineS: 3600, gapS: 2 * 3600 };

export interface ModeLikelihood {
  /** The FailureMode node id. */
  readonly failureModeId: string;
  readonly mode: string;
  readonly confidence: number;
  readonly similarity: number;
  /** The sensors behind it: observed and expected shift, in noise σ. */
  readonly evidence: readonly { readonly sensor: string; readonly observedSigma: number; readonly expectedSigma: number }[];
}

export function diagnoseMachine(graph: CausalGraph, input: MachineDiagnosisInput, settings: MachineDiagnosisSettings = DEFAULT_MACHINE_DIAGNOSIS, model: RcaModel = RCA_MODEL): ModeLikelihood[] {
  const modes = graph.snapshot.nodes.filter((n) => n.kind === 'FailureMode' && n.props['asset'] === input.asset);
  if (modes.length === 0) return [];
  // Observed shift of every sensor of the machine, in its noise σ.
  const observed = new Map<string, number>();
  const boost = new Set(input.contributors ?? []);
  for (const n of graph.snapshot.nodes) {
    if (n.kind !== 'Sensor' || n.props['asset'] !== input.asset) continue;
    const sensor = String(n.props['sensor']);
    const noise = Number(n.props['noiseStd'] ?? 0);
    const b = input.series(sensor);
    if (!b || !(noise > 0)) continue;
    const end = binIndex(b, input.atS);
    const recent = meanStd(b.values, end - Math.round(settings.recentS / b.binS), end);
    const baseEnd = end - Math.round((settings.recentS + settings.gapS) / b.binS);
    const base = meanStd(b.values, baseEnd - Math.round(settings.baselineS / b.binS), baseEnd);
    if (recent.n === 0 || base.n === 0) continue;
    observed.set(sensor, ((recent.mean - base.mean) / noise) * (boost.has(sensor) ? 2 : 1));
  }
  const scored = modes.map((m) => {
    const expected = new Map<string, number>();
    for (const e of graph.edgesFrom(m.id, 'CAUSES')) {
      for (const s of graph.sensorsOf(e.to)) expected.set(s.sensor, Number(e.props['sign']) * Number(e.props['sigmas'] ?? 1) * s.sign);
    }
    let dot = 0;
    let oo = 0;
    let ee = 0;
    for (const [sensor, o] of observed) {
      const x = expected.get(sensor) ?? 0;
      dot += o * x;
      oo += o * o;
      ee += x * x;
    }
    const similarity = oo > 0 && ee > 0 ? dot / Math.sqrt(oo * ee) : 0;
    const evidence = [...expected.entries()].map(([sensor, x]) => ({ sensor, observedSigma: Number((observed.get(sensor) ?? NaN).toFixed(2)), expectedSigma: Number(x.toFixed(2)) }));
    return { m, similarity, evidence };
  });
  const t = model.machineTemperature;
  const max = Math.max(...scored.map((s) => s.similarity));
  const ex = scored.map((s) => Math.exp((s.similarity - max) / t));
  const z = ex.reduce((a, b) => a + b, 0);
  return scored
    .map((s, i) => ({ failureModeId: s.m.id, mode: String(s.m.props['mode']), confidence: ex[i]! / z, similarity: Number(s.similarity.toFixed(4)), evidence: s.evidence }))
    .sort((a, b) => b.confidence - a.confidence || (a.failureModeId < b.failureModeId ? -1 : 1));
}
