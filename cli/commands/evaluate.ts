import { applyScaler } from '../../ml/data/scaler.ts';
import { loadTaskModel } from '../../ml/train/train-task.ts';
import { parseCommandArgs } from '../args.ts';
import { EVALUATE_USAGE } from '../ml-usage.ts';
import { asUsage } from '../ml-data.ts';
import { loadEvalData } from '../ml-eval-data.ts';
import { DATA_OPTIONS } from '../ml-flags.ts';
import { readPreprocess } from '../ml-preprocess.ts';
import { metricsJson, metricsLine, taskMetrics } from '../ml-scores.ts';
import { UsageError } from '../usage-error.ts';

/** `twin evaluate <model>`: the training metrics of a saved model on new data, read and scaled as in training. */
export async function evaluate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('evaluate', argv, { ...DATA_OPTIONS, json: { type: 'boolean' } }, true);
  const dir = positionals[0];
  if (dir === undefined || positionals.length > 1) throw new UsageError(`evaluate: give one model folder (${EVALUATE_USAGE})`);
  const pre = readPreprocess(dir);
  const data = asUsage(() => loadEvalData(pre, values, true));
  if (!data.labelled) throw new UsageError('evaluate: the data has no labels to compare with (C-MAPSS test files need --truth)');
  const model = await loadTaskModel(dir);
  const pred = model.predict(applyScaler(pre.scaler, data.ws));
  model.dispose();
  const metrics = taskMetrics(pre.task, pred, data.ws, pre.thresholds);
  console.log(`${pre.task} on ${data.ws.n} windows: ${metricsLine(metrics)}`);
  if (values.json) console.log(metricsJson(metrics));
  return 0;
}
