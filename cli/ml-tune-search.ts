/**
 * Hyperparameter search with the `hyperparameters` package (hpjs, a JS take on hyperopt's fmin).
 * Version 0.25 ships random and grid search only (no TPE), so trials are random draws from the space
 * with its seeded RandomState. The package has no type declarations; this file types the part we use.
 */
import { createRequire } from 'node:module';
import type { TrainOptions } from '../ml/train/train-task.ts';

interface Trial {
  readonly args: Record<string, number>;
  readonly result?: { loss: number; status: string };
}
interface Hpjs {
  fmin(
    fn: (args: Record<string, number>) => Promise<{ loss: number; status: string }>,
    space: Record<string, unknown>,
    algo: unknown,
    maxEvals: number,
    params: { rng: unknown; callbacks?: { onExperimentEnd?: (i: number, t: Trial) => Promise<boolean> | boolean } },
  ): Promise<{ trials: Trial[]; argmin: Record<string, number> | undefined }>;
  RandomState: new (seed: number) => unknown;
  choice(options: readonly number[]): unknown;
  uniform(lo: number, hi: number): unknown;
  loguniform(lo: number, hi: number): unknown;
  search: { randomSearch: unknown };
  STATUS_OK: string;
}

const hpjs = createRequire(import.meta.url)('hyperparameters') as Hpjs;

/** The searched space: learning rate log-uniform in [1e-4, 1e-2], hidden width, dropout, batch size. */
export function searchSpace(): Record<string, unknown> {
  return {
    learningRate: hpjs.loguniform(Math.log(1e-4), Math.log(1e-2)),
    hidden: hpjs.choice([16, 32, 64, 128]),
    dropout: hpjs.uniform(0, 0.4),
    batchSize: hpjs.choice([64, 128, 256]),
  };
}

/** One evaluated trial. */
export interface TuneTrial {
  readonly params: TrainOptions;
  readonly loss: number;
}

/**
 * Runs up to `trials` evaluations of `objective` (lower is better), stopping early when
 * `shouldStop()` says the time budget is spent; `onTrial` sees each finished trial.
 */
export async function search(
  objective: (p: TrainOptions) => Promise<number>,
  o: { trials: number; seed: number; shouldStop: () => boolean; onTrial: (i: number, t: TuneTrial) => void },
): Promise<{ best: TuneTrial | undefined; trials: TuneTrial[] }> {
  const done: TuneTrial[] = [];
  const toOptions = (a: Record<string, number>): TrainOptions => ({ learningRate: a['learningRate']!, hidden: a['hidden']!, dropout: a['dropout']!, batchSize: a['batchSize']! });
  await hpjs.fmin(
    async (args) => ({ loss: await objective(toOptions(args)), status: hpjs.STATUS_OK }),
    searchSpace(),
    hpjs.search.randomSearch,
    o.trials,
    {
      rng: new hpjs.RandomState(o.seed),
      callbacks: {
        onExperimentEnd: (i, t) => {
          const trial = { params: toOptions(t.args), loss: t.result?.loss ?? Number.NaN };
          done.push(trial);
          o.onTrial(i, trial);
          return o.shouldStop();
        },
      },
    },
  );
  const finite = done.filter((t) => Number.isFinite(t.loss));
  const best = finite.reduce<TuneTrial | undefined>((b, t) => (b === undefined || t.loss < b.loss ? t : b), undefined);
  return { best, trials: done };
}
