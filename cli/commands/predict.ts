import { writeFileSync } from 'node:fs';
import { applyScaler } from '../../ml/data/scaler.ts';
import { loadTaskModel } from '../../ml/train/train-task.ts';
import { parseCommandArgs } from '../args.ts';
import { PREDICT_USAGE } from '../ml-usage.ts';
import { asUsage } from '../ml-data.ts';
import { loadEvalData } from '../ml-eval-data.ts';
import { DATA_OPTIONS, str } from '../ml-flags.ts';
import { readPreprocess } from '../ml-preprocess.ts';
import { UsageError } from '../usage-error.ts';

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** `twin predict <model>`: scores a file; one CSV row per window (its key, then the model's outputs and decisions). */
export async function predict(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('predict', argv, { ...DATA_OPTIONS, out: { type: 'string' } }, true);
  const dir = positionals[0];
  if (dir === undefined || positionals.length > 1) throw new UsageError(`predict: give one model folder (${PREDICT_USAGE})`);
  const pre = readPreprocess(dir);
  const data = asUsage(() => loadEvalData(pre, values, false));
  const model = await loadTaskModel(dir);
  const pred = model.predict(applyScaler(pre.scaler, data.ws));
  const outputs = model.outputNames;
  model.dispose();
  const th = pre.thresholds;
  const header = [...data.keyNames, ...outputs, ...(th ? outputs.map((o) => `${o}_predicted`) : [])];
  const lines = [header.map(csvField).join(',')];
  for (let i = 0; i < data.ws.n; i++) {
    const row = outputs.map((_, j) => pred[i * outputs.length + j]!);
    const decisions = th ? row.map((p, j) => (p >= th[j]! ? '1' : '0')) : [];
    lines.push([...data.keys[i]!.map(csvField), ...row.map((p) => String(Number(p.toPrecision(6)))), ...decisions].join(','));
  }
  const out = str(values, 'out');
  if (out !== undefined) {
    writeFileSync(out, `${lines.join('\n')}\n`);
    console.log(`scored ${data.ws.n} windows → ${out}`);
  } else console.log(lines.join('\n'));
  return 0;
}
