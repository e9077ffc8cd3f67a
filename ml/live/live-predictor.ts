/**
 * Live inference for a running plant: keeps a rolling window per asset in preallocated arrays, and on
 * each new sample runs one batched call per model (all assets of its kind at once) inside tf.tidy.
 * twin-api plugs it in as `engine.frames$.subscribe((f) => publish(live.onFrame(f)))`.
 *
 * @example
 * const live = new LivePredictor(engine.layout, assetKinds(scenario), await loadChampionModels(new ModelRegistry('models'), kinds));
 * engine.frames$.subscribe((f) => { const p = live.onFrame(f); p.get('pump_003')?.rul?.hours; });
 */
import type { Frame } from '../../engine/frame.ts';
import type { PlantLayout } from '../../engine/layout.ts';
import { integratedGradients, topContributions } from '../explain/integrated-gradients.ts';
import { reconstructionErrors } from '../models/net-model.ts';
import { RollingWindows } from './rolling-windows.ts';
import { rulAnswer } from './rul-answer.ts';
import { LINE_TASKS, MACHINE_TASKS, type AssetPrediction, type LiveModel, type LiveTask, type ModelStatus } from './live-types.ts';

/** Settings of live inference. */
export interface LiveOptions {
  /** Simulated seconds between window samples: the models' training sampling (default 600). */
  readonly sampleEveryS?: number;
  /** Window length kept before any model is attached (default 12). */
  readonly steps?: number;
  /** Integrated-gradient explanations (default true) and their Riemann steps (default 8). */
  readonly explain?: boolean;
  readonly igSteps?: number;
  /** How many contributing inputs an explanation lists (default 3). */
  readonly topK?: number;
}

interface Group {
  readonly kind: string;
  readonly assets: string[];
  readonly cols: Int32Array[];
  readonly names: string[];
  windows: RollingWindows;
  x: Float32Array;
  readonly models: Map<LiveTask, LiveModel>;
  readonly status: Map<LiveTask, ModelStatus>;
}

/** Per-asset predictions from the latest frames of a plant. */
export class LivePredictor {
  private readonly groups = new Map<string, Group>();
  private readonly out = new Map<string, AssetPrediction>();
  private nextSampleS = -Infinity;
  private lastTS = 0;

  constructor(layout: PlantLayout, kinds: ReadonlyMap<string, string>, models: readonly LiveModel[] = [], private readonly opts: LiveOptions = {}) {
    for (const m of layout.models) {
      const kind = kinds.get(m.asset) ?? (m.kind === 'line' ? 'line' : m.asset);
      const names = m.sensors.map((s) => s.name);
      let g = this.groups.get(kind);
      if (g === undefined) {
        const tasks = m.kind === 'line' ? LINE_TASKS : MACHINE_TASKS;
        g = { kind, assets: [], cols: [], names, windows: new RollingWindows(0, 1, 0), x: new Float32Array(0), models: new Map(), status: new Map(tasks.map((t) => [t, 'missing'])) };
        this.groups.set(kind, g);
      }
      if (names.join() !== g.names.join()) continue; // another design under the same kind: no model fits it
      g.assets.push(m.asset);
      g.cols.push(Int32Array.from(m.sensors, (s) => layout.sensorIndex.get(s.id)!));
    }
    for (const g of this.groups.values()) this.resize(g, opts.steps ?? 12);
    for (const m of models) this.setModel(m);
  }

  /** Attaches (or replaces) the model of a kind and task; its features must be the kind's sensors. */
  setModel(m: LiveModel): void {
    const g = this.groups.get(m.kind);
    if (g === undefined) throw new Error(`no assets of kind "${m.kind}" in this plant`);
    if (m.model.meta.featureNames.join() !== g.names.join()) {
      throw new Error(`${m.kind}/${m.task} model features [${m.model.meta.featureNames.join(', ')}] differ from the sensors [${g.names.join(', ')}]`);
    }
    g.models.get(m.task)?.model.dispose();
    g.models.set(m.task, m);
    g.status.set(m.task, 'ready');
    if (m.model.spec.steps > g.windows.steps) this.resize(g, m.model.spec.steps);
  }

