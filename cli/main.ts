import { EngineError } from '../engine/commands.ts';
import { ScenarioError } from '../scenarios/scenario-error.ts';
import { branch, BRANCH_USAGE } from './commands/branch.ts';
import { replay, REPLAY_USAGE } from './commands/replay.ts';
import { whatIf, WHAT_IF_USAGE } from './commands/what-if.ts';
import { KNOWLEDGE_USAGE } from './commands/knowledge.ts';
import { MAINTENANCE_USAGE } from './commands/maintenance.ts';
import { ASK_USAGE } from './commands/ask.ts';
import { run } from './commands/run.ts';
import { scenarios } from './commands/scenarios.ts';
import { simulate, SIMULATE_USAGE } from './commands/simulate.ts';
import { UsageError } from './usage-error.ts';
import { EVALUATE_USAGE, MODELS_USAGE, PREDICT_USAGE, TRAIN_USAGE, TUNE_USAGE } from './ml-usage.ts';

const USAGE = `usage:
  twin run [--scenario glass-plant] [--speed 1|10|100|max] [--seed N]     the plant in paced real time, live summary
  ${SIMULATE_USAGE}
  twin scenarios list
  twin scenarios validate <file>
  ${REPLAY_USAGE}
  ${BRANCH_USAGE}
  ${WHAT_IF_USAGE}
  ${TRAIN_USAGE}
  ${EVALUATE_USAGE}
  ${PREDICT_USAGE}
  ${TUNE_USAGE}
  ${MODELS_USAGE}
  ${KNOWLEDGE_USAGE}
  ${MAINTENANCE_USAGE}
  ${ASK_USAGE}`;

/** The CLI: returns the exit code (0 ok, 1 failure, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await run(rest);
      case 'simulate':
        return await simulate(rest);
      case 'scenarios':
        return await scenarios(rest);
      case 'replay':
        return await replay(rest);
      case 'branch':
        return await branch(rest);
      case 'what-if':
        return await whatIf(rest);
      case 'train':
        return await (await import('./commands/train.ts')).train(rest); // lazy: TF.js loads only for ml commands
      case 'evaluate':
        return await (await import('./commands/evaluate.ts')).evaluate(rest); // lazy: TF.js loads only for ml commands
      case 'predict':
        return await (await import('./commands/predict.ts')).predict(rest); // lazy: TF.js loads only for ml commands
      case 'tune':
        return await (await import('./commands/tune.ts')).tune(rest); // lazy: TF.js loads only for ml commands
      case 'models':
        return await (await import('./commands/models.ts')).models(rest); // lazy: TF.js loads only for train-defaults
      case 'knowledge':
        return await (await import('./commands/knowledge.ts')).knowledge(rest); // lazy: the history store loads only here
      case 'maintenance':
        return await (await import('./commands/maintenance.ts')).maintenance(rest);
      case 'ask':
        return await (await import('./commands/ask.ts')).ask(rest);
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return 0;
      case undefined:
        console.error(USAGE);
        return 2;
      default:
        throw new UsageError(`unknown command "${command}" (commands: run, simulate, scenarios, replay, branch, what-if, train, evaluate, predict, tune, models, knowledge, maintenance, ask, help)`);
    }
  } catch (err) {
    return report(err);
  }
}

function report(err: unknown): number {
  if (err instanceof UsageError || err instanceof EngineError) {
    console.error(`twin: ${err.message}`);
    return 2;
  }
  if (err instanceof ScenarioError) {
    console.error(`twin: ${err.message}`);
    return 2;
  }
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT' || e?.code === 'EACCES' || e?.code === 'EISDIR') {
    console.error(`twin: cannot open ${e.path ?? 'file'} (${e.code === 'ENOENT' ? 'no such file' : e.code})`);
    return 2;
  }
  console.error(`twin: ${e?.message ?? String(err)}`);
  if (process.env['TWIN_DEBUG']) console.error(e?.stack);
  return 1;
}
