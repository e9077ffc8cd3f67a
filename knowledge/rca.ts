/**
 * Root-cause analysis on the causal graph, with its evidence kept.
 *
 * For a symptom at time T (a defect burst on a line, an alert on a sensor) the candidates are the
 * symptom's causal ancestors on the same asset within `maxHops`, plus, for a sensor, the sensor
 * itself as a faulty instrument, plus "no cause in the graph". Each candidate is scored on:
 * - its deviation in σ, after regressing the variable on its graph parents with the slopes fitted
 *   on normal operation (so an effect that only follows its cause is not blamed: CIRCA's
 *   regression-based hypothesis testing), signed along the path (a cold furnace explains no crack);
 * - temporal precedence: it moved before the symptom by at least the edge's minimum lag;
 * - the path's prior (edge confidences as Beta means, which confirmed incidents move);
 * - whether one sensor alone carries the deviation while the variable's other sensors disagree.
 * The scores combine in a conditional logit fitted on training episodes (rca-model.ts), so a
 * candidate's `confidence` is the model's probability that it is the root cause.
 *
 * Baseline: the `baselineS` before the look-back window, taken as normal operation.
 */
import type { CausalGraph, CausalPath } from './causal-graph.ts';
import type { GraphNode } from './graph-model.ts';
import { FEATURES, RCA_MODEL, type RcaModel } from './rca-model.ts';
import { binIndex, meanStd, type SensorBins, type SeriesSource } from './series.ts';

export interface RcaSettings {
  /** How far before the symptom a cause's deviation is looked for. */
  readonly lookbackS: number;
  /** The normal period before the look-back window. */
  readonly baselineS: number;
  /** Bins of the rolling mean a deviation is read from. */
  readonly smoothBins: number;
  /** |z| that marks a deviation's onset. */
  readonly onsetSigma: number;
  readonly maxHops: number;
  /** The shortest baseline a look-back is cut for, when history is short. */
  readonly minBaselineS: number;
  /** Seconds per bin the series must come in. */
  readonly binS: number;
}

export const DEFAULT_RCA_SETTINGS: RcaSettings = { lookbackS: 4 * 3600, baselineS: 2 * 3600, smoothBins: 10, onsetSigma: 3, maxHops: 3, minBaselineS: 1800, binS: 60 };

export type RcaSymptom =
  | { readonly kind: 'defect'; readonly asset: string; readonly defect: string }
  | { readonly kind: 'sensor'; readonly sensorId: string; readonly direction: 'above' | 'below' };

export interface RcaInput {
  readonly symptom: RcaSymptom;
  /** Simulated seconds of the symptom's onset. */
  readonly atS: number;
  readonly series: SeriesSource;
  /**
   * Simulated seconds the history starts at: a symptom soon after it gets a shorter look-back
   * (the baseline keeps at least `minBaselineS`). Default: long enough for the full windows.
   */
  readonly historyStartS?: number;
  /** Sensors shadow mode flags as `equipment_issue` (their readings, not the process, left the twin). */
  readonly instrumentFlags?: ReadonlySet<string>;
}

export interface RcaCause {
  /** A Variable node id, `instrument:<sensor id>`, or `none`. */
  readonly rootCauseId: string;
  readonly kind: 'process' | 'instrument' | 'none';
  readonly parameterName: string;
  readonly label: string;
  /** Peak deviation in σ along the path (after the parents' share is taken out). */
  readonly deviationSigma: number;
  readonly confidence: number;
  readonly evidence: {
    /** Simulated seconds the deviation began, or null when it never passed onsetSigma. */
    readonly onsetS: number | null;
    /** The sensors read, with their own peak deviation in σ. */
    readonly sensors: readonly { readonly sensor: string; readonly sigma: number }[];
    /** CAUSES edge ids from the cause to the symptom. */
    readonly path: readonly string[];
    readonly prior: number;
    readonly features: Readonly<Record<string, number>>;
  };
}

export interface RcaResult {
  readonly symptomId: string;
  /** All candidates, most probable first (confidences sum to 1). */
  readonly causes: readonly RcaCause[];
}

interface VariableTrace {
  /** Smoothed residual z per bin over the look-back window. */
  readonly z: Float64Array;
  /** Per sensor: its peak smoothed deviation, the smoothed and the raw (per-bin) z. */
  readonly sensors: { sensor: string; sigma: number; z: Float64Array; raw: Float64Array }[];
  readonly disagreement: number;
  /** Simulated seconds the first look-back bin starts at. */
  readonly lookStartS: number;
}

