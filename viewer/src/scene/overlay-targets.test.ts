import { describe, expect, it } from 'vitest';
import { REJECT_SLOTS, rejectSlots, setpointTarget, stationBox, stationLabelAnchor } from './overlay-targets.ts';
import { LINE, LINE_SPACING_M, type AssetPlacement } from './plant-layout.ts';
import type { SceneDefect } from './scene-data.ts';

const placements: AssetPlacement[] = [
  { id: 'Line_A', kind: 'line', type: 'line', x: 36, z: 0, sizeX: 72, sizeZ: 6.5, height: 3.2 },
  { id: 'Line_B', kind: 'line', type: 'line', x: 36, z: LINE_SPACING_M, sizeX: 72, sizeZ: 6.5, height: 3.2 },
  { id: 'pump_001', kind: 'machine', type: 'pump', x: 30, z: 50, sizeX: 2.4, sizeZ: 1, height: 1.5 },
];

describe('recommendation highlights', () => {
  it('highlight the furnace of the right line for a furnace temperature change', () => {
    const t = setpointTarget('Line_B.furnace_temp', placements)!;
    expect(t.asset).toBe('Line_B');
    expect(t.box.cz).toBe(LINE_SPACING_M);
    expect(t.box.cx - t.box.sx / 2).toBeLessThanOrEqual(LINE.furnace.x0);
    expect(t.box.cx + t.box.sx / 2).toBeGreaterThanOrEqual(LINE.furnace.x1);
  });
  it('highlight the lehr for a cooling-rate change and the forming station for mould temperature or pressure', () => {
    expect(setpointTarget('Line_A.lehr_cooling_rate', placements)!.box).toEqual(stationBox('annealing', 0));
    expect(setpointTarget('Line_A.mold_temp', placements)!.box).toEqual(stationBox('forming', 0));
    expect(setpointTarget('Line_A.forming_pressure', placements)!.box).toEqual(stationBox('forming', 0));
    expect(setpointTarget('Line_A.belt_speed', placements)!.box).toEqual(stationBox('belt', 0));
  });
  it('highlight the whole machine for a machine load or speed change', () => {
    const t = setpointTarget('pump_001.load', placements)!;
    expect(t.asset).toBe('pump_001');
    expect([t.box.cx, t.box.cz]).toEqual([30, 50]);
    expect(t.box.sx).toBeGreaterThan(2.4);
  });
  it('highlight nothing for an asset not in the plant', () => {
    expect(setpointTarget('Line_Z.furnace_temp', placements)).toBeNull();
  });
});

describe('defect markers on the reject table', () => {
  const d = (unitId: number, timeMs: number, asset = 'Line_A', x = 0.5, y = 0.5): SceneDefect => ({ asset, unitId, type: 'crack', x, y, timeMs });
  it('show the newest defects of the line first, at most one table full', () => {
    const defects = Array.from({ length: 10 }, (_, i) => d(i, i * 1000));
    const slots = rejectSlots(defects, 'Line_A', 0, 1e9);
    expect(slots).toHaveLength(REJECT_SLOTS);
    expect(slots.map((s) => s.defect.unitId)).toEqual([9, 8, 7, 6, 5, 4]);
  });
  it('ignore other lines and defects after the time drawn (replay before the defect)', () => {
    const slots = rejectSlots([d(1, 1000), d(2, 5000), d(3, 1000, 'Line_B')], 'Line_A', 0, 2000);
    expect(slots.map((s) => s.defect.unitId)).toEqual([1]);
  });
  it('sit on the reject table beside the line, and put the marker where on the unit the defect is', () => {
    const [centre] = rejectSlots([d(1, 0, 'Line_B')], 'Line_B', 1, 0);
    expect(centre!.z).toBeCloseTo(LINE_SPACING_M + LINE.reject.dz, 0);
    expect([centre!.markerX, centre!.markerZ]).toEqual([centre!.x, centre!.z]);
    const [corner] = rejectSlots([d(1, 0, 'Line_A', 1, 0)], 'Line_A', 0, 0);
    expect(corner!.markerX).toBeGreaterThan(corner!.x);
    expect(corner!.markerZ).toBeLessThan(corner!.z);
  });
});

describe('sensor label anchors', () => {
  it('float above their station', () => {
    const [x, y, z] = stationLabelAnchor('annealing', 1);
    expect(x).toBeGreaterThan(LINE.lehr.x0);
    expect(x).toBeLessThan(LINE.lehr.x1);
    expect(y).toBeGreaterThan(LINE.lehr.height);
    expect(z).toBe(LINE_SPACING_M);
  });
});
