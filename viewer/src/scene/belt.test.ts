import { describe, expect, it } from 'vitest';
import { BeltTravel, inspectedUnitX, predictedUnitX, unitPositions, UNIT_PITCH_M } from './belt.ts';
import { LINE } from './plant-layout.ts';

const positions = (travel: number, start = 0, end = 35) => {
  const out = new Float32Array(16);
  return Array.from(out.subarray(0, unitPositions(travel, out, 10, start, end)));
};

describe('units on the belt', () => {
  it('are one pitch apart, front unit first, all on the belt', () => {
    expect(positions(0)).toEqual([30, 20, 10, 0]);
    expect(positions(4)).toEqual([34, 24, 14, 4]);
  });
  it('move forward with belt travel and wrap at one pitch', () => {
    expect(positions(7)).toEqual([27, 17, 7]);
    expect(positions(17)).toEqual(positions(7));
    expect(positions(-3)).toEqual(positions(7));
  });
  it('never write more units than the buffer holds', () => {
    const out = new Float32Array(2);
    expect(unitPositions(0, out, 10, 0, 100)).toBe(2);
  });
  it('uses the nominal 10 m pitch of the forming model over the real belt by default', () => {
    const out = new Float32Array(16);
    const n = unitPositions(0, out);
    expect(UNIT_PITCH_M).toBe(10);
    expect(n).toBe(Math.floor((LINE.belt.x1 - LINE.unitStartX) / 10) + 1);
    for (let i = 0; i < n; i++) expect(out[i]).toBeGreaterThanOrEqual(LINE.unitStartX);
  });
});

describe('belt travel', () => {
  it('integrates belt speed over simulated time: 150 m/min for 4 s is 10 m', () => {
    const b = new BeltTravel();
    const t0 = b.update(1_000_000, 150);
    expect(b.update(1_002_000, 150) - t0).toBeCloseTo(5);
    expect(b.update(1_004_000, 150) - t0).toBeCloseTo(10);
  });
  it('follows speed changes without a jump', () => {
    const b = new BeltTravel();
    const t0 = b.update(0, 120);
    b.update(1000, 120); // +2 m
    expect(b.update(2000, 60) - t0).toBeCloseTo(3); // +1 m
  });
  it('stands still at zero or unknown speed', () => {
    const b = new BeltTravel();
    const t0 = b.update(0, 0);
    expect(b.update(5000, Number.NaN)).toBe(t0);
  });
  it('restarts deterministically after a seek, so a replay shows the same units at the same time', () => {
    const a = new BeltTravel();
    a.update(0, 150);
    const seeked = a.update(3_600_000, 150);
    const fresh = new BeltTravel().update(3_600_000, 150);
    expect(seeked).toBe(fresh);
    expect(a.update(10_000, 150)).toBe(new BeltTravel().update(10_000, 150));
  });
});

describe('defect and prediction markers along the belt', () => {
  const gate = (LINE.inspection.x0 + LINE.inspection.x1) / 2;
  it('places an inspected unit downstream of the gantry, until it leaves the belt', () => {
    expect(inspectedUnitX(0, 0, 150)).toBe(gate);
    expect(inspectedUnitX(0, 2000, 150)).toBeCloseTo(gate + 5);
    expect(inspectedUnitX(0, 3_600_000, 150)).toBeNull();
  });
  it('places a predicted defect upstream by the distance the belt runs until it is expected', () => {
    expect(predictedUnitX(4000, 0, 150)).toBeCloseTo(gate - 10);
    expect(predictedUnitX(3_600_000, 0, 150)).toBe(LINE.unitStartX);
    expect(predictedUnitX(0, 1000, 150)).toBeNull();
  });
});
