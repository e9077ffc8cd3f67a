/**
 * Cutting windows out of recorded simulator runs: which assets share a feature layout, and the
 * sensor history of one asset over the W samples ending at a given sample.
 */
import type { SimRun } from './sim-record.ts';

/**
 * Assets of one kind: a machine profile name ("pump", "cnc") or "line". Assets of a kind share their
 * sensor names, so their windows can be stacked into one set.
 */
export function assetsOfKind(run: SimRun, kind: string): { asset: string; assetIndex: number; sensorCols: number[]; names: string[] }[] {
  const out: { asset: string; assetIndex: number; sensorCols: number[]; names: string[] }[] = [];
  run.assets.forEach((asset, assetIndex) => {
    const isKind = kind === 'line' ? !run.machineType.has(asset) : run.machineType.get(asset) === kind;
    if (!isKind) return;
    const sensorCols: number[] = [];
    run.sensors.forEach((s, j) => { if (s.asset === asset) sensorCols.push(j); });
    out.push({ asset, assetIndex, sensorCols, names: sensorCols.map((j) => run.sensors[j]!.name) });
  });
  const first = out[0];
  // Lines of different designs (container vs float, zone counts) have other sensors: keep the first design.
  return first ? out.filter((a) => a.names.join() === first.names.join()) : out;
}

/** Machine kinds present in a run (profile names), sorted. */
export function machineKinds(run: SimRun): string[] {
  return [...new Set(run.machineType.values())].sort();
}

/** Writes the window of `cols` over samples (end − W, end] into `x` at `offset`. */
export function writeWindow(run: SimRun, cols: readonly number[], end: number, w: number, x: Float32Array, offset: number): void {
  const k = run.sensors.length;
  for (let s = 0; s < w; s++) {
    const row = (end - w + 1 + s) * k;
    for (let j = 0; j < cols.length; j++) x[offset + s * cols.length + j] = run.values[row + cols[j]!]!;
  }
}

/** Sorted event times (seconds) of events matching `keep`. */
export function eventTimes(run: SimRun, keep: (e: SimRun['events'][number]) => boolean): Float64Array {
  return Float64Array.from(run.events.filter(keep).map((e) => e.tS)).sort();
}

/** Whether any of the sorted `times` lies in (from, to]. */
export function anyIn(times: Float64Array, from: number, to: number): boolean {
  let lo = 0, hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! > from) hi = mid;
    else lo = mid + 1;
  }
  return lo < times.length && times[lo]! <= to;
}

/** A growable list of windows of fixed shape, turned into typed arrays at the end. */
export class WindowCollector {
  private readonly xs: Float32Array[] = [];
  private readonly ys: number[][] = [];
  private readonly groups: number[] = [];
  private readonly times: number[] = [];

  constructor(private readonly rowSize: number) {}

  /** Adds one window; `fill` writes its inputs into the given buffer. */
  add(fill: (x: Float32Array) => void, y: number[], group: number, timeMs: number): void {
    const x = new Float32Array(this.rowSize);
    fill(x);
    this.xs.push(x);
    this.ys.push(y);
    this.groups.push(group);
    this.times.push(timeMs);
  }

  get n(): number {
    return this.xs.length;
  }

  /** The collected windows as the arrays of a WindowSet. */
  build(): { x: Float32Array; y: Float32Array; group: Int32Array; time: Float64Array } {
    const x = new Float32Array(this.n * this.rowSize);
    this.xs.forEach((row, i) => x.set(row, i * this.rowSize));
    return { x, y: Float32Array.from(this.ys.flat()), group: Int32Array.from(this.groups), time: Float64Array.from(this.times) };
  }
}
