import type { LiveTask } from '../../ml/live/live-types.ts';
import { DEFAULT_REGISTRY_DIR, ModelRegistry, RegistryError, toKey, type ModelKey, type TaskIndex } from '../../ml/registry/registry.ts';
import { primaryMetric } from '../../ml/drift/retrain-policy.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { parseCommandArgs, seedFlag } from '../args.ts';
import { list, num, str, taskArg, type FlagValues } from '../ml-flags.ts';
import { MODELS_USAGE } from '../ml-usage.ts';
import { Progress } from '../progress.ts';
import { UsageError } from '../usage-error.ts';

const REGISTRY = { registry: { type: 'string' } } as const;

/** `twin models list | promote | rollback | train-defaults`: the model registry from the command line. */
export async function models(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'list': return listModels(rest);
    case 'promote': return promoteOrRollback('promote', rest);
    case 'rollback': return promoteOrRollback('rollback', rest);
    case 'train-defaults': return trainDefaults(rest);
    default: throw new UsageError(`models: ${sub === undefined ? 'which subcommand?' : `unknown subcommand "${sub}"`} (${MODELS_USAGE})`);
  }
}

function registryOf(values: FlagValues): ModelRegistry {
  return new ModelRegistry(str(values, 'registry') ?? DEFAULT_REGISTRY_DIR);
}

function listModels(argv: string[]): number {
  const { values } = parseCommandArgs('models list', argv, { ...REGISTRY, json: { type: 'boolean' } });
  const indexes = registryOf(values).list();
  if (values.json) { console.log(JSON.stringify(indexes)); return 0; }
  if (indexes.length === 0) { console.log(`no models registered in ${registryOf(values).root}`); return 0; }
  const rows = indexes.map((i) => [i.task, i.kind ?? '-', i.champion ?? '-', i.challenger ?? '-', String(i.versions.length), championMetric(i)]);
  const head = ['task', 'kind', 'champion', 'challenger', 'versions', 'champion metric'];
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  for (const r of [head, ...rows]) console.log(r.map((c, j) => c.padEnd(widths[j]!)).join('  ').trimEnd());
  return 0;
}

/** "rmse 12.3" of the champion, on the task's primary metric. */
function championMetric(i: TaskIndex): string {
  const { name } = primaryMetric(i.task);
  const v = i.versions.find((x) => x.version === i.champion)?.metrics[name];
  return v === undefined ? '-' : `${name} ${Number(v.toPrecision(4))}`;
}

function promoteOrRollback(what: 'promote' | 'rollback', argv: string[]): number {
  const { values, positionals } = what === 'promote'
    ? parseCommandArgs('models promote', argv, { ...REGISTRY, kind: { type: 'string' }, version: { type: 'string' } }, true)
    : parseCommandArgs('models rollback', argv, { ...REGISTRY, kind: { type: 'string' } }, true);
  if (positionals.length > 1) throw new UsageError(`models ${what}: one task only, got ${positionals.join(' ')}`);
  const task = taskArg(`models ${what}`, positionals[0]);
  const kind = str(values, 'kind');
  const key = flagged('--kind', () => toKey(kind === undefined ? { task } : { task, kind }));
  const registry = registryOf(values);
  const before = registry.index(key).champion;
  const version = str(values, 'version');
  const idx = what === 'promote' ? flagged(version === undefined ? '--version (default: the challenger)' : '--version', () => registry.promote(key, version)) : flagged(`models rollback`, () => registry.rollback(key));
  console.log(`${label(key)}: champion ${idx.champion ?? '-'} (was ${before ?? '-'})${idx.challenger !== undefined ? `, challenger ${idx.challenger}` : ''}`);
  return 0;
}

async function trainDefaults(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('models train-defaults', argv, {
    ...REGISTRY, scenario: { type: 'string' }, hours: { type: 'string' }, runs: { type: 'string' }, seed: { type: 'string' }, epochs: { type: 'string' }, budget: { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' },
  });
  const name = str(values, 'scenario') ?? 'glass-plant';
  const scenario = flagged('--scenario', () => loadLibraryScenario(name));
  const seed = str(values, 'seed');
  const only = list(values, 'only')?.map((p) => {
    const [kind, task] = p.split('/');
    if (kind === undefined || task === undefined || kind === '') throw new UsageError(`--only: "${p}" is not <kind>/<task> (e.g. pump/rul,line/defects)`);
    return { kind, task: task as LiveTask };
  });
  const opt = <T>(k: string, v: T | undefined) => (v === undefined ? {} : { [k]: v });
  // Every flag is checked before TF.js loads, so a typo fails at once.
  const flags = {
    ...opt('only', only),
    ...opt('hours', num(values, 'hours', { min: 1, max: 100_000 })),
    ...opt('runs', num(values, 'runs', { min: 1, max: 100, integer: true })),
    ...opt('seed', seed === undefined ? undefined : seedFlag(seed)),
    ...opt('epochs', num(values, 'epochs', { min: 1, max: 10_000, integer: true })),
    ...opt('budgetS', num(values, 'budget', { min: 1 })),
  };
  const { liveJobs } = await import('../../ml/bootstrap/live-plan.ts');
  if (only) flagged('--only', () => liveJobs(scenario, only));
  const { trainLiveDefaults } = await import('../../ml/bootstrap/live-defaults.ts'); // lazy: TF.js loads only here
  const registry = registryOf(values);
  const startMs = Date.now();
  let bar: Progress | undefined;
  const result = await trainLiveDefaults({
    scenario, registry, ...flags,
    onProgress: (p) => { bar ??= new Progress('train-defaults', p.total); bar.update(p.done, p.message); },
  });
  bar?.done();
  if (values.json) { console.log(JSON.stringify(result)); return 0; }
  for (const r of result.registered) console.log(`${r.kind}/${r.task} ${r.version}${r.champion ? ' champion' : ' challenger'}: ${r.decision}`);
  for (const s of result.skipped) console.log(`${s.kind}/${s.task} skipped: ${s.reason}`);
  console.log(`${result.registered.length} models registered in ${registry.root}, ${result.skipped.length} skipped, in ${((Date.now() - startMs) / 1000).toFixed(1)} s`);
  return 0;
}

/** Runs `f`, turning registry and scenario errors into a usage error naming the flag. */
function flagged<T>(flag: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof RegistryError || (err as Error).name === 'ScenarioError' || /no assets of kind|has no live task/.test((err as Error).message)) throw new UsageError(`${flag}: ${(err as Error).message}`);
    throw err;
  }
}

function label(k: ModelKey): string {
  return k.kind === undefined ? k.task : `${k.task}/${k.kind}`;
}
