/**
 * Trains a `NetModel` with one of three heads on a Split: regression (targets standardised on
 * the training part), classification (weighted BCE on logits, then temperature scaling on validation)
 * or autoencoder (reconstructs its input; threshold at a validation quantile).
 */
import { tensor1d } from '@tensorflow/tfjs';
import type { Split, TaskName, WindowSet } from '../window-set.ts';
import { initWeights, type NetSpec } from '../models/net.ts';
import { NetModel, reconstructionErrors, type HeadKind, type NetModelMeta } from '../models/net-model.ts';
import { fit, type FitData } from './fit.ts';
import { fitTemperatures } from './calibrate.ts';
import type { TrainOptions, TrainProgress } from './task-model.ts';

/** A task's architecture and loop defaults; `TrainOptions` override them. */
export interface NetRecipe {
  readonly head: HeadKind;
  readonly conv: NetSpec['conv'];
  /** Learned temporal bases (NetSpec.temporal); 0 or absent for none. */
  readonly temporal?: number;
  readonly hidden: readonly number[];
  readonly dropout: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly patience: number;
  readonly lrDecay?: number;
  /** Autoencoder: quantile of validation errors taken as the threshold. */
  readonly quantile?: number;
  /** Autoencoder: index of the linear bottleneck layer. */
  readonly bottleneck?: number;
}

function conditionCount(split: Split): number {
  let m = -1;
  for (const ws of [split.train, split.validation]) ws.condition?.forEach((c) => { m = Math.max(m, c); });
  return m + 1;
}

function fitData(ws: WindowSet, head: HeadKind, yOffset: readonly number[], yScale: readonly number[]): FitData {
  if (head === 'autoencoder') return { n: ws.n, x: ws.x, y: ws.x, condition: ws.condition };
  if (head !== 'regression') return { n: ws.n, x: ws.x, y: ws.y, condition: ws.condition };
  const y = ws.y.map((v, k) => (v - yOffset[k % ws.targets]!) / yScale[k % ws.targets]!);
  return { n: ws.n, x: ws.x, y, condition: ws.condition };
}

/** Trains one network per the recipe, reporting each epoch. */
export async function trainNet(
  task: TaskName,
  split: Split,
  recipe: NetRecipe,
  opts: TrainOptions,
  onProgress?: (p: TrainProgress) => void,
): Promise<{ model: NetModel; history: { loss: number[]; valLoss: number[] } }> {
  const tr = split.train;
  const ae = recipe.head === 'autoencoder';
  const hidden = opts.hidden === undefined ? recipe.hidden : recipe.hidden.map((h, i) => (i === recipe.bottleneck ? h : opts.hidden!));
  const spec: NetSpec = {
    steps: tr.steps,
    features: tr.features,
    conv: recipe.conv,
    ...(recipe.temporal === undefined ? {} : { temporal: Math.min(recipe.temporal, tr.steps) }),
    hidden,
    outputs: ae ? tr.steps * tr.features : tr.targets,
    dropout: opts.dropout ?? recipe.dropout,
    conditions: conditionCount(split),
    ...(recipe.bottleneck === undefined ? {} : { linearHidden: recipe.bottleneck }),
  };
  // Regression targets are standardised per column (mean 0, std 1) and un-scaled at prediction.
  const yOffset: number[] = [];
  const yScale: number[] = [];
  for (let j = 0; j < tr.targets; j++) {
    let s = 0;
    let s2 = 0;
    for (let i = j; i < tr.y.length; i += tr.targets) { s += tr.y[i]!; s2 += tr.y[i]! ** 2; }
    const mean = s / Math.max(1, tr.n);
    const std = Math.sqrt(Math.max(0, s2 / Math.max(1, tr.n) - mean * mean));
    yOffset.push(mean);
    yScale.push(std > 1e-9 ? std : 1);
  }
  const seed = opts.seed ?? 1;
  const weights = initWeights(spec, seed);
  // Classification starts at the training prior: output bias = logit(rate) per target, so the net
  // only departs from the base rate where the data supports it (Lin et al., "Focal Loss for Dense
  // Object Detection", ICCV 2017, §4.1 "prior" initialisation).
  if (recipe.head === 'classification') {
    const rates = Array.from({ length: tr.targets }, (_, j) => {
      let s = 0;
      for (let i = j; i < tr.y.length; i += tr.targets) s += tr.y[i]!;
      const r = Math.min(1 - 1e-4, Math.max(1e-4, s / Math.max(1, tr.n)));
      return Math.log(r / (1 - r));
    });
    weights.get('out/bias')!.assign(tensor1d(rates));
  }
  const epochs = opts.epochs ?? recipe.epochs;
  const posRate = recipe.head === 'classification' ? tr.y.reduce((s, v) => s + v, 0) / Math.max(1, tr.y.length) : 0.5;
  const val = split.validation.n > 0 ? fitData(split.validation, recipe.head, yOffset, yScale) : undefined;
  const hist = await fit(spec, weights, fitData(tr, recipe.head, yOffset, yScale), val, {
    epochs,
    batchSize: opts.batchSize ?? recipe.batchSize,
    learningRate: opts.learningRate ?? recipe.learningRate,
    loss: recipe.head === 'classification' ? 'bce' : 'mse',
    seed,
    patience: recipe.patience,
    ...(recipe.lrDecay === undefined ? {} : { lrDecay: recipe.lrDecay }),
    ...(opts.maxMinutes === undefined ? {} : { maxMs: opts.maxMinutes * 60_000 }),
    // Rare events: weight positives up to a balance of at most 1:4 (sqrt keeps it from overshooting).
    ...(recipe.head === 'classification' && posRate > 0 ? { posWeight: Math.max(1, Math.min(25, Math.sqrt((1 - posRate) / posRate))) } : {}),
  }, (epoch, loss, valLoss, elapsedMs) => onProgress?.({ epoch: epoch + 1, epochs, loss, ...(valLoss === undefined ? {} : { valLoss }), elapsedMs }));
  const meta: NetModelMeta = {
    format: 'twinworks-net/1',
    task,
    head: recipe.head,
    outputNames: ae ? ['score', 'anomaly'] : tr.targetNames,
    featureNames: tr.featureNames,
    ...(recipe.head === 'regression' ? { yOffset, yScale } : {}),
    notes: { bestEpoch: hist.bestEpoch + 1, epochs: hist.loss.length },
  };
  const model = new NetModel(spec, weights, meta);
  const v = split.validation.n > 0 ? split.validation : tr;
  if (recipe.head === 'classification') meta.temperature = fitTemperatures(model.raw(v.x, v.n, v.condition), v.y, v.targets);
  if (ae) meta.threshold = errorQuantile(model, v, recipe.quantile ?? 0.99);
  return { model, history: { loss: hist.loss, valLoss: hist.valLoss } };
}

/** The q-quantile of per-window mean reconstruction errors. */
function errorQuantile(model: NetModel, ws: WindowSet, q: number): number {
  const err = reconstructionErrors(model.raw(ws.x, ws.n, ws.condition), ws.x, ws.n, ws.steps, ws.features);
  const s = Float64Array.from({ length: ws.n }, (_, i) => {
    let a = 0;
    for (let f = 0; f < ws.features; f++) a += err[i * ws.features + f]!;
    return a / ws.features;
  }).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 1;
}
