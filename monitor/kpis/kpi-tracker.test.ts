import { describe, expect, it } from 'vitest';
import type { TwinEvent } from '../../engine/events.ts';
import type { DefectType } from '../../physics/model.ts';
import { KpiTracker } from './kpi-tracker.ts';

const START = Date.parse('2024-03-14T04:00:00Z');
const H = 3_600_000;

/** Hand-built events with increasing sequence numbers. */
function events() {
  let seq = 0;
  const base = (asset: string, tS: number) => ({ seq: seq++, tick: tS, tS, asset });
  return {
    unit: (asset: string, tS: number, unitId: number): TwinEvent => ({ ...base(asset, tS), type: 'unit_produced', unitId }),
    defect: (asset: string, tS: number, unitId: number, defect: DefectType): TwinEvent => ({ ...base(asset, tS), type: 'defect', unitId, defect, x: 0.5, y: 0.5, severity: 0.5 }),
    failure: (asset: string, tS: number): TwinEvent => ({ ...base(asset, tS), type: 'failure', mode: 'jam' }),
    maintenance: (asset: string, tS: number): TwinEvent => ({ ...base(asset, tS), type: 'maintenance', kind: 'repair' }),
  };
}

/**
 * Line_A from 04:00 to 05:00: 600 units (one every 6 s), units 1–24 defective (unit 1 with a crack
 * and a bubble, the others a crack: 25 defects), failed from 04:45 until maintenance at 05:00.
 * Line_B: idle, running, no units.
 */
function firstHour(config?: unknown) {
  const k = new KpiTracker({ startMs: START, lines: ['Line_A', 'Line_B'], machines: ['pump_003'], ...(config ? { config } : {}) });
  const e = events();
  for (let u = 1; u <= 600; u++) {
    const tS = 6 * u - 3;
    if (tS > 2700 && tS < 2706) k.onEvent(e.failure('Line_A', 2700));
    k.onEvent(e.unit('Line_A', tS, u));
    if (u === 1) k.onEvent(e.defect('Line_A', tS, u, 'crack'));
    if (u === 1) k.onEvent(e.defect('Line_A', tS, u, 'bubble'));
    if (u > 1 && u <= 24) k.onEvent(e.defect('Line_A', tS, u, 'crack'));
  }
  k.onEvent(e.maintenance('Line_A', 3600));
  return { k, e };
}