/** A sensor's bins over baseline then look-back (`span`, the baseline's `baseBins` first), with the baseline's mean and σ. */
interface SensorWindow {
  readonly mean: number;
  readonly std: number;
  readonly span: Float64Array;
  readonly baseBins: number;
  /** Simulated seconds the first look-back bin starts at. */
  readonly lookStartS: number;
}

const clip = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** Rolling mean over `w` bins (of the finite values), aligned at the window's end. */
function smooth(x: Float64Array, w: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let i = 0; i < x.length; i++) {
    let s = 0;
    let n = 0;
    for (let j = Math.max(0, i - w + 1); j <= i; j++) if (Number.isFinite(x[j]!)) (s += x[j]!), n++;
    if (n > 0) out[i] = s / n;
  }
  return out;
}

export class RootCauseAnalysis {
  private readonly cache = new Map<string, VariableTrace | null>();
  private readonly windows = new Map<string, SensorWindow | null>();
  private readonly settings: RcaSettings;

  constructor(
    private readonly graph: CausalGraph,
    private readonly input: RcaInput,
    settings: RcaSettings = DEFAULT_RCA_SETTINGS,
    private readonly model: RcaModel = RCA_MODEL,
  ) {
    // Short history: cut the look-back so that a baseline of at least minBaselineS precedes it.
    const available = input.atS - (input.historyStartS ?? input.atS - settings.lookbackS - settings.baselineS);
    const lookbackS = Math.max(settings.binS * settings.smoothBins, Math.min(settings.lookbackS, available - settings.minBaselineS));
    const baselineS = Math.max(settings.binS * 3, Math.min(settings.baselineS, available - lookbackS));
    this.settings = { ...settings, lookbackS: Math.round(lookbackS / settings.binS) * settings.binS, baselineS: Math.round(baselineS / settings.binS) * settings.binS };
  }

  /** A sensor's window; null when it has too little baseline. */
  private sensorWindow(sensorId: string): SensorWindow | null {
    if (this.windows.has(sensorId)) return this.windows.get(sensorId)!;
    const w = this.readWindow(sensorId);
    this.windows.set(sensorId, w);
    return w;
  }

  private readWindow(sensorId: string): SensorWindow | null {
    const b: SensorBins | null = this.input.series(sensorId);
    if (!b) return null;
    if (b.binS !== this.settings.binS) throw new Error(`root-cause analysis: ${sensorId} comes in ${b.binS} s bins, not ${this.settings.binS} s`);
    const bins = Math.round(this.settings.lookbackS / b.binS);
    const baseBins = Math.round(this.settings.baselineS / b.binS);
    // The look-back's bins end with the one holding the symptom (a burst may follow its cause within seconds).
    const from = binIndex(b, this.input.atS) - bins + 1;
    const base = meanStd(b.values, from - baseBins, from);
    if (base.n < 3) return null;
    const span = new Float64Array(baseBins + bins);
    for (let i = 0; i < span.length; i++) {
      const j = from - baseBins + i;
      span[i] = j >= 0 && j < b.values.length ? b.values[j]! : NaN;
    }
    // A near-constant baseline (a quantized or idle sensor) would make every step look huge.
    return { mean: base.mean, std: Math.max(base.std, 1e-3 * Math.max(1, Math.abs(base.mean))), span, baseBins, lookStartS: b.startS + from * b.binS };
  }

