/**
 * npm run bench:knowledge — how often root-cause analysis names the simulator's true cause.
 * Progress on stderr, one JSON line on stdout:
 *   rca_top1, rca_top3             the true root cause ranked first / in the first three, over every
 *                                  scored line episode, with bootstrap 95 % intervals (_ci)
 *   rca_top1_by_kind               the same per episode kind (defect burst, two concurrent faults,
 *                                  sensor alert of a process fault, sensor fault mimicking one)
 *   rca_top1_machines              the failure-mode diagnosis ranked the developing mode first
 *   ece                            expected calibration error of the top-1 confidences (10 bins)
 *   rca_p95_ms                     95th percentile of one analysis on the reference plant's graph
 *   baseline_nsigma_top1           largest deviation first, on the same candidates and episodes
 *   baseline_prior_top1            the graph's prior alone
 *   n_cases, n_machine_cases, n_no_symptom   scored episodes, and episodes where no symptom showed
 * Episodes (bench/knowledge-episodes.ts) use seeds from 100001 (KNOWLEDGE_CASES line episodes,
 * default 320; KNOWLEDGE_MACHINE_CASES, default 80), never used to fit: `--fit` fits the model's
 * weights, machine temperature and propagation slopes on seeds 1.. (KNOWLEDGE_FIT_CASES, default 160)
 * and base runs of other seeds, writes knowledge/rca-model.json, then evaluates.
 */
import { writeFileSync } from 'node:fs';
import { createEngine, builtinProfileResolver } from '../engine/plant.ts';
import type { Scenario } from '../engine/scenario.ts';
import { subScenario } from '../lookahead/sub-plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { CausalGraph } from '../knowledge/causal-graph.ts';
import { defaultSeed } from '../knowledge/default-knowledge.ts';
import { fitConditionalLogit, fitTemperature, leastSquares, type LogitCase, type TemperatureCase } from '../knowledge/fit-rca.ts';
import { diagnoseMachine } from '../knowledge/machine-diagnosis.ts';
import { rootCause, type RcaResult } from '../knowledge/rca.ts';
import { checkModel, FEATURES, RCA_MODEL, type RcaModel } from '../knowledge/rca-model.ts';
import { EngineRecording } from '../knowledge/engine-recording.ts';
import { meanStd, type SensorBins } from '../knowledge/series.ts';
import { BIN_S, LineBases, lineEpisode, machineEpisode, type Episode, type EpisodeKind } from './knowledge-episodes.ts';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const fit = process.argv.includes('--fit');
const nLine = Number(process.env.KNOWLEDGE_CASES ?? 320);
const nMachine = Number(process.env.KNOWLEDGE_MACHINE_CASES ?? 80);
const nFit = Number(process.env.KNOWLEDGE_FIT_CASES ?? 160);
// Seeds: fit on 1.., look at misses on validation 60001.. (printed), report on 200001.. (misses not
// printed). An earlier test range, 100001.., was looked at while the instrument features were
// designed, so it is no longer used for figures.
const TEST_SEED0 = 200_001;
const VALIDATION_SEED0 = 60_001;
const nValidation = Number(process.env.KNOWLEDGE_VALIDATION_CASES ?? 100);

const plant = loadLibraryScenario('glass-plant');
const resolve = builtinProfileResolver();
const full = createEngine(plant);
const machines = plant.machines.map((m) => ({ id: m.id, profile: resolve(m.profile) }));
const graph = new CausalGraph(defaultSeed({ sensors: full.layout.sensors, machines }));
const machineModes = machines.map((m) => ({ id: m.id, modes: m.profile.compiled.modes.map((x) => x.name) }));

/** The episode kind of a seed: bursts of one fault most often, the harder kinds in fixed shares. */
function kindOf(seed: number): Exclude<EpisodeKind, 'machine'> {
  const r = (seed * 2654435761) % 20;
  return r < 9 ? 'defect' : r < 12 ? 'defect_concurrent' : r < 16 ? 'process_alert' : 'instrument_alert';
}