describe('KPIs from hand-computed events', () => {
  it('defect count and rate per 1,000, distribution by type, first-pass yield', () => {
    const line = firstHour().k.snapshot().lines[0]!.shift;
    expect(line).toMatchObject({ units: 600, defects: 25, defectiveUnits: 24, goodUnits: 576, fpy: 0.96, quality: 0.96 });
    expect(line.defectRatePer1000).toBeCloseTo(41.667, 3);
    expect(line.defectsByType).toEqual({ crack: 24, bubble: 1, chip: 0, cloudiness: 0, deformation: 0, stain: 0, stress_fracture: 0 });
  });

  it('OEE = availability × performance × quality, with downtime from failure to maintenance', () => {
    const s = firstHour().k.snapshot();
    expect(s.at).toBe('2024-03-14T05:00:00.000Z');
    const a = s.lines[0]!.shift;
    // Planned 3600 s, down 04:45–05:00 = 900 s → availability 2700/3600 = 0.75.
    expect(a).toMatchObject({ plannedS: 3600, downtimeS: 900, runS: 2700, availability: 0.75 });
    // Ideal 1000/h over 0.75 h of run time = 750 units possible; 600 made → performance 0.8.
    expect(a.performance).toBeCloseTo(0.8, 12);
    expect(a.oee).toBeCloseTo(0.75 * 0.8 * 0.96, 12);
    // Target 900/h over the planned hour; 600 made.
    expect(a.productionRatePerH).toBe(600);
    expect(a.targetRatePerH).toBe(900);
    expect(a.efficiency).toBeCloseTo(600 / 900, 12);
  });

  it('plant-wide figures weight the lines by their time and ideal rates', () => {
    const p = firstHour().k.snapshot().plant.shift;
    expect(p).toMatchObject({ units: 600, plannedS: 7200, downtimeS: 900, availability: 0.875, targetRatePerH: 1800 });
    expect(p.performance).toBeCloseTo(600 / (750 + 1000), 12);
    // Both lines together made 600 units in the hour: a plant rate, comparable with the 1,800/h target.
    expect(p.productionRatePerH).toBeCloseTo(600, 9);
  });

  it('an idle line has OEE 0 and no yield', () => {
    const b = firstHour().k.snapshot().lines[1]!.shift;
    expect(b).toMatchObject({ units: 0, fpy: null, defectRatePer1000: null, performance: 0, availability: 1, oee: 0 });
  });

  it('rolls shifts at 06:00 and keeps the previous shift for comparison', () => {
    const { k, e } = firstHour();
    let s = k.snapshot();
    expect(s.shift).toEqual({ label: '2024-03-13 22:00–06:00', start: '2024-03-13T22:00:00.000Z', end: '2024-03-14T06:00:00.000Z' });
    expect(s.previousShift).toBeNull();
    expect(s.lines[0]!.previousShift).toBeNull();
    k.onEvent(e.unit('Line_A', 2 * 3600 + 30, 601)); // 06:00:30
    s = k.snapshot();
    expect(s.shift.label).toBe('2024-03-14 06:00–14:00');
    expect(s.previousShift!.label).toBe('2024-03-13 22:00–06:00');
    expect(s.lines[0]!.previousShift).toMatchObject({ units: 600, plannedS: 7200, downtimeS: 900, availability: 0.875 });
    expect(s.lines[0]!.shift).toMatchObject({ units: 1, plannedS: 30, downtimeS: 0 });
    expect(s.lines[0]!.day).toMatchObject({ units: 601, plannedS: 2 * 3600 + 30 });
    expect(s.day).toEqual({ label: '2024-03-14', start: '2024-03-14T00:00:00.000Z', end: '2024-03-15T00:00:00.000Z' });
  });

  it('a rolling window and a 24 h hourly quality sparkline', () => {
    const { k } = firstHour({ rollingWindowMin: 15 });
    k.advanceTo(START + H + 30 * 60_000); // 05:30
    const line = k.snapshot().lines[0]!;
    expect(line.rolling).toMatchObject({ units: 0, plannedS: 900, downtimeS: 0 });
    const spark = line.sparkline;
    expect(spark).toHaveLength(24);
    expect(spark.at(-1)).toEqual({ hour: '2024-03-14T05:00:00.000Z', units: 0, defects: 0, defectiveUnits: 0, fpy: null, defectRatePer1000: null });
    expect(spark.at(-2)).toEqual({ hour: '2024-03-14T04:00:00.000Z', units: 600, defects: 25, defectiveUnits: 24, fpy: 0.96, defectRatePer1000: (25 / 600) * 1000 });
    expect(spark[0]!.hour).toBe('2024-03-13T06:00:00.000Z');
    const last15 = firstHour({ rollingWindowMin: 15 }).k.snapshot().lines[0]!.rolling;
    // 04:45–05:00: 150 units, all while failed (units still counted), no defects.
    expect(last15).toMatchObject({ units: 150, plannedS: 900, downtimeS: 900, availability: 0, defects: 0 });
  });

  it('a stopped belt (≈ 0 m/min, read from frames) is downtime; a missing sample changes nothing', () => {
    const k = new KpiTracker({ startMs: START, lines: ['Line_A'], sensorIndex: new Map([['Line_A.forming.belt_speed', 0]]) });
    const frame = (tS: number, belt: number) => ({ timeMs: START + tS * 1000, values: Float64Array.of(belt) });
    k.onFrame(frame(0, 150));
    k.onFrame(frame(600, 0.2)); // stopped from 600 s…
    k.onFrame(frame(900, NaN));
    k.onFrame(frame(1200, 150)); // …running again from 1200 s
    k.onFrame(frame(1800, 150));
    expect(k.snapshot().lines[0]).toMatchObject({ stopped: false, shift: { plannedS: 1800, downtimeS: 600 } });
  });

  it('machine downtime from failure to maintenance, events taken once', () => {
    const k = new KpiTracker({ startMs: START, lines: [], machines: ['pump_003'] });
    const e = events();
    const fail = e.failure('pump_003', 100);
    k.onEvent(fail);
    k.onEvent(fail);
    k.onEvent(e.maintenance('pump_003', 1300));
    k.advanceTo(START + H);
    expect(k.snapshot().machines).toEqual([{ asset: 'pump_003', failed: false, shiftDowntimeS: 1200, dayDowntimeS: 1200 }]);
  });

  it('is deterministic: the same inputs give the same snapshot', () => {
    expect(JSON.stringify(firstHour().k.snapshot())).toBe(JSON.stringify(firstHour().k.snapshot()));
  });

  it('refuses bad configuration, naming the field', () => {
    const make = (config: unknown) => () => new KpiTracker({ startMs: START, lines: ['Line_A'], config });
    expect(make({ shiftStartsUtcH: [14, 6] })).toThrow(expect.objectContaining({ field: 'shiftStartsUtcH[1]' }));
    expect(make({ lines: { Line_A: { targetUnitsPerH: 1200 } } })).toThrow(expect.objectContaining({ field: 'lines.Line_A.targetUnitsPerH' }));
    expect(make({ rollingWindowMin: 0 })).toThrow(expect.objectContaining({ field: 'rollingWindowMin', name: 'KpiConfigError' }));
    expect(make({ shifts: [6] })).toThrow(expect.objectContaining({ field: 'shifts' }));
  });

  it('per-line targets from the configuration', () => {
    const { k } = firstHour({ lines: { Line_A: { targetUnitsPerH: 600, idealUnitsPerH: 750 } } });
    const a = k.snapshot().lines[0]!;
    expect(a).toMatchObject({ targetUnitsPerH: 600, idealUnitsPerH: 750, shift: { efficiency: 1 } });
    expect(a.shift.performance).toBeCloseTo(600 / (750 * 0.75), 12);
  });
});