  /** The variable's primary value (mean of its same-sign sensors) minus its parents' fitted share, in the residual's baseline σ. */
  private trace(variableId: string): VariableTrace | null {
    if (this.cache.has(variableId)) return this.cache.get(variableId)!;
    const g = this.graph;
    type W = { sensor: string; sign: 1 | -1; w: NonNullable<ReturnType<RootCauseAnalysis['sensorWindow']>> };
    const windows = g.sensorsOf(variableId).map((m) => ({ ...m, w: this.sensorWindow(m.sensor) })).filter((m): m is W => m.w !== null);
    if (windows.length === 0) {
      this.cache.set(variableId, null);
      return null;
    }
    const B = windows[0]!.w.baseBins;
    const n = windows[0]!.w.span.length - B;
    const lookStartS = windows[0]!.w.lookStartS;
    // The residual subtracts bin by bin: sensors on another bin grid would be compared across times.
    const off = windows.find((m) => m.w.lookStartS !== lookStartS);
    if (off) throw new Error(`root-cause analysis: ${off.sensor}'s bins start at ${off.w.lookStartS} s, ${windows[0]!.sensor}'s at ${lookStartS} s; the series of one variable must share a bin grid`);
    const sensors = windows.map((m) => {
      const z = new Float64Array(n);
      for (let i = 0; i < n; i++) z[i] = (m.sign * (m.w.span[B + i]! - m.w.mean)) / m.w.std;
      const zs = smooth(z, this.settings.smoothBins);
      let peak = 0;
      for (const v of zs) if (Number.isFinite(v) && Math.abs(v) > Math.abs(peak)) peak = v;
      return { sensor: m.sensor, sigma: peak, z: zs, raw: z };
    });
    // Residual of the primary value on the parents, in the primary's units, over baseline and look-back.
    const delta = this.primaryDelta(variableId)!;
    const name = String(g.node(variableId)?.props['name'] ?? '');
    for (const e of g.parents(variableId)) {
      const parent = g.node(e.from);
      const slope = this.model.slopes[`${parent?.props['name']}->${name}`];
      if (!parent || parent.kind !== 'Variable' || slope === undefined || slope === 0) continue;
      const pd = this.primaryDelta(parent.id);
      if (!pd || pd.length !== delta.length) continue;
      for (let i = 0; i < delta.length; i++) if (Number.isFinite(pd[i]!)) delta[i]! -= slope * pd[i]!;
    }
    // The residual's own baseline σ: taking a noisy parent's share out adds that parent's noise.
    const rb = meanStd(delta, 0, B);
    const sigma = Math.max(rb.std, 1e-9);
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = (delta[B + i]! - rb.mean) / sigma;
    // One sensor's share: how far the loudest sensor stands above the median of the others.
    let disagreement = 0;
    if (sensors.length >= 2) {
      const peaks = sensors.map((x) => Math.abs(x.sigma)).sort((a, b) => a - b);
      const top = peaks.at(-1)!;
      const median = peaks[Math.floor((peaks.length - 1) / 2)]!;
      disagreement = top > this.settings.onsetSigma ? clip((top - median) / top, 0, 1) : 0;
    }
    const trace = { z: smooth(z, this.settings.smoothBins), sensors, disagreement, lookStartS };
    this.cache.set(variableId, trace);
    return trace;
  }

  /** Mean deviation from baseline of a variable's same-sign (primary) sensors, over baseline and look-back; null without any. */
  private primaryDelta(variableId: string): Float64Array | null {
    const ms = this.graph.sensorsOf(variableId);
    const plus = ms.filter((m) => m.sign === 1);
    const ws = (plus.length > 0 ? plus : ms).map((m) => ({ sign: m.sign, w: this.sensorWindow(m.sensor) })).filter((x) => x.w !== null);
    if (ws.length === 0) return null;
    const len = ws[0]!.w!.span.length;
    const out = new Float64Array(len);
    for (let i = 0; i < len; i++) {
      let sum = 0;
      let c = 0;
      for (const { sign, w } of ws) if (Number.isFinite(w!.span[i]!)) (sum += sign * (w!.span[i]! - w!.mean)), c++;
      out[i] = c > 0 ? sum / c : NaN;
    }
    return out;
  }

  /**
   * Peak of sign·z within the bins the path's lag allows, and the onset of the deviation that peak
   * belongs to: the first bin of the unbroken run above onsetSigma that reaches the peak (a slow
   * drift began long before the lag window opens).
   */
  private peakAlong(z: Float64Array, sign: number, lagMaxS: number, binS: number): { peak: number; onsetBin: number | null } {
    const n = z.length;
    const from = Math.max(0, n - Math.ceil((lagMaxS + this.settings.smoothBins * binS) / binS));
    const along = (i: number) => {
      const v = z[i]!;
      return Number.isFinite(v) ? (sign === 0 ? Math.abs(v) : sign * v) : NaN;
    };
    let peak = 0;
    let peakBin = -1;
    for (let i = from; i < n; i++) {
      const s = along(i);
      if (s > peak) (peak = s), (peakBin = i);
    }
    if (peakBin < 0 || peak <= this.settings.onsetSigma) return { peak, onsetBin: null };
    let onsetBin = peakBin;
    // Missing bins (a dropout) do not break the run.
    for (let i = peakBin - 1; i >= 0; i--) {
      const s = along(i);
      if (Number.isNaN(s)) continue;
      if (s <= this.settings.onsetSigma) break;
      onsetBin = i;
    }
    return { peak, onsetBin };
  }

