import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { snapshotToBinary } from '../../engine/snapshot.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { createWhatIfService, type WhatIfService } from './service.ts';
import { WhatIfResult } from './result.ts';
import { closed } from '../strict-responses.ts';

// Burner drift on Line_A since 6 h: at 9 h the melt is ~90 °C too hot and cracks pour out.
const scenario = loadLibraryScenario('furnace-overheat-crack-storm');
const live = createEngine(scenario);
live.runUntil(9 * 3600);
const lower = { changes: [{ setpoint: 'Line_A.furnace_temp', value: 1420 }], horizon: '90m', seeds: 8 };
let service: WhatIfService;

beforeAll(async () => {
  service = createWhatIfService({ workers: 2, warmUp: false });
  await service.ready();
}, 60_000);
afterAll(() => service.close());

describe('what-if service', () => {
  it('lowering the furnace setpoint in a crack storm gives fewer cracks than the baseline', async () => {
    const before = snapshotToBinary(live.snapshot());
    const r = await service.run(before, scenario, lower);
    // Closed: the route's response schema declares every property of a real result.
    expect([...Value.Errors(closed(WhatIfResult) as typeof WhatIfResult, r)].map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
    expect(r.startTS).toBe(9 * 3600);
    expect(r.startIso).toBe('2024-03-14T09:00:00.000Z');
    expect(r.assets).toEqual(['Line_A']);
    expect(r.perSeed.map((s) => s.seed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const cracks = (b: 'baseline' | 'changed') => r.perSeed.reduce((n, s) => n + s[b].defectsByType.crack, 0);
    expect(cracks('changed')).toBeLessThan(cracks('baseline') * 0.7);
    expect(r.changed.defectsPer1000ByType.crack.mean).toBeLessThan(r.baseline.defectsPer1000ByType.crack.mean);
    expect(r.changed.firstPassYieldPct!.mean).toBeGreaterThan(r.baseline.firstPassYieldPct!.mean);
    // A cooler melt burns less fuel: the burner power departs from the baseline first.
    expect(r.delta.energyMWh.mean).toBeLessThan(0);
    expect(r.timeToEffect.quantity).toBe('power');
    expect(r.timeToEffect.tS).toBe(r.timeToEffect.resolutionS);
    expect(r.baseline.unitsPerH.mean).toBeGreaterThan(0);
    // The live engine was never touched: its state is byte for byte what it was.
    expect(snapshotToBinary(live.snapshot())).toEqual(before);
    expect(live.tS).toBe(9 * 3600);
  });

  it('is deterministic for the same seeds, however they are split across workers', async () => {
    const bytes = snapshotToBinary(live.snapshot());
    const a = await service.run(bytes, scenario, lower);
    const b = await service.run(bytes, scenario, lower);
    expect(b.perSeed).toEqual(a.perSeed);
    expect(b.changed).toEqual(a.changed);
    const some = await service.run(bytes, scenario, { ...lower, seeds: [6, 3] });
    expect(some.perSeed).toEqual([a.perSeed[5], a.perSeed[2]]);
  });

  it('with the plant scope adds the unchanged assets to both branches', async () => {
    const bytes = snapshotToBinary(live.snapshot());
    const req = { changes: [{ setpoint: 'Line_A.furnace_temp', value: 1420 }], horizon: '30m', seeds: [1, 2] };
    const affected = await service.run(bytes, scenario, req);
    const plant = await service.run(bytes, scenario, { ...req, scope: 'plant' });
    expect(plant.assets).toHaveLength(29);
    plant.perSeed.forEach((s, i) => {
      const a = affected.perSeed[i]!;
      // Line_A's difference is the whole difference; the rest of the plant adds the same to both.
      expect(s.changed.units - s.baseline.units).toBe(a.changed.units - a.baseline.units);
      expect(s.changed.energyMWh - s.baseline.energyMWh).toBeCloseTo(a.changed.energyMWh - a.baseline.energyMWh, 6);
      expect(s.baseline.machineMWh).toBeGreaterThan(0);
      expect(s.baseline.units).toBeGreaterThan(a.baseline.units);
    });
  });

  it('applies a change at its atS: until then both branches are the same future', async () => {
    const bytes = snapshotToBinary(live.snapshot());
    const now = await service.run(bytes, scenario, { ...lower, horizon: '30m', seeds: [1, 2] });
    const later = await service.run(bytes, scenario, { ...lower, changes: [{ ...lower.changes[0]!, atS: 900 }], horizon: '30m', seeds: [1, 2] });
    expect(later.request.changes).toEqual([{ setpoint: 'Line_A.furnace_temp', value: 1420, asset: 'Line_A', atS: 900 }]);
    expect(now.request.changes[0]!.atS).toBe(0);
    // The baseline does not depend on the plan; the effect starts no earlier than the change.
    expect(later.perSeed.map((s) => s.baseline)).toEqual(now.perSeed.map((s) => s.baseline));
    expect(later.timeToEffect.byQuantity.power.tS).toBeGreaterThan(900);
    expect(now.timeToEffect.byQuantity.power.tS).toBeLessThanOrEqual(900);
  });

  it('reports a machine what-if, which makes no units, with a first-pass yield of null rather than 100 %', async () => {
    const bytes = snapshotToBinary(live.snapshot());
    const r = await service.run(bytes, scenario, { changes: [{ setpoint: 'pump_003.load', value: 50 }], horizon: '10m', seeds: 2 });
    expect(Value.Check(WhatIfResult, r)).toBe(true);
    expect(r.perSeed[0]!.baseline.units).toBe(0);
    expect(r.perSeed[0]!.baseline.firstPassYieldPct).toBeNull();
    expect(r.baseline.firstPassYieldPct).toBeNull();
    expect(r.delta.firstPassYieldPct).toBeNull();
  });

  it('reports a bad request and a foreign snapshot as coded errors', async () => {
    const bytes = snapshotToBinary(live.snapshot());
    await expect(service.run(bytes, scenario, { ...lower, changes: [{ setpoint: 'Line_A.belt_speed', value: 900 }] })).rejects.toMatchObject({
      code: 'TWIN_ERR_WHAT_IF_BAD_REQUEST',
      statusCode: 400,
      message: 'changes[0].value: Line_A.belt_speed must be between 0 and 200 m/min (got 900)',
    });
    const other = createEngine({ ...scenario, lines: scenario.lines.slice(0, 2) });
    await expect(service.run(snapshotToBinary(other.snapshot()), scenario, lower)).rejects.toMatchObject({
      code: 'TWIN_ERR_WHAT_IF_BAD_SNAPSHOT',
      message: expect.stringMatching(/^snapshot: snapshot belongs to another plant layout/),
    });
  });
});
