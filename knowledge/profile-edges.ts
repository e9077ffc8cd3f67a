/**
 * Failure mode → sensor edges derived from a machine profile's compiled equations, never retyped:
 * the profile's `outputs` program is run at a steady operating point with every mode at level 0,
 * then with one mode at `PROBE_LEVEL`, and each sensor that moves by more than `MIN_NOISE_MULTIPLES`
 * of its noise gets an edge with the sign and size of the move. The size, in noise σ, is the
 * failure mode's signature: what the machine diagnosis (knowledge/machine-diagnosis.ts) compares
 * the live deviations against.
 */
import { M, W } from '../physics/machines/profile-compile.ts';
import type { MachineProfile } from '../physics/machines/profile.ts';

/** Half-way to failure: wear is well developed but the machine runs (level 1 is the failure criterion). */
export const PROBE_LEVEL = 0.5;
/** A move smaller than this many noise σ of the sensor is no edge (the profile says it barely shows). */
export const MIN_NOISE_MULTIPLES = 3;

/** The operating point the signatures are taken at: running at rated speed, 80 % load, 25 °C. */
export const PROBE_POINT = { load: 0.8, speed: 1, ambientC: 25 } as const;

export interface ModeEffect {
  /** The sensor's name in the profile (`vibration_rms_mm_s`). */
  readonly sensor: string;
  readonly sign: 1 | -1;
  /** The move at PROBE_LEVEL in the sensor's noise σ (its unit when the profile gives no noise). */
  readonly sigmas: number;
  /** The move in the sensor's unit. */
  readonly delta: number;
}

export interface ModeSignature {
  readonly mode: string;
  readonly description: string;
  readonly effects: readonly ModeEffect[];
}

/** Sensor values of the profile at the probe point with the given mode levels. */
function sensorValues(p: MachineProfile, levels: ReadonlyMap<string, number>): Map<string, number> {
  const c = p.compiled;
  const s = new Float64Array(c.stateSize);
  s[W.load] = PROBE_POINT.load;
  s[W.speed] = PROBE_POINT.speed;
  s[W.running] = 1;
  s[W.ambientC] = PROBE_POINT.ambientC;
  s[W.demand] = PROBE_POINT.load;
  // A step far longer than any time constant: every lagged state sits at its target.
  s[W.dtS] = 1e9;
  for (const m of c.modes) s[m.at + M.level] = levels.get(m.name) ?? 0;
  // States feed the internal quantities of the next pass: three passes settle chains of them.
  for (let pass = 0; pass < 3; pass++) c.outputs(s, 0);
  return new Map(p.sensors.map((d) => [d.name, s[c.slots.get(d.name)!]!]));
}

/** The signature of every failure mode of a profile, effects sorted by size (largest first). */
export function modeSignatures(p: MachineProfile): ModeSignature[] {
  const base = sensorValues(p, new Map());
  return p.compiled.modes.map((m) => {
    const worn = sensorValues(p, new Map([[m.name, PROBE_LEVEL]]));
    const effects: ModeEffect[] = [];
    for (const d of p.sensors) {
      const delta = worn.get(d.name)! - base.get(d.name)!;
      const noise = d.noise?.std && d.noise.std > 0 ? d.noise.std : 1;
      const sigmas = Math.abs(delta) / noise;
      if (!Number.isFinite(delta) || sigmas < MIN_NOISE_MULTIPLES) continue;
      effects.push({ sensor: d.name, sign: delta > 0 ? 1 : -1, sigmas, delta });
    }
    effects.sort((a, b) => b.sigmas - a.sigmas || a.sensor.localeCompare(b.sensor));
    return { mode: m.name, description: m.doc.description ?? m.name, effects };
  });
}