  run(): RcaResult {
    const g = this.graph;
    const sym = this.input.symptom;
    const cands: { id: string; kind: RcaCause['kind']; node: GraphNode | null; path: CausalPath | null; features: number[]; onsetS: number | null; dev: number; sensors: { sensor: string; sigma: number }[] }[] = [];
    const f = (o: Partial<Record<(typeof FEATURES)[number], number>>) => FEATURES.map((k) => o[k] ?? 0);
    const binS = this.settings.binS;
    const onsetS = (t: VariableTrace, bin: number | null) => (bin === null ? null : t.lookStartS + bin * binS);

    let symptomId: string;
    let paths: CausalPath[];
    let selfVariable: string | null = null;
    if (sym.kind === 'defect') {
      symptomId = `defect:${sym.defect}`;
      paths = g.pathsTo(symptomId, this.settings.maxHops, sym.asset);
    } else {
      const m = g.measured(sym.sensorId);
      symptomId = `sensor:${sym.sensorId}`;
      if (!m) return { symptomId, causes: [] };
      selfVariable = m.variable.id;
      paths = g.pathsTo(m.variable.id, this.settings.maxHops, String(m.variable.props['asset']));
    }

    // Process candidates: a variable along each path (the best path per variable is kept).
    const best = new Map<string, (typeof cands)[number]>();
    const consider = (node: GraphNode, path: CausalPath | null, sign: number, lagMinS: number, lagMaxS: number, hops: number, prior: number) => {
      const t = this.trace(node.id);
      if (!t) return;
      const { peak, onsetBin } = this.peakAlong(t.z, sign, lagMaxS, binS);
      const on = onsetS(t, onsetBin);
      const precedes = on !== null && on <= this.input.atS - lagMinS ? 1 : 0;
      const c = {
        id: node.id,
        kind: 'process' as const,
        node,
        path,
        onsetS: on,
        dev: peak,
        sensors: t.sensors.map((s) => ({ sensor: s.sensor, sigma: Number(s.sigma.toFixed(2)) })),
        features: f({ deviation: Math.log1p(clip(peak, 0, 50)), precedence: precedes, log_prior: Math.log(prior), sensor_disagreement: t.disagreement, extra_hops: Math.max(0, hops - 1) }),
      };
      const prev = best.get(node.id);
      if (!prev || this.utility(c.features) > this.utility(prev.features)) best.set(node.id, c);
    };
    if (selfVariable !== null && sym.kind === 'sensor') {
      const v = g.node(selfVariable)!;
      const m = g.measured(sym.sensorId)!;
      consider(v, null, (sym.direction === 'above' ? 1 : -1) * m.sign, 0, this.settings.lookbackS, 1, 1);
    }
    for (const p of paths) {
      if (p.cause.kind !== 'Variable') continue;
      const lagMinS = p.edges.reduce((s, e) => s + Number(e.props['lagMinS'] ?? 0), 0);
      const lagMaxS = Math.min(this.settings.lookbackS, p.edges.reduce((s, e) => s + Number(e.props['lagMaxS'] ?? 0), 0));
      let sign: number = p.sign;
      if (sym.kind === 'sensor') sign *= (sym.direction === 'above' ? 1 : -1) * g.measured(sym.sensorId)!.sign;
      consider(p.cause, p, sign, lagMinS, lagMaxS, p.edges.length + (sym.kind === 'sensor' ? 1 : 0), p.prior);
    }
    cands.push(...best.values());

    // The instrument itself, for an alert on a sensor.
    if (sym.kind === 'sensor' && selfVariable !== null) {
      const t = this.trace(selfVariable);
      const own = t?.sensors.find((s) => s.sensor === sym.sensorId);
      if (t && own) {
        // Sensors of the same variable that do not follow this one: a process change moves them all.
        const others = t.sensors.filter((s) => s.sensor !== sym.sensorId).map((s) => Math.abs(s.sigma)).sort((a, b) => a - b);
        const confirm = others.length > 0 && Math.abs(own.sigma) > 0 ? clip(others[Math.floor((others.length - 1) / 2)]! / Math.abs(own.sigma), 0, 1) : null;
        const down = this.downstreamMissing(selfVariable, Math.sign(own.sigma));
        // A reading that jumps within one bin while what it measures answers in minutes: a bias, not the process.
        const responseS = Math.min(Infinity, ...this.graph.edgesTo(selfVariable, 'CONTROLS').map((e) => Number(e.props['responseMinS'] ?? Infinity)));
        const step = responseS >= 5 * this.settings.binS ? this.stepShare(own.raw) : 0;
        const flagged = this.input.instrumentFlags?.has(sym.sensorId) ? 1 : 0;
        cands.push({
          id: `instrument:${sym.sensorId}`,
          kind: 'instrument',
          node: null,
          path: null,
          onsetS: null,
          dev: Math.abs(own.sigma),
          sensors: [{ sensor: own.sensor, sigma: Number(own.sigma.toFixed(2)) }],
          features: f({ is_instrument: 1, instrument_unconfirmed: confirm === null ? 0 : 1 - confirm, instrument_step: step, downstream_missing: Math.max(down, flagged), deviation: 0 }),
        });
      }
    }
    cands.push({ id: 'none', kind: 'none', node: null, path: null, onsetS: null, dev: 0, sensors: [], features: f({ is_none: 1 }) });

    const u = cands.map((c) => this.utility(c.features));
    const max = Math.max(...u);
    const ex = u.map((x) => Math.exp(x - max));
    const z = ex.reduce((a, b) => a + b, 0);
    const causes = cands
      .map((c, i): RcaCause => ({
        rootCauseId: c.id,
        kind: c.kind,
        parameterName: c.kind === 'process' ? String(c.node!.props['name']) : c.kind === 'instrument' ? c.id.slice('instrument:'.length) : 'none',
        label: c.kind === 'process' ? c.node!.label : c.kind === 'instrument' ? `the instrument ${c.id.slice('instrument:'.length)}` : 'no cause in the graph',
        deviationSigma: Number(c.dev.toFixed(2)),
        confidence: ex[i]! / z,
        evidence: {
          onsetS: c.onsetS,
          sensors: c.sensors,
          path: c.path ? c.path.edges.map((e) => e.id) : [],
          prior: c.path ? c.path.prior : 1,
          features: Object.fromEntries(FEATURES.map((k, j) => [k, Number(c.features[j]!.toFixed(4))])),
        },
      }))
      .sort((a, b) => b.confidence - a.confidence || (a.rootCauseId < b.rootCauseId ? -1 : 1));
    return { symptomId, causes };
  }