  /** Marks a kind's task as loading (or missing again, dropping its model). */
  setStatus(kind: string, task: LiveTask, status: 'loading' | 'missing'): void {
    const g = this.groups.get(kind);
    if (g === undefined) return;
    if (status === 'missing') { g.models.get(task)?.model.dispose(); g.models.delete(task); }
    g.status.set(task, status);
  }

  /** Feeds one frame; on sample ticks the windows advance and every ready model runs. */
  onFrame(frame: Frame): ReadonlyMap<string, AssetPrediction> {
    if (frame.tS >= this.nextSampleS) {
      for (const g of this.groups.values()) g.windows.push(frame.values, g.cols);
      this.nextSampleS = frame.tS + (this.opts.sampleEveryS ?? 600);
      this.lastTS = frame.tS;
      this.predictNow();
    }
    return this.out;
  }

  /** The predictions made on the last sample tick, without running anything. */
  current(): ReadonlyMap<string, AssetPrediction> {
    return this.out;
  }

  /** Runs every ready model on the current windows (one batched call per model). */
  predictNow(): ReadonlyMap<string, AssetPrediction> {
    for (const g of this.groups.values()) {
      const preds = g.assets.map((asset): AssetPrediction => ({ asset, kind: g.kind, tS: this.lastTS, status: Object.fromEntries(g.status) }));
      for (const [task, m] of g.models) this.run(g, task, m, preds);
      preds.forEach((p) => this.out.set(p.asset, p));
    }
    return this.out;
  }

  /** Frees the models. */
  dispose(): void {
    for (const g of this.groups.values()) for (const m of g.models.values()) m.model.dispose();
  }

  private run(g: Group, task: LiveTask, m: LiveModel, preds: AssetPrediction[]): void {
    const n = g.assets.length;
    const { steps, features: F } = m.model.spec;
    const x = g.x.subarray(0, n * steps * F);
    for (let a = 0; a < n; a++) g.windows.copy(a, steps, x, a * steps * F, m.scaler?.offset, m.scaler?.scale);
    const raw = m.model.raw(x, n);
    const k = this.opts.topK ?? 3;
    if (task === 'anomaly') {
      const err = reconstructionErrors(raw, x, n, steps, F);
      const th = m.model.meta.threshold ?? 1;
      preds.forEach((p, a) => {
        let s = 0;
        for (let f = 0; f < F; f++) s += err[a * F + f]!;
        const score = s / F / th;
        p.anomaly = { score, anomalous: score > 1, topSensors: topContributions(err, a, g.names, k) };
      });
      return;
    }
    const width = m.model.spec.outputs;
    const y = m.model.head(raw, x, n);
    // One attribution pass per model: its only output, or for defects the output likeliest on average.
    const attr = this.opts.explain === false ? undefined : integratedGradients(m.model, x, n, task === 'defects' ? likeliest(y, width) : 0, this.opts.igSteps ?? 8);
    const explain = (a: number) => (attr === undefined ? [] : topContributions(attr, a, g.names, k));
    preds.forEach((p, a) => {
      if (task === 'rul') p.rul = { ...rulAnswer(y[a * width]!, m.model.meta.targetCap), explanation: explain(a) };
      else if (task === 'failure') p.failureProbability = { value: y[a * width]!, explanation: explain(a) };
      else p.defects = { probabilities: Object.fromEntries(m.model.outputNames.map((o, j) => [o, y[a * width + j]!])), explanation: explain(a) };
    });
  }

  private resize(g: Group, steps: number): void {
    g.windows = new RollingWindows(g.assets.length, steps, g.names.length);
    g.x = new Float32Array(g.assets.length * steps * g.names.length);
  }
}

/** Index of the output column with the largest mean. */
function likeliest(y: Float32Array, width: number): number {
  const mean = new Float64Array(width);
  for (let k = 0; k < y.length; k++) mean[k % width] = mean[k % width]! + y[k]!;
  let best = 0;
  for (let j = 1; j < width; j++) if (mean[j]! > mean[best]!) best = j;
  return best;
}
