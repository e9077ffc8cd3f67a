import { describe, expect, it } from 'vitest';
import { stationBox } from './overlay-targets.ts';
import type { AssetPlacement } from './plant-layout.ts';
import { highlightGroups } from './recommendation-groups.ts';

const placements: AssetPlacement[] = [
  { id: 'Line_A', kind: 'line', type: 'line', x: 36, z: 0, sizeX: 72, sizeZ: 6.5, height: 3.2 },
  { id: 'pump_001', kind: 'machine', type: 'pump', x: 30, z: 50, sizeX: 2.4, sizeZ: 1, height: 1.5 },
];
const move = (setpointId: string, current: number, proposed: number, unit: string) => ({ id: `REC-1:${setpointId}`, setpointId, current, proposed, unit });
const names: Record<string, { name: string; unit: string }> = { 'Line_A.mold_temp': { name: 'mold_temp', unit: '°C' } };

describe('recommendation highlights, grouped', () => {
  it('draws one tag per asset with a line per move, and each station once', () => {
    const groups = highlightGroups([move('Line_A.furnace_temp', 1500, 1444, '°C'), move('Line_A.mold_temp', 450, 462, '°C'), move('Line_A.forming_pressure', 40, 36.4, 'MPa')], placements, (id) => names[id]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.asset).toBe('Line_A');
    expect(groups[0]!.lines).toHaveLength(3);
    expect(groups[0]!.boxes).toEqual([stationBox('furnace', 0), stationBox('forming', 0)]);
    const top = Math.max(...groups[0]!.boxes.map((b) => b.cy + b.sy / 2));
    expect(groups[0]!.tagAt).toEqual([stationBox('furnace', 0).cx, top + 0.6, 0]);
  });

  it('keeps assets apart and leaves out assets not in the plant', () => {
    const groups = highlightGroups([move('Line_A.furnace_temp', 1500, 1444, '°C'), move('pump_001.load', 80, 70, '%'), move('Line_Z.furnace_temp', 1, 2, '°C')], placements, () => undefined);
    expect(groups.map((g) => g.asset)).toEqual(['Line_A', 'pump_001']);
  });
});