function episodes(seed0: number, n: number, nM: number, baseSeeds: number[]): { line: Episode[]; machine: Episode[]; noSymptom: number } {
  const bases = new LineBases(plant, baseSeeds, graph);
  const line: Episode[] = [];
  const machine: Episode[] = [];
  let noSymptom = 0;
  for (let i = 0; i < n; i++) {
    const e = lineEpisode(bases, seed0 + i, kindOf(seed0 + i));
    if (e) line.push(e);
    else noSymptom++;
    if ((i + 1) % 20 === 0) log(`  line episodes ${i + 1}/${n} (${noSymptom} without a symptom)`);
  }
  for (let i = 0; i < nM; i++) {
    const e = machineEpisode(plant, machineModes, seed0 + 50_000 + i);
    if (e) machine.push(e);
    else noSymptom++;
    if ((i + 1) % 20 === 0) log(`  machine episodes ${i + 1}/${nM}`);
  }
  return { line, machine, noSymptom };
}

const seriesOf = (e: Episode) => (id: string) => e.bins.get(id) ?? null;

function analyse(e: Episode, model: RcaModel): RcaResult {
  if (e.symptom.kind === 'machine') throw new Error('analyse: a machine episode');
  return rootCause(graph, { symptom: e.symptom, atS: e.atS, series: seriesOf(e), historyStartS: 0 }, undefined, model);
}

/**
 * Steady-state slopes of each propagation edge: normal runs where one setpoint at a time steps and
 * is held 3 h; the settled last hour of each hold gives one level per variable, and the slopes are
 * the least-squares gains of the child's level changes on its parents' (no intercept is needed:
 * differences remove each line's own operating point).
 */
function fitSlopes(seeds: number[]): Record<string, number> {
  const edges = graph.snapshot.edges.filter((x) => x.kind === 'CAUSES' && x.from.startsWith('variable:Line_A.') && x.to.startsWith('variable:Line_A.') && Number(x.props['sign']) !== 0);
  const children = [...new Set(edges.map((x) => x.to))];
  const name = (id: string) => String(graph.node(id)!.props['name']);
  const HOLD_S = 3 * 3600;
  const STEPS: readonly [string, number][] = [['furnace_temp', 25], ['belt_speed', 12], ['mold_temp', 25], ['forming_pressure', 6], ['furnace_temp', -50], ['belt_speed', -24], ['mold_temp', -50], ['forming_pressure', -12]];
  const ys = new Map<string, number[]>();
  const xs = new Map<string, number[][]>();
  for (const line of plant.lines.map((l) => l.id)) {
    for (const seed of seeds) {
      const totalS = (STEPS.length + 1) * HOLD_S;
      const targets = new Map(full.setpoints().filter((x) => x.asset === line).map((x) => [x.name, x.target]));
      const actions = STEPS.map(([sp, d], i) => {
        targets.set(sp, targets.get(sp)! + d);
        return { kind: 'setpoint', atS: (i + 1) * HOLD_S, setpoint: `${line}.${sp}`, value: targets.get(sp)! } as Scenario['actions'][number];
      });
      const engine = createEngine({ ...subScenario(plant, new Set([line])), faults: [], actions, seed, durationS: totalS });
      const rec = new EngineRecording(engine, totalS, BIN_S);
      engine.runUntil(totalS);
      const bins = rec.bins();
      /** The variable's settled level in each hold (mean of its same-sign primary sensors over the hold's last hour). */
      const levels = (variable: string): number[] => {
        const ms = graph.sensorsOf(variable.replace('Line_A', line)).filter((m) => m.sign === 1);
        return Array.from({ length: STEPS.length + 1 }, (_, h) => {
          const to = ((h + 1) * HOLD_S) / BIN_S;
          const v = ms.map((m) => meanStd(bins.get(m.sensor)!.values, to - 3600 / BIN_S, to).mean).filter(Number.isFinite);
          return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
        });
      };
      const diffs = (l: number[]) => l.slice(1).map((v, i) => v - l[i]!);
      for (const child of children) {
        const parents = edges.filter((x) => x.to === child).map((x) => x.from);
        const key = `${name(child)}<-${parents.map(name).join(',')}`;
        ys.set(key, [...(ys.get(key) ?? []), ...diffs(levels(child))]);
        const cols = parents.map((p) => diffs(levels(p)));
        const prev = xs.get(key) ?? parents.map(() => []);
        xs.set(key, prev.map((c, j) => [...c, ...cols[j]!]));
      }
      engine.dispose();
    }
  }
  const slopes: Record<string, number> = {};
  for (const [key, y] of ys) {
    const [child, parents] = key.split('<-') as [string, string];
    const b = leastSquares(y, xs.get(key)!);
    parents.split(',').forEach((p, j) => (slopes[`${p}->${child}`] = Number(b[j]!.toPrecision(4))));
  }
  return slopes;
}

