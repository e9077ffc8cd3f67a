import { describe, expect, it } from 'vitest';
import type { EventSink, StepContext } from '../physics/model.ts';
import { createMeter, meteredModel, resetMeter, totalDefects } from './meter.ts';
import { probeModel } from './probe-model.test-helper.ts';

const ctx: StepContext = { tS: 0, dtS: 10, ambientC: 20, rawMaterialDev: 0 };
const always = { uniform: () => 0, normal: () => 0 }; // the probe makes a unit every step
const sink = (): EventSink & { faults: string[] } => {
  const faults: string[] = [];
  return { faults, unitProduced() {}, defect() {}, faultOnset: (_a, f) => faults.push(f), failure: (_a, m) => faults.push(m), maintenance() {} };
};

describe('meter', () => {
  it('counts units, defects by type and defective units once however many defects they have', () => {
    const meter = createMeter();
    const m = meteredModel(probeModel(), meter);
    const s = new Float64Array(1);
    m.step(s, 0, Float64Array.of(80), 0, ctx, always, sink()); // a unit with a crack and a bubble
    m.step(s, 0, Float64Array.of(10), 0, ctx, always, sink()); // a good unit
    expect(meter.units).toBe(2);
    expect(meter.defectiveUnits).toBe(1);
    expect(meter.defects.crack).toBe(1);
    expect(meter.defects.bubble).toBe(1);
    expect(totalDefects(meter)).toBe(2);
  });

  it("integrates the model's power channel over each step: kW of a machine into machine MJ", () => {
    const meter = createMeter();
    const m = meteredModel(probeModel(), meter);
    const s = new Float64Array(1);
    // The probe's power_kw reads its setpoint: 500 kW for 10 s is 5 MJ.
    m.step(s, 0, Float64Array.of(500), 0, ctx, always, sink());
    expect(meter.machineMJ).toBeCloseTo(5, 12);
    expect(meter.burnerMJ).toBe(0);
  });

  it('keeps the model shape and passes faults on; reset zeroes every total', () => {
    const meter = createMeter();
    const inner = probeModel();
    const m = meteredModel(inner, meter);
    expect([m.asset, m.kind, m.stateSize, m.sensors, m.setpoints]).toEqual([inner.asset, inner.kind, inner.stateSize, inner.sensors, inner.setpoints]);
    m.step(new Float64Array(1), 0, Float64Array.of(80), 0, ctx, always, sink());
    resetMeter(meter);
    expect(meter).toEqual(createMeter());
  });
});
