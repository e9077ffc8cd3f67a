import { writeFileSync } from 'node:fs';
import { parseCommandArgs } from '../args.ts';
import { asUsage, loadTrainData } from '../ml-data.ts';
import { DATA_OPTIONS, num, str, taskArg, trainOptions } from '../ml-flags.ts';
import { trainOnData } from '../ml-pipeline.ts';
import { search, SEARCH_ALGORITHM } from '../ml-tune-search.ts';
import { Progress } from '../progress.ts';
import { UsageError } from '../usage-error.ts';

/**
 * `twin tune <task>`: TPE search (after a few random trials) over learning rate, width, dropout and
 * batch size, budgeted in trials and in minutes; each trial is judged on its best validation loss
 * (the test part stays unseen).
 */
export async function tune(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('tune', argv, { ...DATA_OPTIONS, epochs: { type: 'string' }, trials: { type: 'string' }, minutes: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } }, true);
  if (positionals.length > 1) throw new UsageError(`tune: one task only, got ${positionals.join(' ')}`);
  const task = taskArg('tune', positionals[0]);
  const trials = num(values, 'trials', { min: 1, max: 10_000, integer: true });
  if (trials === undefined) throw new UsageError('--trials: required (the number of configurations to try)');
  const minutes = num(values, 'minutes', { min: 0.01 });
  const base = trainOptions(values);
  const data = asUsage(() => loadTrainData(task, values));
  console.error(data.summary);
  const startMs = Date.now();
  const deadlineMs = minutes !== undefined ? startMs + minutes * 60_000 : Infinity;
  const bar = new Progress(`tune ${task}`, trials);
  let bestLoss = Infinity;
  const result = await search(
    async (p) => {
      // Each trial gets what is left of the time budget, so a slow one cannot overrun it by much.
      const leftMin = Number.isFinite(deadlineMs) ? Math.max(0.01, (deadlineMs - Date.now()) / 60_000) : undefined;
      const run = await trainOnData(task, data, { ...base, ...p, ...(leftMin !== undefined ? { maxMinutes: leftMin } : {}) }, 'weights');
      run.model.dispose();
      const val = run.history.valLoss.filter(Number.isFinite);
      return val.length ? Math.min(...val) : Math.min(...run.history.loss);
    },
    {
      trials,
      seed: base.seed ?? 0,
      shouldStop: () => Date.now() >= deadlineMs,
      onTrial: (i, t) => {
        if (t.loss < bestLoss) bestLoss = t.loss;
        bar.update(i + 1, `best val loss ${bestLoss.toPrecision(3)}`);
      },
    },
  );
  bar.done();
  const stopped = result.trials.length < trials ? ` (time budget of ${minutes} min reached)` : '';
  console.log(`tuned ${task}: ${result.trials.length} trials in ${((Date.now() - startMs) / 1000).toFixed(1)} s${stopped}`);
  console.log(`search: ${SEARCH_ALGORITHM.name} (${SEARCH_ALGORITHM.startupTrials} random startup trials)`);
  for (const t of result.trials) console.log(`  val loss ${t.loss.toPrecision(4)}  ${JSON.stringify(t.params)}`);
  if (result.best) console.log(`best: ${JSON.stringify(result.best.params)} (val loss ${result.best.loss.toPrecision(4)})`);
  const searchInfo = { algorithm: SEARCH_ALGORITHM.name.toLowerCase(), startup_trials: SEARCH_ALGORITHM.startupTrials };
  const report = { task, search: searchInfo, trials: result.trials, best: result.best ?? null };
  const out = str(values, 'out');
  if (out !== undefined) writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  if (values.json) console.log(JSON.stringify({ search: searchInfo, trials: result.trials.length, best_val_loss: result.best?.loss ?? null, best: result.best?.params ?? null }));
  return 0;
}
