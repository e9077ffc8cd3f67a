import { describe, expect, it } from 'vitest';
import { hallBays, LINE, LINE_SPACING_M, machineHallLayout, machineType, plantBounds, plantLayout, zoneCount } from './plant-layout.ts';
import type { SceneAsset, SceneTopology } from './scene-data.ts';

// The reference plant: 3 lines and 26 machines (README).
const FLEET = { motor: 5, pump: 5, compressor: 3, cnc: 3, fan: 3, conveyor: 3, hydraulic: 2, cooling_tower: 2 };
const machineIds = Object.entries(FLEET).flatMap(([t, n]) => Array.from({ length: n }, (_, i) => `${t}_${String(i + 1).padStart(3, '0')}`));
const asset = (id: string, kind: 'line' | 'machine'): SceneAsset => ({ id, kind, sensors: [], setpoints: [] });
const topology: SceneTopology = { assets: [...['Line_A', 'Line_B', 'Line_C'].map((id) => asset(id, 'line')), ...machineIds.map((id) => asset(id, 'machine'))] };

const overlaps = (a: { x: number; z: number; sizeX: number; sizeZ: number }, b: typeof a) =>
  Math.abs(a.x - b.x) * 2 < a.sizeX + b.sizeX && Math.abs(a.z - b.z) * 2 < a.sizeZ + b.sizeZ;

describe('machine hall layout', () => {
  it('knows the machine type from the id', () => {
    expect(machineType('cooling_tower_002')).toBe('cooling_tower');
    expect(machineType('motor_001')).toBe('motor');
  });
  it('places all 26 machines of the reference plant, none overlapping', () => {
    const hall = machineHallLayout(machineIds);
    expect(hall).toHaveLength(26);
    for (let i = 0; i < hall.length; i++) for (let j = i + 1; j < hall.length; j++) expect(overlaps(hall[i]!, hall[j]!), `${hall[i]!.id} / ${hall[j]!.id}`).toBe(false);
  });
  it('gives each type its own bay, machines of a type in a row sorted by id', () => {
    const hall = machineHallLayout([...machineIds].reverse());
    const pumps = hall.filter((p) => p.type === 'pump');
    expect(pumps.map((p) => p.id)).toEqual(['pump_001', 'pump_002', 'pump_003', 'pump_004', 'pump_005']);
    expect(new Set(pumps.map((p) => p.z)).size).toBe(1);
    expect(pumps.map((p) => p.x)).toEqual([...pumps.map((p) => p.x)].sort((a, b) => a - b));
    const bays = hallBays(hall);
    expect(bays.map((b) => b.type)).toEqual(['motor', 'pump', 'compressor', 'cnc', 'fan', 'conveyor', 'hydraulic', 'cooling_tower']);
    for (let i = 0; i < bays.length; i++) for (let j = i + 1; j < bays.length; j++) if (bays[i]!.z === bays[j]!.z) expect(bays[i]!.x1 < bays[j]!.x0 || bays[j]!.x1 < bays[i]!.x0).toBe(true);
  });
  it('puts unknown machine types after the known ones', () => {
    const hall = machineHallLayout(['zebra_001', 'motor_001']);
    expect(hall.map((p) => p.type)).toEqual(['motor', 'zebra']);
  });
});

describe('plant layout', () => {
  const all = plantLayout(topology);
  it('is empty before the topology arrives', () => {
    expect(plantLayout(null)).toEqual([]);
  });
  it('lists lines first, one line spacing apart, then the hall behind them', () => {
    expect(all.slice(0, 3).map((p) => [p.id, p.z])).toEqual([['Line_A', 0], ['Line_B', LINE_SPACING_M], ['Line_C', 2 * LINE_SPACING_M]]);
    const lastLineEdge = 2 * LINE_SPACING_M + LINE.reject.dz + 1;
    for (const m of all.slice(3)) expect(m.z - m.sizeZ / 2).toBeGreaterThan(lastLineEdge);
  });
  it('orders a line from furnace through forming, lehr and inspection to the end of the belt', () => {
    expect(LINE.furnace.x1).toBeLessThan(LINE.forming.x1);
    expect(LINE.forming.x1).toBeLessThan(LINE.lehr.x0);
    expect(LINE.lehr.x1).toBeLessThan(LINE.inspection.x0);
    expect(LINE.inspection.x1).toBeLessThan(LINE.belt.x1);
  });
  it('has bounds that contain every asset', () => {
    const [x0, z0, x1, z1] = plantBounds(all);
    for (const p of all) expect(p.x >= x0 && p.x <= x1 && p.z >= z0 && p.z <= z1).toBe(true);
  });
  it('counts furnace zones from the zone sensors, 8 when unknown', () => {
    const s = (name: string) => ({ id: name, name, group: 'furnace', unit: '°C' });
    expect(zoneCount({ ...asset('L', 'line'), sensors: [s('zone1_temp'), s('zone2_temp'), s('crown_temp')] })).toBe(2);
    expect(zoneCount(asset('L', 'line'))).toBe(8);
  });
});
