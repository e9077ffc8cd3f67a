/**
 * npm run bench:ml — trains and evaluates the ml/ models in one run. Progress on stderr; ends with
 * ONE JSON line on stdout:
 *   cmapss_fd001_rmse / _score  NASA C-MAPSS FD001, last window of each test engine, RUL capped 125
 *                               (score: PHM08 asymmetric exponential, Saxena et al. 2008)
 *   cmapss_train_s              wall time of the C-MAPSS training (all ensemble members)
 *   defect_1h_recall/precision  glass defects within 1 h (all types pooled), simulated hold-out, at the
 *                               threshold chosen on validation (recall ≥ 0.9 at precision ≥ 0.8, else best F1)
 *   defect_1h_auroc / _prior    their ROC-AUC and positive rate: read recall/precision against the prior
 *   defect_ece                  expected calibration error of all defect probabilities (10 bins)
 *   sim_rul_rmse_pct            RUL RMSE on the simulated fleet as % of mean life
 *   anomaly_auroc               autoencoder score vs injected faults
 *   infer_p95_ms                one batched live prediction of the whole reference plant
 *   infer_explained_p95_ms      the same with integrated-gradient explanations (bench/ml-live.ts)
 *   backend                     the TF.js backend that ran
 * The C-MAPSS files are read from CMAPSS_DIR (default /work/shared/datasets/cmapss), never copied.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initBackend } from '../ml/tf/backend.ts';
import { cmapssWindows } from '../ml/data/cmapss.ts';
import { constantColumns, parseCmapss, parseRulTruth } from '../ml/data/cmapss-parse.ts';
import { splitByGroup } from '../ml/data/splits.ts';
import { seededRng } from '../ml/data/rng.ts';
import { scaleSplit } from '../ml/data/scaler.ts';
import { phm08Score, rmse } from '../ml/metrics/index.ts';
import { trainTask, type TaskModel } from '../ml/train/train-task.ts';
import { EnsembleModel } from '../ml/train/ensemble.ts';
import { chooseThreshold, meanLifeH, pickColumns } from '../ml/train/evaluate.ts';
import { buildSimDataset } from '../ml/data/sim-task.ts';
import { binaryMetrics, expectedCalibrationError, rocAuc } from '../ml/metrics/index.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import type { Split, TaskName } from '../ml/window-set.ts';
import { liveLatency } from './ml-live.ts';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const DIR = process.env['CMAPSS_DIR'] ?? '/work/shared/datasets/cmapss';
const SEEDS = Number(process.env['BENCH_ML_SEEDS'] ?? 5);
const CAP = 125;
const result: Record<string, number | string | null> = {};

async function cmapss(): Promise<void> {
  const read = (f: string) => readFileSync(path.join(DIR, f), 'utf8');
  const train = parseCmapss(read('train_FD001.txt'), 'train_FD001.txt');
  // FD001 runs at one operating condition: the settings are noise. Sensors flat to within 1e-6 of
  // their range are dropped (s_1, s_5, s_10, s_16, s_18, s_19), the usual 14 remain + s_6.
  const flat = new Set(constantColumns(train, 1e-6));
  const columns = train.columns.map((_, c) => c).filter((c) => train.columns[c]!.startsWith('s_') && !flat.has(c));
  const all = cmapssWindows(train, { columns, mode: 'all', rulCap: CAP });
  const tv = splitByGroup(all, { validation: 0.15, test: 0 }, seededRng(1, 'cmapss-split'));
  const test = cmapssWindows(parseCmapss(read('test_FD001.txt'), 'test_FD001.txt'), { columns, mode: 'last', truth: parseRulTruth(read('RUL_FD001.txt'), 'RUL_FD001.txt') });
  const { split } = scaleSplit({ train: tv.train, validation: tv.validation, test }, 'minmax');
  const truth = split.test.y.map((v) => Math.min(CAP, v)); // evaluated against capped truth, as in the literature
  log(`cmapss: ${split.train.n} train / ${split.validation.n} val windows, ${split.test.n} test engines, features ${split.train.featureNames.join(',')}`);
  const t0 = performance.now();
  const members: TaskModel[] = [];
  for (let s = 0; s < SEEDS; s++) {
    const { model } = await trainTask('rul', split, { seed: 11 + s, maxMinutes: 9 / SEEDS }, (p) => {
      if (p.epoch % 10 === 0) log(`  rul seed ${s} epoch ${p.epoch}: loss ${p.loss.toFixed(4)} val ${p.valLoss?.toFixed(4)} ${(p.elapsedMs / 1000).toFixed(0)} s`);
    });
    members.push(model);
    const m = Array.from(model.predict(split.test));
    log(`  member ${s}: rmse ${rmse(m, truth).toFixed(2)} score ${phm08Score(m, truth).toFixed(1)}`);
  }
  result['cmapss_train_s'] = round((performance.now() - t0) / 1000, 1);
  const ens = new EnsembleModel(members);
  const pred = ens.predict(split.test);
  result['cmapss_fd001_rmse'] = round(rmse(pred, truth), 2);
  result['cmapss_fd001_score'] = round(phm08Score(pred, truth), 1);
  log(`cmapss: rmse ${result['cmapss_fd001_rmse']} score ${result['cmapss_fd001_score']} in ${result['cmapss_train_s']} s`);
  ens.dispose();
}

const scenario = loadLibraryScenario('glass-plant');
const SIM_HOURS = Number(process.env['BENCH_ML_SIM_HOURS'] ?? 240);

/** A scaled simulator split for a task (3 runs of the reference plant, faults injected). */
function simSplit(task: TaskName): { split: Split; kind: string } {
  const t0 = performance.now();
  const d = buildSimDataset(task, { scenario, hours: SIM_HOURS, runs: 3, injectFaults: 8 }, { fractions: { validation: 0.2, test: 0.25 } });
  const { split } = scaleSplit(d.split, 'zscore');
  log(`sim ${task} (${d.kind}): ${split.train.n}/${split.validation.n}/${split.test.n} windows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { split, kind: d.kind };
}

async function defects(): Promise<void> {
  const { split } = simSplit('defects');
  const { model } = await trainTask('defects', split, { seed: 3, maxMinutes: 2 });
  const names = model.outputNames;
  const val = split.validation.n > 0 ? split.validation : split.train; // the data side may leave validation empty
  const is1h = (n: string) => n.endsWith('_1h');
  const vy = pickColumns(val.y, names, is1h);
  const t = chooseThreshold(vy, pickColumns(model.predict(val), names, is1h));
  const p = model.predict(split.test);
  const ty = pickColumns(split.test.y, names, is1h);
  const m = binaryMetrics(ty, pickColumns(p, names, is1h), t);
  result['defect_1h_recall'] = round(m.recall, 3);
  result['defect_1h_precision'] = round(m.precision, 3);
  result['defect_1h_auroc'] = round(m.roc_auc, 3);
  result['defect_1h_prior'] = round(ty.reduce((a, b) => a + b, 0) / ty.length, 3);
  result['defect_ece'] = round(expectedCalibrationError(split.test.y, p), 4);
  log(`defects: 1h recall ${m.recall.toFixed(3)} precision ${m.precision.toFixed(3)} (threshold ${t.toFixed(3)}, prior ${result['defect_1h_prior']}), ECE ${result['defect_ece']}`);
  model.dispose();
}

async function simRul(): Promise<void> {
  const { split, kind } = simSplit('rul');
  const { model } = await trainTask('rul', split, { seed: 5, maxMinutes: 2 });
  const pred = model.predict(split.test);
  const life = meanLifeH(split.train);
  const err = rmse(pred, split.test.y);
  result['sim_rul_rmse_pct'] = round((100 * err) / life, 2);
  log(`sim rul (${kind}): rmse ${err.toFixed(1)} h, mean life ${life.toFixed(1)} h, mean-predictor rmse ${rmse(new Float32Array(pred.length).fill(mean(split.train.y)), split.test.y).toFixed(1)} h`);
  model.dispose();
}

async function anomaly(): Promise<void> {
  const { split, kind } = simSplit('anomaly');
  const { model } = await trainTask('anomaly', split, { seed: 7, maxMinutes: 2 });
  const p = model.predict(split.test);
  const score = p.filter((_, k) => k % 2 === 0);
  result['anomaly_auroc'] = round(rocAuc(split.test.y, score), 3);
  log(`anomaly (${kind}): AUROC ${result['anomaly_auroc']}`);
  model.dispose();
}

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / Math.max(1, a.length);
}

function round(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round(v * f) / f;
}

result['backend'] = await initBackend();
if (process.env['BENCH_ML_SKIP_CMAPSS'] !== '1') await cmapss();
await defects();
await simRul();
await anomaly();
Object.assign(result, await liveLatency(scenario));
process.stdout.write(JSON.stringify(result) + '\n');
