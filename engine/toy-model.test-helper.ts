import type { AssetModel, AssetTruth, EventSink, Rng, SensorChannel, SetpointSpec, StepContext } from '../physics/model.ts';
import type { Scenario } from './scenario.ts';

/**
 * A tiny asset for engine tests: a tank whose temperature relaxes to its setpoint with a random
 * disturbance, producing a unit every `unitEveryS` seconds. State: [tempC, unitClock, units, faultBias].
 */
export function toyTank(id: string, unitEveryS = 4): AssetModel {
  const limits = { warning: [null, 80], error: [null, 90], critical: [null, 100] } as const;
  const sensors: SensorChannel[] = [
    { id: `${id}.temp`, asset: id, assetKind: 'machine', group: 'machine', name: 'temp', unit: '°C', description: 'tank temperature', period: { kind: 'periodic', periodS: 1 }, limits, noise: { std: 0.1 } },
    { id: `${id}.temp_slow`, asset: id, assetKind: 'machine', group: 'machine', name: 'temp_slow', unit: '°C', description: 'slow copy', period: { kind: 'periodic', periodS: 5 }, limits, noise: { std: 0 } },
    { id: `${id}.unit_temp`, asset: id, assetKind: 'machine', group: 'machine', name: 'unit_temp', unit: '°C', description: 'per unit', period: { kind: 'per_unit' }, limits, noise: { std: 0 } },
  ];
  const setpoints: SetpointSpec[] = [
    { id: `${id}.temp`, asset: id, name: 'temp', unit: '°C', min: 0, max: 120, initial: 50, lagS: 0, rateLimitPerS: 1, description: 'target temperature' },
  ];
  return {
    asset: id,
    kind: 'machine',
    stateSize: 4,
    sensors,
    setpoints,
    faultTypes: ['heater_stuck'],
    init(s: Float64Array, off: number) {
      s[off] = 50;
    },
    step(s: Float64Array, off: number, sp: Float64Array, spOff: number, ctx: StepContext, rng: Rng, out: EventSink) {
      s[off] = s[off]! + (sp[spOff]! + s[off + 3]! - s[off]!) * 0.1 + 0.05 * rng.normal();
      s[off + 1] = s[off + 1]! + ctx.dtS;
      if (s[off + 1]! >= unitEveryS) {
        s[off + 1] = s[off + 1]! - unitEveryS;
        s[off + 2] = s[off + 2]! + 1;
        out.unitProduced(id, s[off + 2]!);
        if (s[off]! > 85) out.defect({ asset: id, unitId: s[off + 2]!, type: 'crack', x: 0.5, y: 0.5, severity: 0.5, causes: ['furnace_overheat'] });
      }
    },
    read(s: Float64Array, off: number) {
      return s[off]!;
    },
    truth(s: Float64Array, off: number): AssetTruth {
      return { rulH: null, health: null, activeFaults: s[off + 3] !== 0 ? ['heater_stuck'] : [] };
    },
    injectFault(s: Float64Array, off: number, fault, _rng, out) {
      if (fault.type !== 'heater_stuck') throw new Error(`unknown fault "${fault.type}"`);
      s[off + 3] = fault.params['offsetC'] ?? 20;
      out.faultOnset(id, 'heater_stuck');
    },
    maintain(s: Float64Array, off: number, _rng, out) {
      s[off + 3] = 0;
      out.maintenance(id, 'repair');
    },
  };
}

export function toyScenario(over: Partial<Scenario> = {}): Scenario {
  return {
    name: 'toy',
    title: 'toy',
    description: '',
    seed: 1,
    start: '2026-01-01T00:00:00.000Z',
    durationS: 3600,
    stepS: 1,
    lines: [],
    machines: [],
    disturbances: { ambient: { meanC: 20, dailyAmplitudeC: 5 }, rawMaterial: { std: 0.5, correlationH: 1 } },
    faults: [],
    actions: [],
    groundTruth: null,
    ...over,
  };
}
