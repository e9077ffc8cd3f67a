/**
 * A roofline for the reference plant's tick: how long the tick must take at least on this machine,
 * from the work the fused loop cannot avoid (its transcendental calls and random draws) and the bytes
 * of state it must touch, each priced by a micro-benchmark here.
 *
 * Counts are per tick, averaged over a run of the fused loop (fused-plant.ts): per line, one exp per
 * furnace zone, the forehearth and mould exps, the wall law's exp, log and sqrt and the pressure
 * swing's sqrt, one normal draw; per produced unit, 15 exps (8 hazard terms, 7 type probabilities) and
 * 8 uniform + 1 normal draws; per machine, the generated programs' calls (static counts: both arms of a
 * conditional are counted, a bound from above), one expm1 or pow per failure mode past its onset;
 * per sample, one normal per noise and per drift stage, one uniform per spike and per dropout stage;
 * the environment's sin and normal. Bytes: the whole model state read and written, the setpoints read,
 * 16 B of random state read and written per draw, and per sample its parameter line (64 B), true value,
 * value, flags, status, alert words, drift, and its place in the sample list.
 *
 * Compute and memory traffic can overlap, so the bound is max(compute, memory), not their sum.
 */
import { FEATURE, type PlantLayout } from '../../engine/layout.ts';
import { createRng } from '../../engine/rng.ts';
import { FUSED_MACHINE_TYPES } from './fused-plant-machines.ts';
import type { FusedPlant } from './fused-plant.ts';

export type Op = 'exp' | 'expm1' | 'log' | 'pow' | 'sqrt' | 'sin' | 'atan' | 'normal' | 'uniform';
export const OPS: readonly Op[] = ['exp', 'expm1', 'log', 'pow', 'sqrt', 'sin', 'atan', 'normal', 'uniform'];

export interface TickCensus {
  readonly ops: Readonly<Record<Op, number>>;
  readonly bytes: number;
}

/** Per-tick counts for the plant `fused` has run (`ticks` of them, from t = 0, so its unit count is the run's). */
export function tickCensus(fused: FusedPlant, layout: PlantLayout): TickCensus {
  const ticks = fused.tick;
  if (!(ticks > 0)) throw new Error('tickCensus: run the fused plant first (tick is 0)');
  const ops: Record<Op, number> = { exp: 0, expm1: 0, log: 0, pow: 0, sqrt: 0, sin: 1, atan: 0, normal: 1, uniform: 0 };
  let units = 0;
  for (const line of fused.lines) {
    ops.exp += line.n + 3;
    ops.log += 1;
    ops.sqrt += 2;
    ops.normal += 1;
    units += fused.unitsProduced[line.stream]! / ticks;
  }
  ops.exp += 15 * units;
  ops.uniform += 8 * units;
  ops.normal += units;
  const s = fused.st.model;
  for (const m of fused.machines) {
    const t = FUSED_MACHINE_TYPES[m.type]!;
    const running = s[m.off + 2] === 1;
    for (const [name, n] of Object.entries(t.ops.outputs)) add(ops, name, n);
    if (running) for (const [name, n] of Object.entries(t.ops.rates)) add(ops, name, n);
    for (const mode of t.modes) {
      const b = m.off + mode.at;
      if (s[b]! > s[b + 1]! && s[b]! < s[b + 2]!) ops[mode.exponential ? 'expm1' : 'pow'] += 1; // past onset, not failed
    }
  }
  // Samples per tick: periodic groups at their rates, per-unit sensors once per unit of their line.
  let samples = 0;
  let driftSamples = 0;
  const perSample = (k: number, rate: number) => {
    const f = layout.sensorFeatures[k]!;
    samples += rate;
    if (f & FEATURE.noise) ops.normal += rate;
    if (f & FEATURE.drift) {
      ops.normal += rate;
      driftSamples += rate;
    }
    if (f & FEATURE.spike) ops.uniform += rate;
    if (f & FEATURE.dropout) ops.uniform += rate;
  };
  for (const g of layout.periodGroups) for (const k of g.sensors) perSample(k, 1 / g.periodTicks);
  fused.lines.forEach((line) => {
    for (const k of layout.perUnit[line.stream]!) perSample(k, fused.unitsProduced[line.stream]! / ticks);
  });
  const draws = ops.normal + ops.uniform;
  const bytes =
    2 * 8 * layout.stateSize + // model state, read and written
    2 * 8 * layout.setpoints.length + // actual and target, compared
    32 * draws + // 4 words of xoshiro state loaded and stored per draw
    samples * (64 + 8 + 8 + 2 + 1 + 2 + 8) + // params line, true value, value, flags r/w, status, alert level + ok run, list
    driftSamples * 24; // drift r/w and the drift step on the block's second line
  return { ops, bytes };
}

function add(ops: Record<Op, number>, name: string, n: number): void {
  if (n === 0) return;
  if (!(OPS as readonly string[]).includes(name)) throw new Error(`tickCensus: no price for ${name}`);
  ops[name as Op] += n;
}

export interface MachineCosts {
  /** ns per call of each op, throughput in a loop over varied arguments, loop overhead subtracted. */
  readonly nsPerCall: Readonly<Record<Op, number>>;
  /** Read bandwidth of a Float64Array sweep, GB/s: one the size of the plant's working set (cache), one of 64 MB (DRAM). */
  readonly cacheGBps: number;
  readonly dramGBps: number;
}

