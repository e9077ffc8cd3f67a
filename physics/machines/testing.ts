/**
 * Test and benchmark helpers: a small seeded Rng, an event recorder and a one-machine rig that plays
 * the engine's part (allocates the state, holds setpoints, steps with a fixed ambient).
 */
import type { AssetModel, AssetTruth, EventSink, Rng, StepContext } from '../model.ts';
import { createMachine } from './machine.ts';
import type { MachineSpec, MachineType } from './machine-spec.ts';
import { builtinProfiles } from './profile.ts';

/** mulberry32 uniforms, Box-Muller normals. Deterministic per seed. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { uniform, normal: () => Math.sqrt(-2 * Math.log1p(-uniform())) * Math.cos(2 * Math.PI * uniform()) };
}

export type RecordedEvent =
  | { kind: 'faultOnset'; asset: string; fault: string; detail?: Readonly<Record<string, number | string>> }
  | { kind: 'failure'; asset: string; mode: string }
  | { kind: 'maintenance'; asset: string; type: string };

/** An EventSink that keeps machine events in order (units and defects do not occur for machines). */
export function recordingSink(): EventSink & { readonly events: RecordedEvent[] } {
  const events: RecordedEvent[] = [];
  return {
    events,
    unitProduced: () => undefined,
    defect: () => undefined,
    faultOnset: (asset, fault, detail) => void events.push({ kind: 'faultOnset', asset, fault, ...(detail ? { detail } : {}) }),
    failure: (asset, mode) => void events.push({ kind: 'failure', asset, mode }),
    maintenance: (asset, type) => void events.push({ kind: 'maintenance', asset, type }),
  };
}

/** One machine stepped by hand. Setpoints are applied directly (no actuator lag: that is the engine's). */
export class Rig {
  readonly model: AssetModel;
  readonly s: Float64Array;
  readonly sp: Float64Array;
  readonly rng: Rng;
  readonly sink = recordingSink();
  tS = 0;
  /** The ambient of each step; the machine starts in equilibrium with it. */
  ambientC: number;

  constructor(type: MachineType, opts: { seed?: number; loadPct?: number; speedPct?: number; ageH?: number; off?: number; ambientC?: number } = {}) {
    this.ambientC = opts.ambientC ?? 25;
    const spec: MachineSpec = {
      id: `${type}_001`,
      profile: type,
      initial: { load: opts.loadPct ?? 80, speed: opts.speedPct ?? 100 },
      ageH: opts.ageH ?? 0,
    };
    this.model = createMachine(spec, builtinProfiles().get(type)!);
    this.off = opts.off ?? 0;
    this.s = new Float64Array(this.off + this.model.stateSize);
    this.sp = Float64Array.from(this.model.setpoints.map((p) => p.initial));
    this.rng = seededRng(opts.seed ?? 1);
    this.model.init(this.s, this.off, this.rng, { ambientC: this.ambientC });
  }

  readonly off: number;

  set(loadPct: number, speedPct = this.sp[1]!): this {
    this.sp[0] = loadPct;
    this.sp[1] = speedPct;
    return this;
  }

  step(dtS = 1, n = 1): this {
    for (let i = 0; i < n; i++) {
      const ctx: StepContext = { tS: this.tS, dtS, ambientC: this.ambientC, rawMaterialDev: 0 };
      this.model.step(this.s, this.off, this.sp, 0, ctx, this.rng, this.sink);
      this.tS += dtS;
    }
    return this;
  }

  read(name: string): number {
    const k = this.model.sensors.findIndex((c) => c.name === name);
    if (k < 0) throw new Error(`no sensor ${name} on ${this.model.asset}`);
    return this.model.read(this.s, this.off, k);
  }

  values(): Record<string, number> {
    return Object.fromEntries(this.model.sensors.map((c, k) => [c.name, this.model.read(this.s, this.off, k)]));
  }

  truth(): AssetTruth {
    return this.model.truth(this.s, this.off);
  }

  inject(type: string, params: Record<string, number> = {}): this {
    this.model.injectFault(this.s, this.off, { type, params }, this.rng, this.sink);
    return this;
  }

  maintain(): this {
    this.model.maintain(this.s, this.off, this.rng, this.sink);
    return this;
  }

  /** Steps until the machine fails or `maxSteps` pass; returns the steps taken. */
  runToFailure(dtS: number, maxSteps: number, each?: (rig: this) => void): number {
    for (let i = 1; i <= maxSteps; i++) {
      this.step(dtS);
      each?.(this);
      if (this.sink.events.some((e) => e.kind === 'failure')) return i;
    }
    return maxSteps;
  }
}
