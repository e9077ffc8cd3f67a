import type { Bounds, SensorChannel } from '../../physics/model.ts';
import { badField } from './alert-errors.ts';
import type { AlertSettings, ThresholdOverride } from './alert-settings-schema.ts';

/** Limits per sensor as flat arrays (±Infinity when unbounded): lo/hi per level 0 warning, 1 error, 2 critical. */
export interface EffectiveLimits {
  readonly lo: readonly [Float64Array, Float64Array, Float64Array];
  readonly hi: readonly [Float64Array, Float64Array, Float64Array];
  /** How far back inside the warning band a value must be to count towards clearing. */
  readonly deadband: Float64Array;
}

const LEVELS = ['warning', 'error', 'critical'] as const;
/** The default deadband covers this many noise standard deviations (plus one quantisation step). */
export const NOISE_SIGMAS = 3;
const lo = (b: Bounds) => b[0] ?? -Infinity;
const hi = (b: Bounds) => b[1] ?? Infinity;

/**
 * The profile limits with the settings' overrides applied (per-parameter first, then per-sensor, so
 * the more specific wins). Throws AlertError naming the override field that breaks the nesting
 * warning ⊆ error ⊆ critical.
 */
export function effectiveLimits(sensors: readonly SensorChannel[], settings: AlertSettings): EffectiveLimits {
  const n = sensors.length;
  const f = () => new Float64Array(n);
  const out: EffectiveLimits = { lo: [f(), f(), f()], hi: [f(), f(), f()], deadband: f() };
  const byParam = settings.thresholds.map((o, i) => [o, i] as const).filter(([o]) => o.parameter !== undefined);
  const bySensor = new Map(settings.thresholds.map((o, i) => [o.sensor, [o, i] as const] as const).filter(([id]) => id !== undefined));
  sensors.forEach((c, k) => {
    LEVELS.forEach((level, l) => {
      out.lo[l]![k] = lo(c.limits[level]);
      out.hi[l]![k] = hi(c.limits[level]);
    });
    let deadband: number | undefined;
    let source: number | undefined;
    const apply = (o: ThresholdOverride, i: number) => {
      LEVELS.forEach((level, l) => {
        const low = o[`${level}Low`];
        const high = o[`${level}High`];
        if (low !== undefined) out.lo[l]![k] = low ?? -Infinity;
        if (high !== undefined) out.hi[l]![k] = high ?? Infinity;
      });
      if (o.deadband !== undefined) deadband = o.deadband;
      source = i;
    };
    for (const [o, i] of byParam) if (matchesParameter(o, c)) apply(o, i);
    const own = bySensor.get(c.id);
    if (own) apply(own[0], own[1]);
    if (source !== undefined) checkNesting(out, k, c.id, source);
    const span = out.hi[0]![k]! - out.lo[0]![k]!;
    // One-sided bands have no span: take the fraction of the limit's magnitude instead.
    const scale = Number.isFinite(span) ? span : Math.abs(Number.isFinite(out.hi[0]![k]!) ? out.hi[0]![k]! : out.lo[0]![k]!);
    // Never narrower than the sensor's own noise: a value sitting on a limit with noise σ crosses a
    // deadband under ~3σ every few samples, and the alert chatters (cleared and re-opened dozens of
    // times an hour; ISA-18.2 asks for a deadband wider than the signal's noise band).
    const noiseBand = NOISE_SIGMAS * c.noise.std + (c.noise.quantum ?? 0);
    out.deadband[k] = deadband ?? Math.max(settings.hysteresis.deadbandFraction * (Number.isFinite(scale) ? scale : 0), noiseBand);
  });
  return out;
}

function checkNesting(l: EffectiveLimits, k: number, id: string, i: number): void {
  for (let level = 0; level < 3; level++) {
    const name = LEVELS[level]!;
    if (!(l.lo[level]![k]! < l.hi[level]![k]!)) throw badField('INVALID_SETTINGS', `thresholds[${i}].${name}Low`, `${id}: ${name} low must be below ${name} high`);
    if (level === 0) continue;
    const inner = LEVELS[level - 1]!;
    if (l.hi[level]![k]! < l.hi[level - 1]![k]!) throw badField('INVALID_SETTINGS', `thresholds[${i}].${inner}High`, `${id}: ${inner} high exceeds ${name} high ${l.hi[level]![k]}`);
    if (l.lo[level]![k]! > l.lo[level - 1]![k]!) throw badField('INVALID_SETTINGS', `thresholds[${i}].${inner}Low`, `${id}: ${inner} low is below ${name} low ${l.lo[level]![k]}`);
  }
}

/** Whether a per-parameter override applies to a sensor. */
export function matchesParameter(o: ThresholdOverride, c: SensorChannel): boolean {
  if (o.parameter === undefined || (o.asset !== undefined && o.asset !== c.asset)) return false;
  return o.parameter === c.name || o.parameter === `${c.group}.${c.name}`;
}