function featureCase(r: RcaResult, truth: string): LogitCase | null {
  const idx = r.causes.findIndex((c) => c.rootCauseId === truth);
  if (idx < 0) return null;
  return { features: r.causes.map((c) => FEATURES.map((k) => c.evidence.features[k] ?? 0)), truth: idx };
}

function machineSims(e: Episode, model: RcaModel): { sims: number[]; ids: string[]; confidences: number[] } {
  const res = diagnoseMachine(graph, { asset: e.asset, atS: e.atS, series: seriesOf(e) }, undefined, model);
  return { sims: res.map((r) => r.similarity), ids: res.map((r) => r.failureModeId), confidences: res.map((r) => r.confidence) };
}

let model: RcaModel = RCA_MODEL;
if (fit) {
  log('fit: propagation slopes on normal runs with setpoint steps (seeds 1, 2)');
  const slopes = fitSlopes([1, 2]);
  log(`  ${JSON.stringify(slopes)}`);
  log(`fit: ${nFit} line and ${Math.round(nFit / 4)} machine episodes, seeds 1..`);
  const train = episodes(1, nFit, Math.round(nFit / 4), [1, 2, 3]);
  const withSlopes: RcaModel = { ...model, slopes };
  const cases = train.line.map((e) => featureCase(analyse(e, withSlopes), e.truth)).filter((c): c is LogitCase => c !== null);
  const weights = fitConditionalLogit(cases, FEATURES.length).map((w) => Number(w.toPrecision(5)));
  const tcases: TemperatureCase[] = train.machine
    .map((e) => {
      const s = machineSims(e, withSlopes);
      return { similarities: s.sims, truth: s.ids.indexOf(e.truth) };
    })
    .filter((c) => c.truth >= 0);
  model = { weights, machineTemperature: fitTemperature(tcases), slopes, fittedOn: { seeds: [1, nFit], cases: cases.length, machineCases: tcases.length } };
  writeFileSync(new URL('../knowledge/rca-model.json', import.meta.url), `${JSON.stringify(model, null, 2)}\n`);
  log(`fit: weights ${JSON.stringify(Object.fromEntries(FEATURES.map((k, i) => [k, weights[i]])))}, machine temperature ${model.machineTemperature}; written to knowledge/rca-model.json`);
}

