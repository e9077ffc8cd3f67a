/**
 * `TreeModel`: one boosted-tree ensemble per target, with a validation-fitted temperature per
 * target, behind the same `TaskModel` interface as `NetModel`; saved as one JSON file (trees.json)
 * so a folder in the model registry holds either kind and `loadTaskModel` tells them apart.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TaskName, WindowSet } from '../window-set.ts';
import type { TaskModel } from '../train/task-model.ts';
import { predictMargin, type Booster } from './gbdt.ts';
import type { Tree } from './grow-tree.ts';

export const TREES_FILE = 'trees.json';
const FORMAT = 'twinworks-trees/1';

/** Everything beside the trees; kept in trees.json. */
export interface TreeModelMeta {
  readonly task: TaskName;
  readonly outputNames: readonly string[];
  /** Input columns, in order (a window's steps × features, flattened). */
  readonly featureNames: readonly string[];
  /** answer = σ(margin / temperature[j]) (Guo et al., ICML 2017), fitted on validation. */
  readonly temperature: readonly number[];
  readonly notes?: Record<string, number | string>;
}

interface TreeJson { feature: number[]; threshold: number[]; splitBin: number[]; defaultLeft: number[]; left: number[]; right: number[]; value: number[] }
interface BoosterJson { features: number; baseMargin: number; priorShift: number; posWeight: number; bestRound: number; importance: number[]; valLoss: number[]; trainLoss: number[]; trees: TreeJson[] }
interface ModelJson extends TreeModelMeta { format: typeof FORMAT; boosters: BoosterJson[] }

const treeJson = (t: Tree): TreeJson => ({
  feature: Array.from(t.feature), threshold: Array.from(t.threshold), splitBin: Array.from(t.splitBin), defaultLeft: Array.from(t.defaultLeft),
  left: Array.from(t.left), right: Array.from(t.right), value: Array.from(t.value),
});

function treeFrom(j: TreeJson, where: string): Tree {
  const n = j.feature?.length;
  for (const k of ['threshold', 'splitBin', 'defaultLeft', 'left', 'right', 'value'] as const) {
    if (!Array.isArray(j[k]) || j[k].length !== n) throw new Error(`${where}: field "${k}" is not an array of ${n} numbers`);
  }
  return {
    feature: Int32Array.from(j.feature), threshold: Float64Array.from(j.threshold), splitBin: Int32Array.from(j.splitBin), defaultLeft: Uint8Array.from(j.defaultLeft),
    left: Int32Array.from(j.left), right: Int32Array.from(j.right), value: Float64Array.from(j.value),
  };
}

/** A trained tree ensemble of a classification task; implements `TaskModel`. */
export class TreeModel implements TaskModel {
  constructor(readonly boosters: readonly Booster[], readonly meta: TreeModelMeta) {
    if (boosters.length !== meta.outputNames.length) throw new Error(`TreeModel: ${boosters.length} ensembles for ${meta.outputNames.length} outputs`);
  }

  get task(): TaskName { return this.meta.task; }
  get outputNames(): readonly string[] { return this.meta.outputNames; }

  /** Uncalibrated margins, `n × outputs`, for flattened windows. */
  margins(x: Float32Array, n: number): Float32Array {
    const w = this.boosters.length;
    const out = new Float32Array(n * w);
    this.boosters.forEach((b, j) => predictMargin(b, x, n).forEach((m, i) => { out[i * w + j] = m; }));
    return out;
  }

  /** Calibrated probabilities, row-major `n × outputs`. */
  predict(ws: WindowSet): Float32Array {
    const f = ws.steps * ws.features;
    if (f !== this.boosters[0]!.features) throw new Error(`TreeModel: windows have ${f} inputs, the model ${this.boosters[0]!.features}`);
    const out = this.margins(ws.x, ws.n);
    const w = this.boosters.length;
    for (let k = 0; k < out.length; k++) out[k] = 1 / (1 + Math.exp(-out[k]! / (this.meta.temperature[k % w] ?? 1)));
    return out;
  }

  /** Feature importance (total split gain) of output `j`, largest first. */
  importance(j = 0): { feature: string; gain: number }[] {
    return Array.from(this.boosters[j]!.importance, (gain, k) => ({ feature: this.meta.featureNames[k] ?? `x${k}`, gain })).sort((a, b) => b.gain - a.gain);
  }

  /** The model as JSON text; `TreeModel.fromJson` restores it exactly (doubles round-trip through JSON). */
  toJson(): string {
    const boosters: BoosterJson[] = this.boosters.map((b) => ({
      features: b.features, baseMargin: b.baseMargin, priorShift: b.priorShift, posWeight: b.posWeight, bestRound: b.bestRound,
      importance: Array.from(b.importance), valLoss: [...b.valLoss], trainLoss: [...b.trainLoss], trees: b.trees.map(treeJson),
    }));
    const m: ModelJson = { format: FORMAT, ...this.meta, boosters };
    return JSON.stringify(m);
  }

  /** Parses `toJson` output; `where` names the source in errors. */
  static fromJson(text: string, where = 'trees.json'): TreeModel {
    const m = JSON.parse(text) as Partial<ModelJson>;
    if (m.format !== FORMAT) throw new Error(`${where}: not a ${FORMAT} model (format ${JSON.stringify(m.format)})`);
    if (!Array.isArray(m.boosters) || !Array.isArray(m.outputNames) || !Array.isArray(m.temperature) || !Array.isArray(m.featureNames) || typeof m.task !== 'string') {
      throw new Error(`${where}: missing field (task, outputNames, featureNames, temperature and boosters are required)`);
    }
    const boosters = m.boosters.map((b, j): Booster => ({
      features: b.features, baseMargin: b.baseMargin, priorShift: b.priorShift, posWeight: b.posWeight, bestRound: b.bestRound,
      importance: Float64Array.from(b.importance), valLoss: b.valLoss, trainLoss: b.trainLoss,
      trees: b.trees.map((t, k) => treeFrom(t, `${where}: booster ${j} tree ${k}`)),
    }));
    return new TreeModel(boosters, { task: m.task, outputNames: m.outputNames, featureNames: m.featureNames, temperature: m.temperature, ...(m.notes ? { notes: m.notes } : {}) });
  }

  async save(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, TREES_FILE), this.toJson());
  }

  dispose(): void {}

  /** Loads a model saved by `save`. */
  static async load(dir: string): Promise<TreeModel> {
    const file = path.join(dir, TREES_FILE);
    return TreeModel.fromJson(await readFile(file, 'utf8'), file);
  }
}
