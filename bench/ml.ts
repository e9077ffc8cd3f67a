/**
 * npm run bench:ml — trains and evaluates the ml/ models in one run. Progress on stderr; ends with
 * ONE JSON line on stdout:
 *   cmapss_fd001_rmse / _score  NASA C-MAPSS FD001, last window of each test engine, RUL capped 125
 *                               (score: PHM08 asymmetric exponential, Saxena et al. 2008)
 *   cmapss_train_s              wall time of the C-MAPSS training (all ensemble members)
 *   defect_1h_recall/precision  glass defects with an assignable (process) cause within 1 h, on the
 *                               reference plant with process excursions (6 per line and day), hold-out
 *                               runs, pooled over the 1 h targets whose training base rate is in
 *                               [0.05, 0.6], at one cut-off chosen on validation: the lowest keeping
 *                               precision ≥ 0.8 (choosePooledThreshold); defect_1h_threshold is that cut-off.
 *                               Defects of any cause are no target: the random background makes
 *                               P(≥ 1 within 1 h) ≥ 0.75 for every type.
 *   defect_1h_auroc / _prior    their ROC-AUC and positive rate: read recall/precision against the prior
 *   defect_ece                  expected calibration error of the probabilities of every selected
 *                               target (all horizons, 10 bins); defect_targets: how many were selected
 *   sim_rul_rmse_pct            pump RUL RMSE as % of the mean degradation-phase length (onset → failure),
 *                               hold-out runs; lives cycled by accelerated (×20) bearing wear; RUL
 *                               labelled after the degradation onset only, capped at 20 h (≈ 0.6 of that
 *                               mean, the ratio of C-MAPSS's 125 cycles to its ~206-cycle lives)
 *   anomaly_auroc               autoencoder score vs injected faults (spread over the runs), hold-out runs;
 *                               machine windows with a fault not yet 5 % degraded are left out (grey zone)
 *   infer_p95_ms                one batched live prediction of the whole reference plant
 *   infer_explained_p95_ms      the same with integrated-gradient explanations (bench/ml-live.ts)
 *   backend                     the TF.js backend that ran
 * The C-MAPSS files are read from CMAPSS_DIR (default /work/shared/datasets/cmapss), never copied, and
 * loaded by loadCmapss like the CLI (near-zero-variance columns dropped, the same detection).
 * Simulated sets are split by run (independent simulations; parts share no run).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initBackend } from '../ml/tf/backend.ts';
import { loadCmapss } from '../ml/data/cmapss.ts';
import { scaleSplit } from '../ml/data/scaler.ts';
import { phm08Score, rmse } from '../ml/metrics/index.ts';
import { trainTask, type TaskModel } from '../ml/train/train-task.ts';
import { EnsembleModel } from '../ml/train/ensemble.ts';
import { choosePooledThreshold, meanLifeH, pickColumns } from '../ml/train/evaluate.ts';
import { buildSimDataset, type SimTaskOptions } from '../ml/data/sim-task.ts';
import type { SimRunOptions } from '../ml/data/sim-record.ts';
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
  const read = (f: string) => ({ text: readFileSync(path.join(DIR, f), 'utf8'), file: f });
  const d = loadCmapss({ train: read('train_FD001.txt'), test: read('test_FD001.txt'), truth: read('RUL_FD001.txt'), rulCap: CAP, holdout: 0.15, seed: 1 });
  const { split } = scaleSplit(d.split, 'minmax');
  const truth = split.test.y.map((v) => Math.min(CAP, v)); // evaluated against capped truth, as in the literature
  log(`cmapss: ${split.train.n} train / ${split.validation.n} val windows, ${split.test.n} test engines, features ${d.features.join(',')} (dropped ${d.dropped.join(',')})`);
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

const SIM_MINUTES = Number(process.env['BENCH_ML_SIM_MINUTES'] ?? 1.5);
const DEFECT_RUNS = Number(process.env['BENCH_ML_DEFECT_RUNS'] ?? 10);
const DEFECT_SEEDS = Number(process.env['BENCH_ML_DEFECT_SEEDS'] ?? 3);

/** A scaled simulator split for a task (independent runs of the reference plant, split by run). */
function simSplit(task: TaskName, run: Partial<SimRunOptions>, o: SimTaskOptions): { split: Split; kind: string } {
  const t0 = performance.now();
  const d = buildSimDataset(task, { scenario, hours: SIM_HOURS, ...run }, o);
  const { split } = scaleSplit(d.split, 'zscore');
  log(`sim ${task} (${d.kind}): ${d.runs} runs, ${split.train.n}/${split.validation.n}/${split.test.n} windows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { split, kind: d.kind };
}

/** Base rate of each target column. */
function rates(ws: Split['train']): number[] {
  const r = new Array<number>(ws.targets).fill(0);
  for (let i = 0; i < ws.n; i++) for (let j = 0; j < ws.targets; j++) r[j]! += ws.y[i * ws.targets + j]! / ws.n;
  return r;
}

async function defects(): Promise<void> {
  // 10 runs (not 6): 19 k training windows instead of 12 k, for ~4 s more simulation; measured AUROC
  // 0.936 → 0.937 and ECE 0.027 → 0.016 at the same training budget.
  const { split } = simSplit('defects', { runs: DEFECT_RUNS }, { causes: 'assignable', fractions: { validation: 0.2, test: 0.3 } });
  // A seed ensemble, as for C-MAPSS: the mean of calibrated members stays calibrated and varies less.
  const members: TaskModel[] = [];
  for (let k = 0; k < DEFECT_SEEDS; k++) members.push((await trainTask('defects', split, { seed: 3 + k, maxMinutes: SIM_MINUTES })).model);
  const model = new EnsembleModel(members);
  const names = model.outputNames;
  // Targets worth scoring: base rate on the training runs in [0.05, 0.6] (rarer ones have too few
  // positives to score, commoner ones leave little to predict beyond the prior).
  const prior = rates(split.train);
  const chosen = new Set(names.filter((_, j) => prior[j]! >= 0.05 && prior[j]! <= 0.6));
  log(`defects: targets ${names.map((n, j) => `${n} ${prior[j]!.toFixed(2)}${chosen.has(n) ? '*' : ''}`).join(', ')}`);
  const is1h = (n: string) => chosen.has(n) && n.endsWith('_1h');
  const pv = model.predict(split.validation);
  const p = model.predict(split.test);
  // One cut-off for the pooled 1 h targets, chosen on validation (see choosePooledThreshold), applied to test.
  const y = pickColumns(split.test.y, names, is1h);
  const s = pickColumns(p, names, is1h);
  const t = choosePooledThreshold(pickColumns(split.validation.y, names, is1h), pickColumns(pv, names, is1h));
  const m = { ...binaryMetrics(y, s, t), roc_auc: rocAuc(y, s) };
  result['defect_1h_recall'] = round(m.recall, 3);
  result['defect_1h_precision'] = round(m.precision, 3);
  result['defect_1h_auroc'] = round(m.roc_auc, 3);
  result['defect_1h_prior'] = round(y.reduce((a, b) => a + b, 0) / y.length, 3);
  result['defect_1h_threshold'] = round(t, 3);
  result['defect_ece'] = round(expectedCalibrationError(pickColumns(split.test.y, names, (n) => chosen.has(n)), pickColumns(p, names, (n) => chosen.has(n))), 4);
  result['defect_targets'] = chosen.size;
  for (const n of chosen) {
    const yn = pickColumns(split.test.y, names, (x) => x === n);
    const sn = pickColumns(p, names, (x) => x === n);
    if (yn.some((v) => v === 1) && yn.some((v) => v === 0)) {
      const mn = binaryMetrics(yn, sn, t);
      log(`  ${n}: test prior ${(yn.reduce((a, b) => a + b, 0) / yn.length).toFixed(3)} AUROC ${rocAuc(yn, sn).toFixed(3)}${is1h(n) ? ` recall ${mn.recall.toFixed(3)} precision ${mn.precision.toFixed(3)}` : ''}`);
    }
  }
  log(`defects: 1h recall ${m.recall.toFixed(3)} precision ${m.precision.toFixed(3)} (threshold ${t.toFixed(3)}, prior ${result['defect_1h_prior']}), ECE ${result['defect_ece']}`);
  model.dispose();
}

const RUL_CAP_H = 20;

async function simRul(): Promise<void> {
  const { split, kind } = simSplit('rul', { runs: 5, cycle: { kinds: ['pump'], faultTypes: ['bearing_wear'] } }, { kind: 'pump', capH: RUL_CAP_H, fractions: { validation: 0.2, test: 0.2 } });
  const { model } = await trainTask('rul', split, { seed: 5, maxMinutes: SIM_MINUTES });
  const pred = model.predict(split.test);
  const life = meanLifeH(split.train);
  const err = rmse(pred, split.test.y);
  result['sim_rul_rmse_pct'] = round((100 * err) / life, 2);
  log(`sim rul (${kind}): rmse ${err.toFixed(1)} h, mean degradation phase ${life.toFixed(1)} h, mean-predictor rmse ${rmse(new Float32Array(pred.length).fill(mean(split.train.y)), split.test.y).toFixed(1)} h`);
  model.dispose();
}

async function anomaly(): Promise<void> {
  const { split, kind } = simSplit('anomaly', { runs: 5, injectFaults: 8 }, { minLevel: 0.05, fractions: { validation: 0.2, test: 0.2 } });
  const { model } = await trainTask('anomaly', split, { seed: 7, maxMinutes: SIM_MINUTES });
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