if (fit) {
  log(`validation: ${nValidation} line episodes from seed ${VALIDATION_SEED0} (misses shown; the design is judged here, not on the report seeds)`);
  const val = episodes(VALIDATION_SEED0, nValidation, 0, [4, 5]);
  let hits = 0;
  for (const e of val.line) {
    const r = analyse(e, model);
    if (r.causes[0]!.rootCauseId === e.truth) hits++;
    else log(`  validation miss ${e.kind} seed ${e.seed}: ${e.description} → ${JSON.stringify(e.symptom)} at ${e.atS}; truth ${e.truth}, got ${r.causes.slice(0, 3).map((c) => `${c.rootCauseId} ${c.confidence.toFixed(2)} ${JSON.stringify(c.evidence.features)}`).join(' | ')}`);
  }
  log(`validation top-1 ${(hits / Math.max(1, val.line.length)).toFixed(3)} of ${val.line.length}`);
}
checkModel(model);
log(`evaluate: ${nLine} line and ${nMachine} machine episodes from seed ${TEST_SEED0}`);
const test = episodes(TEST_SEED0, nLine, nMachine, [11, 12, 13]);
const hits1: number[] = [];
const hits3: number[] = [];
const nsigma: number[] = [];
const prior: number[] = [];
const conf: { p: number; hit: number }[] = [];
const times: number[] = [];
const byKind = new Map<string, number[]>();
for (const e of test.line) {
  const t0 = performance.now();
  const r = analyse(e, model);
  times.push(performance.now() - t0);
  const rank = r.causes.findIndex((c) => c.rootCauseId === e.truth);
  const hit = rank === 0 ? 1 : 0;
  hits1.push(hit);
  hits3.push(rank >= 0 && rank < 3 ? 1 : 0);
  conf.push({ p: r.causes[0]!.confidence, hit });
  (byKind.get(e.kind) ?? byKind.set(e.kind, []).get(e.kind)!).push(hit);
  // Baselines on the same candidates: largest deviation of any of its sensors, and the prior alone.
  const real = r.causes.filter((c) => c.kind !== 'none');
  const loudest = [...real].sort((a, b) => Math.max(0, ...b.evidence.sensors.map((s) => Math.abs(s.sigma))) - Math.max(0, ...a.evidence.sensors.map((s) => Math.abs(s.sigma))))[0];
  nsigma.push(loudest?.rootCauseId === e.truth ? 1 : 0);
  const likeliest = [...real].sort((a, b) => b.evidence.prior - a.evidence.prior || a.rootCauseId.localeCompare(b.rootCauseId))[0];
  prior.push(likeliest?.rootCauseId === e.truth ? 1 : 0);
  if (!hit && process.env.KNOWLEDGE_SHOW_MISSES === '1') log(`  miss ${e.kind} seed ${e.seed}: ${e.description} → symptom ${JSON.stringify(e.symptom)} at ${e.atS}; truth ${e.truth}, got ${r.causes.slice(0, 3).map((c) => `${c.rootCauseId} ${c.confidence.toFixed(2)}`).join(', ')}`);
}
const machineHits = test.machine.map((e) => (machineSims(e, model).ids[0] === e.truth ? 1 : 0));
for (const e of test.machine) {
  const s = machineSims(e, model);
  conf.push({ p: s.confidences[0]!, hit: s.ids[0] === e.truth ? 1 : 0 });
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const r3 = (x: number) => Number(x.toFixed(3));
/** Percentile bootstrap 95 % interval of a mean (1000 resamples, a fixed generator). */
function bootstrap(xs: readonly number[]): [number, number] {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const means: number[] = [];
  for (let b = 0; b < 1000; b++) {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) sum += xs[Math.floor(next() * xs.length)]!;
    means.push(sum / xs.length);
  }
  means.sort((a, b) => a - b);
  return [r3(means[25]!), r3(means[974]!)];
}
function ece(items: readonly { p: number; hit: number }[]): number {
  let total = 0;
  for (let b = 0; b < 10; b++) {
    const inBin = items.filter((x) => Math.min(9, Math.floor(x.p * 10)) === b);
    if (inBin.length) total += (inBin.length / items.length) * Math.abs(mean(inBin.map((x) => x.p)) - mean(inBin.map((x) => x.hit)));
  }
  return r3(total);
}
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    rca_top1: r3(mean(hits1)),
    rca_top1_ci: bootstrap(hits1),
    rca_top3: r3(mean(hits3)),
    rca_top3_ci: bootstrap(hits3),
    rca_top1_by_kind: Object.fromEntries([...byKind].map(([k, v]) => [k, { top1: r3(mean(v)), n: v.length }])),
    rca_top1_machines: r3(mean(machineHits)),
    rca_top1_machines_ci: bootstrap(machineHits),
    ece: ece(conf),
    rca_p95_ms: Number((times[Math.floor(0.95 * (times.length - 1))] ?? NaN).toFixed(2)),
    baseline_nsigma_top1: r3(mean(nsigma)),
    baseline_prior_top1: r3(mean(prior)),
    n_cases: test.line.length,
    n_machine_cases: test.machine.length,
    n_no_symptom: test.noSymptom,
    model_fitted_on: model.fittedOn,
  }),
);
