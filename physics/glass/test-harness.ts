/**
 * A minimal stand-in for the engine, for the glass-line tests: a seeded Rng, a recording EventSink,
 * and a loop that steps one line with fixed setpoint values (no actuator lag). Test support only.
 */
import type { AssetModel, DefectCause, DefectType, EventSink, Rng, StepContext } from '../model.ts';

/** mulberry32 uniforms and Box-Muller normals: small, seeded, good enough for tests. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()),
  };
}

export interface RecordedDefect {
  readonly unitId: number;
  readonly type: DefectType;
  readonly severity: number;
  readonly causes: readonly DefectCause[];
}

/** An EventSink that keeps what it is told. */
export function recordingSink() {
  const units: number[] = [];
  const defects: RecordedDefect[] = [];
  const faults: { fault: string; detail?: Readonly<Record<string, number | string>> }[] = [];
  const maintenance: string[] = [];
  const sink: EventSink = {
    unitProduced: (_asset, unitId) => void units.push(unitId),
    defect: (d) => void defects.push({ unitId: d.unitId, type: d.type, severity: d.severity, causes: d.causes }),
    faultOnset: (_asset, fault, detail) => void faults.push(detail ? { fault, detail } : { fault }),
    failure: () => undefined,
    maintenance: (_asset, kind) => void maintenance.push(kind),
  };
  return { sink, units, defects, faults, maintenance };
}

/** One line on its own state array, with setpoint values the test can set by name. */
export function lineRig(model: AssetModel, seed = 1) {
  const s = new Float64Array(model.stateSize + 3);
  const off = 3; // a non-zero offset, as in the engine's shared array
  const sp = new Float64Array(model.setpoints.length + 2);
  const spOff = 2;
  model.setpoints.forEach((x, i) => (sp[spOff + i] = x.initial));
  const rng = seededRng(seed);
  const rec = recordingSink();
  model.init(s, off, rng, { ambientC: 20 });
  let tS = 0;
  const setSp = (name: string, value: number): void => {
    const i = model.setpoints.findIndex((x) => x.name === name);
    if (i < 0) throw new Error(`no setpoint ${name}`);
    sp[spOff + i] = value;
  };
  const sensor = (name: string): number => {
    const i = model.sensors.findIndex((x) => x.name === name);
    if (i < 0) throw new Error(`no sensor ${name}`);
    return model.read(s, off, i);
  };
  const run = (hours: number, opts: { dtS?: number; ambientC?: number; rawMaterialDev?: number } = {}): void => {
    const dtS = opts.dtS ?? 1;
    const steps = Math.round((hours * 3600) / dtS);
    for (let i = 0; i < steps; i++) {
      const ctx: StepContext = { tS, dtS, ambientC: opts.ambientC ?? 25, rawMaterialDev: opts.rawMaterialDev ?? 0 };
      model.step(s, off, sp, spOff, ctx, rng, rec.sink);
      tS += dtS;
    }
  };
  /** Forgets the events recorded so far (e.g. after a warm-up). */
  const clear = (): void => {
    rec.units.length = 0;
    rec.defects.length = 0;
  };
  /** Fraction of units since the last clear() with at least one defect of `type` (any type if omitted). */
  const rate = (type?: DefectType): number => {
    const hit = new Set(rec.defects.filter((d) => !type || d.type === type).map((d) => d.unitId));
    return rec.units.length ? hit.size / rec.units.length : NaN;
  };
  return { model, s, off, sp, spOff, rng, rec, setSp, sensor, run, clear, rate };
}