  /** The largest change between two consecutive bins as a share of the largest deviation (0..1). */
  private stepShare(raw: Float64Array): number {
    let jump = 0;
    let peak = 0;
    let prev = NaN;
    for (const v of raw) {
      if (!Number.isFinite(v)) continue;
      if (Math.abs(v) > peak) peak = Math.abs(v);
      if (Number.isFinite(prev) && Math.abs(v - prev) > jump) jump = Math.abs(v - prev);
      prev = v;
    }
    return peak > this.settings.onsetSigma ? clip(jump / peak, 0, 1) : 0;
  }

  /** 1 when nothing the variable drives moved the way a real change of `sign` would move it. */
  private downstreamMissing(variableId: string, sign: number): number {
    const children = this.graph.edgesFrom(variableId, 'CAUSES').filter((e) => this.graph.node(e.to)?.kind === 'Variable' && Number(e.props['sign']) !== 0);
    if (children.length === 0) return 0;
    for (const e of children) {
      const t = this.trace(e.to);
      if (!t) continue;
      // The child's raw movement, not its residual: a real parent change moves it.
      const raw = t.sensors[0]?.z;
      if (!raw) continue;
      const { peak } = this.peakAlong(raw, sign * Number(e.props['sign']), this.settings.lookbackS, this.settings.binS);
      if (peak > this.settings.onsetSigma) return 0;
    }
    return 1;
  }

  private utility(features: readonly number[]): number {
    let u = 0;
    for (let i = 0; i < features.length; i++) u += this.model.weights[i]! * features[i]!;
    return u;
  }
}

/** Root-cause analysis of one symptom: every candidate with its confidence and evidence, most probable first. */
export function rootCause(graph: CausalGraph, input: RcaInput, settings?: RcaSettings, model?: RcaModel): RcaResult {
  return new RootCauseAnalysis(graph, input, settings, model).run();
}