const N_ARGS = 4096;

/**
 * Best of `reps` timings of `fn`, ns per iteration of its `iters`. Many short repetitions (about a
 * millisecond each): on a shared machine the shortest is the one no other process interrupted.
 */
function bestNs(fn: () => number, iters: number, reps = 40): number {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    sink += fn();
    best = Math.min(best, performance.now() - t0);
  }
  if (sink === 12345.678) process.stderr.write('');
  return (best * 1e6) / iters;
}

/** Measures what each op and each byte costs on this machine (about two seconds). */
export function measureCosts(workingSetBytes: number): MachineCosts {
  const args = new Float64Array(N_ARGS);
  const rng = createRng(7, 'roofline');
  for (let i = 0; i < N_ARGS; i++) args[i] = 0.5 + 2 * rng.uniform(); // 0.5..2.5: ordinary magnitudes
  const loops = 20;
  const iters = loops * N_ARGS;
  // One loop per op, each written out: a shared higher-order loop would make the call site
  // megamorphic and box every double, pricing the call rather than the function.
  const a = args;
  const base = bestNs(() => {
    let acc = 0;
    for (let l = 0; l < loops; l++) for (let i = 0; i < N_ARGS; i++) acc += a[i]! * 1.000001;
    return acc;
  }, iters);
  const raw: Record<Op, number> = {
    exp: bestNs(() => {
      let acc = 0;
      for (let l = 0; l < loops; l++) for (let i = 0; i < N_ARGS; i++) acc += Math.exp(-a[i]!);
      return acc;
    }, iters),
    expm1: bestNs(() => {
      let acc = 0;
      for (let l = 0; l < loops; l++) for (let i = 0; i < N_ARGS; i++) acc += Math.expm1(a[i]! * 0.01);
      return acc;
    }, iters),
    log: bestNs(() => {
      let acc = 0;
      for (let l = 0; l < loops; l++) for (let i = 0; i < N_ARGS; i++) acc += Math.log(a[i]!);
      return acc;
    }, iters),
    pow: bestNs(() => {
      let acc = 0;
      for (let l = 0; l < loops; l++) for (let i = 0; i < N_ARGS; i++) acc += Math.pow(a[i]!, 1.37);
      return acc;
    }, iters),
    sqrt: bestNs(() => {
      let acc = 0;
      for (let l = 0; l < loops; l++) for (let i = 0; i < N_ARGS; i++) acc += Math.sqrt(a[i]!);
      return acc;
    }, iters),
    sin: bestNs(() => {
      let acc = 0;
      for (let l = 0; l < loops; l++) for (let i = 0; i < N_ARGS; i++) acc += Math.sin(a[i]! * 1000);
      return acc;
    }, iters),
    atan: bestNs(() => {
      let acc = 0;
      for (let l = 0; l < loops; l++) for (let i = 0; i < N_ARGS; i++) acc += Math.atan(a[i]!);
      return acc;
    }, iters),
    normal: bestNs(() => {
      let acc = 0;
      for (let l = 0; l < loops; l++) for (let i = 0; i < N_ARGS; i++) acc += a[i]! * 1.000001 + rng.normal();
      return acc;
    }, iters),
    uniform: bestNs(() => {
      let acc = 0;
      for (let l = 0; l < loops; l++) for (let i = 0; i < N_ARGS; i++) acc += a[i]! * 1.000001 + rng.uniform();
      return acc;
    }, iters),
  };
  const nsPerCall = Object.fromEntries(OPS.map((op) => [op, Math.max(0, raw[op] - base)])) as Record<Op, number>;
  return { nsPerCall, cacheGBps: sweepGBps(Math.max(4096, workingSetBytes), 4 << 20, 40), dramGBps: sweepGBps(64 << 20, 64 << 20, 8) };
}

/** Read bandwidth summing a Float64Array of `bytes`, swept until `total` bytes have been read. */
function sweepGBps(bytes: number, total: number, reps: number): number {
  const a = new Float64Array(Math.ceil(bytes / 8)).fill(1);
  const sweeps = Math.max(1, Math.round(total / (a.length * 8)));
  const n4 = a.length & ~3;
  // Four accumulators, so the sweep waits on loads rather than on one chain of dependent adds.
  const ns = bestNs(() => {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let r = 0; r < sweeps; r++) {
      for (let i = 0; i < n4; i += 4) {
        a0 += a[i]!;
        a1 += a[i + 1]!;
        a2 += a[i + 2]!;
        a3 += a[i + 3]!;
      }
    }
    return a0 + a1 + a2 + a3;
  }, sweeps * n4, reps);
  return 8 / ns; // bytes per ns = GB/s
}

export interface Roofline {
  readonly computeNsPerTick: number;
  readonly memoryNsPerTick: number;
  /** max(compute, memory): the least time a tick can take here. */
  readonly minNsPerTick: number;
  /** Simulated seconds per wall second at that bound. */
  readonly speedup: number;
}

export function roofline(census: TickCensus, costs: MachineCosts, stepS: number): Roofline {
  let compute = 0;
  for (const op of OPS) compute += census.ops[op] * costs.nsPerCall[op];
  const memory = census.bytes / costs.cacheGBps;
  const min = Math.max(compute, memory);
  return { computeNsPerTick: compute, memoryNsPerTick: memory, minNsPerTick: min, speedup: (stepS * 1e9) / min };
}
