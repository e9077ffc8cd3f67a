/**
 * Asset models wrapped to meter what a what-if needs while the engine steps them: units and
 * defects (counted from the model's own event calls, so no event stream is needed) and energy
 * (the model's true power, integrated per step: sensors are off in a look-ahead fork).
 */
import { DEFECT_TYPES, type AssetModel, type DefectType, type EventSink } from '../physics/model.ts';

/** Running totals of one branch; reset between branches. */
export interface Meter {
  units: number;
  /** Units with at least one defect (first-pass yield is the rest). */
  defectiveUnits: number;
  readonly defects: Record<DefectType, number>;
  /** Furnace burner (fuel) energy, MJ. */
  burnerMJ: number;
  /** Machine electrical/shaft energy from each profile's power channel, MJ. */
  machineMJ: number;
  /** Machine failures (the model's failure events; passed on as well). */
  failures: number;
}

export function createMeter(): Meter {
  return { units: 0, defectiveUnits: 0, defects: Object.fromEntries(DEFECT_TYPES.map((t) => [t, 0])) as Record<DefectType, number>, burnerMJ: 0, machineMJ: 0, failures: 0 };
}

export function resetMeter(m: Meter): void {
  m.units = 0;
  m.defectiveUnits = 0;
  for (const t of DEFECT_TYPES) m.defects[t] = 0;
  m.burnerMJ = 0;
  m.machineMJ = 0;
  m.failures = 0;
}

export function totalDefects(m: Meter): number {
  let n = 0;
  for (const t of DEFECT_TYPES) n += m.defects[t];
  return n;
}

/** The sensor index of a model's power channel, and its scale to MW (−1 when it has none). */
function powerChannel(model: AssetModel): { k: number; toMW: number } {
  if (model.kind === 'line') {
    const k = model.sensors.findIndex((s) => s.group === 'furnace' && s.name === 'burner_power');
    return { k, toMW: 1 };
  }
  // Machine profiles name it power_kw, spindle_power_kw, motor_power_kw, fan_power_kw.
  const k = model.sensors.findIndex((s) => /(^|_)power_kw$/.test(s.name) && s.unit === 'kW');
  return { k, toMW: 1e-3 };
}

/** Wraps `model` so every step adds to `meter`; the wrapper has the same asset, kind and state size (same plant fingerprint). */
export function meteredModel(model: AssetModel, meter: Meter): AssetModel {
  const { k, toMW } = powerChannel(model);
  const isLine = model.kind === 'line';
  let target: EventSink | null = null;
  // A unit's defects are reported right after the unit itself.
  let unitCounted = true;
  const sink: EventSink = {
    // Units and defects are counted here and not passed on: a look-ahead fork is thrown away, and
    // the engine's event objects for them (thousands per simulated hour) cost more than the physics.
    // What the engine would do with them (event numbering, per-unit sensor sampling) changes no
    // physics, and sensors are off in the fork.
    unitProduced() {
      meter.units++;
      unitCounted = false;
    },
    defect(d) {
      meter.defects[d.type]++;
      if (!unitCounted) {
        unitCounted = true;
        meter.defectiveUnits++;
      }
    },
    faultOnset: (asset, fault, detail) => target!.faultOnset(asset, fault, detail),
    failure(asset, mode) {
      meter.failures++;
      target!.failure(asset, mode);
    },
    maintenance: (asset, kind) => target!.maintenance(asset, kind),
  };
  return {
    asset: model.asset,
    kind: model.kind,
    stateSize: model.stateSize,
    sensors: model.sensors,
    setpoints: model.setpoints,
    faultTypes: model.faultTypes,
    init: (s, off, rng, start) => model.init(s, off, rng, start),
    step(s, off, sp, spOff, ctx, rng, out) {
      target = out;
      model.step(s, off, sp, spOff, ctx, rng, sink);
      if (k < 0) return;
      const mj = model.read(s, off, k) * toMW * ctx.dtS;
      if (isLine) meter.burnerMJ += mj;
      else meter.machineMJ += mj;
    },
    read: (s, off, i) => model.read(s, off, i),
    truth: (s, off) => model.truth(s, off),
    injectFault: (s, off, fault, rng, out) => model.injectFault(s, off, fault, rng, out),
    maintain: (s, off, rng, out) => model.maintain(s, off, rng, out),
  };
}
