/**
 * Hyperparameter search with the `hyperparameters` package (hpjs, a JS take on hyperopt's fmin).
 * Version 0.25 ships random and grid search only (no TPE), so this file plugs our Tree-structured
 * Parzen Estimator (ml/tune/tpe.ts) into fmin as its search algorithm: hpjs still runs the loop,
 * the trials and the callbacks. The package has no type declarations; this file types the part we use.
 */
import { createRequire } from 'node:module';
import { seededRng } from '../ml/data/rng.ts';
import type { TrainOptions } from '../ml/train/train-task.ts';
import { suggestTpe, TPE_DEFAULTS, type Observation, type SearchSpace } from '../ml/tune/tpe.ts';

interface Trial {
  readonly args: Record<string, number>;
  readonly result?: { loss?: number; status: string };
}
/** fmin's search algorithm: new trial documents for `newIds`, given the trials so far. */
type HpjsAlgo = (newIds: number[], domain: HpjsDomain, trials: HpjsTrials, seed: number) => unknown[];
interface HpjsDomain {
  newResult(): { status: string };
}
interface HpjsTrials {
  readonly trials: readonly Trial[];
  newTrialDocs(ids: number[], results: unknown[], args: Record<string, number>[]): unknown[];
}
interface Hpjs {
  fmin(
    fn: (args: Record<string, number>) => Promise<{ loss: number; status: string }>,
    space: Record<string, unknown>,
    algo: HpjsAlgo,
    maxEvals: number,
    params: { rng: unknown; callbacks?: { onExperimentEnd?: (i: number, t: Trial) => Promise<boolean> | boolean } },
  ): Promise<{ trials: Trial[]; argmin: Record<string, number> | undefined }>;
  RandomState: new (seed: number) => unknown;
  choice(options: readonly number[]): unknown;
  uniform(lo: number, hi: number): unknown;
  loguniform(lo: number, hi: number): unknown;
  STATUS_OK: string;
}

const hpjs = createRequire(import.meta.url)('hyperparameters') as Hpjs;

/** Learning rate log-uniform in [1e-4, 1e-2], hidden width, dropout, batch size: defined once, for TPE and for hpjs. */
export const SPACE: SearchSpace = {
  learningRate: { kind: 'loguniform', low: Math.log(1e-4), high: Math.log(1e-2) },
  hidden: { kind: 'choice', options: [16, 32, 64, 128] },
  dropout: { kind: 'uniform', low: 0, high: 0.4 },
  batchSize: { kind: 'choice', options: [64, 128, 256] },
};

/** How the CLI names the search: the first `startupTrials` are random draws, then TPE. */
export const SEARCH_ALGORITHM = { name: 'TPE', startupTrials: TPE_DEFAULTS.startup } as const;

/** The searched space as an hpjs expression, derived from `SPACE`. */
export function searchSpace(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(SPACE).map(([name, d]) => [
      name,
      d.kind === 'choice' ? hpjs.choice(d.options) : d.kind === 'loguniform' ? hpjs.loguniform(d.low, d.high) : hpjs.uniform(d.low, d.high),
    ]),
  );
}

/**
 * TPE as an hpjs algorithm: finished trials (status ok, numeric loss) are the history; `seed` is the
 * draw fmin makes from its seeded RandomState for each call, so a tune run replays from `--seed`.
 */
export function tpeSearch(space: SearchSpace): HpjsAlgo {
  return (newIds, domain, trials, seed) => {
    const history: Observation[] = trials.trials
      .filter((t) => t.result?.status === hpjs.STATUS_OK && typeof t.result.loss === 'number')
      .map((t) => ({ args: t.args, loss: t.result!.loss! }));
    const rng = seededRng(seed, 'tpe');
    const uniform = () => rng.uniform();
    return newIds.flatMap((id) => trials.newTrialDocs([id], [domain.newResult()], [suggestTpe(space, history, uniform)]));
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
    tpeSearch(SPACE),
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
