import { describe, expect, it } from 'vitest';
import { availability, firstPassYield, idealUnitsIn, kpiValues, oee, performance, qualityRate, Tally } from './tally.ts';

describe('the KPI definitions, from totals', () => {
  it('first-pass yield is good units over units, and undefined with no units', () => {
    expect(firstPassYield(1000, 37)).toBeCloseTo(0.963, 12);
    expect(firstPassYield(10, 10)).toBe(0);
    expect(firstPassYield(0, 0)).toBeNull();
  });

  it('the quality rate of OEE is first-pass yield', () => {
    expect(qualityRate(480, 12)).toBe(firstPassYield(480, 12));
  });

  it('availability is run time over planned time, downtime never making it negative', () => {
    expect(availability(8 * 3600, 3600)).toBeCloseTo(7 / 8, 12);
    expect(availability(3600, 7200)).toBe(0);
    expect(availability(0, 0)).toBeNull();
  });

  it('performance is output over what the ideal rate would make in the run time', () => {
    expect(idealUnitsIn(1800, 1000)).toBe(500);
    expect(performance(450, idealUnitsIn(1800, 1000))).toBeCloseTo(0.9, 12);
    expect(performance(0, 0)).toBeNull();
  });

  it('OEE is availability × performance × quality', () => {
    // 7 h run of 8 planned, 6,300 units at an ideal 1,000/h, 63 of them defective.
    const r = oee({ units: 6300, defectiveUnits: 63, plannedS: 8 * 3600, downtimeS: 3600, idealUnits: idealUnitsIn(7 * 3600, 1000) });
    expect(r.availability).toBeCloseTo(0.875, 12);
    expect(r.performance).toBeCloseTo(0.9, 12);
    expect(r.quality).toBeCloseTo(0.99, 12);
    expect(r.oee).toBeCloseTo(0.875 * 0.9 * 0.99, 12);
  });

  it('nothing made in planned time is an OEE of 0; nothing planned is no OEE', () => {
    expect(oee({ units: 0, defectiveUnits: 0, plannedS: 3600, downtimeS: 3600, idealUnits: 0 })).toEqual({ availability: 0, performance: null, quality: null, oee: 0 });
    expect(oee({ units: 0, defectiveUnits: 0, plannedS: 0, downtimeS: 0, idealUnits: 0 }).oee).toBeNull();
  });

  it('a tally\'s KPI values are these same definitions', () => {
    const t = new Tally();
    Object.assign(t, { units: 900, defectiveUnits: 27, defects: 30, plannedS: 3600, downS: 360, idealUnits: idealUnitsIn(3240, 1000), targetUnits: 900 });
    const v = kpiValues(t, 900);
    expect(v.fpy).toBe(firstPassYield(900, 27));
    expect(v).toMatchObject({ ...oee({ units: 900, defectiveUnits: 27, plannedS: 3600, downtimeS: 360, idealUnits: 900 }), runS: 3240, goodUnits: 873, efficiency: 1 });
  });
});
