import type { TaskName } from '../../ml/window-set.ts';
import { parseCommandArgs } from '../args.ts';
import { saveRun } from '../ml-artifacts.ts';
import { asUsage, loadTrainData, sourceOf } from '../ml-data.ts';
import { DATA_OPTIONS, str, taskArg, TRAIN_OPTIONS, trainOptions } from '../ml-flags.ts';
import { balanceFlag, modelFlag, trainOnData } from '../ml-pipeline.ts';
import { metricsJson, metricsLine } from '../ml-scores.ts';
import { Progress } from '../progress.ts';
import { UsageError } from '../usage-error.ts';

/** `twin train <task>`: trains on simulated or file data and saves model, preprocess.json, metrics.json and learning curves. */
export async function train(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('train', argv, { ...DATA_OPTIONS, ...TRAIN_OPTIONS, out: { type: 'string' }, model: { type: 'string' }, registry: { type: 'string' }, json: { type: 'boolean' } }, true);
  if (positionals.length > 1) throw new UsageError(`train: one task only, got ${positionals.join(' ')}`);
  const task: TaskName = taskArg('train', positionals[0]);
  const opts = trainOptions(values);
  const balance = balanceFlag(str(values, 'balance'));
  const startMs = Date.now();
  opts.model = modelFlag(str(values, 'model'), sourceOf(values), task);
  const data = asUsage(() => loadTrainData(task, values));
  console.error(`${data.summary} (read in ${((Date.now() - startMs) / 1000).toFixed(1)} s)`);
  let bar: Progress | undefined;
  const run = await trainOnData(task, data, opts, balance, (p) => {
    bar ??= new Progress(`train ${task}`, p.epochs);
    bar.update(p.epoch, `loss ${p.loss.toPrecision(3)}${p.valLoss !== undefined ? ` val ${p.valLoss.toPrecision(3)}` : ''}`);
  });
  bar?.done();
  const saved = await saveRun({ ...run, hyperparameters: run.options, summary: data.summary, trainWindows: data.split.train }, str(values, 'out'), str(values, 'registry'));
  run.model.dispose();
  const where = saved.version ? `${saved.dir} (registry ${task} ${saved.version.version}${saved.version.version === 'v1' ? ', champion' : ', challenger'})` : saved.dir;
  console.log(`trained ${task} in ${((Date.now() - startMs) / 1000).toFixed(1)} s, ${run.history.loss.length} epochs → ${where}`);
  if (run.choice) {
    const v = run.choice.validation;
    const fig = (k: 'net' | 'trees') => `${k} PR-AUC ${v[k].prAuc.toFixed(4)} (best F1 ${v[k].f1.toFixed(4)})`;
    console.log(`model chosen on validation PR-AUC: ${run.choice.winner} — ${fig('trees')} · ${fig('net')}`);
  }
  console.log(`validation: ${metricsLine(run.validationMetrics)} (threshold ${run.pre.thresholds?.map((t) => t.toFixed(2)).join(', ') ?? 'n/a'}, chosen here)`);
  console.log(`test: ${metricsLine(run.metrics)}`);
  if (values.json) console.log(metricsJson(run.metrics));
  return 0;
}
