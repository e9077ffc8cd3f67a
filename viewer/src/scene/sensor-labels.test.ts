import { describe, expect, it } from 'vitest';
import { plantLayout } from './plant-layout.ts';
import type { SceneAsset, SceneTopology } from './scene-data.ts';
import { labelSpecs } from './sensor-labels.tsx';

const sensor = (asset: string, group: string, name: string, unit = '°C') => ({ id: `${asset}.${group}.${name}`, name, group, unit });
const line: SceneAsset = {
  id: 'Line_A',
  kind: 'line',
  setpoints: [],
  sensors: [sensor('Line_A', 'furnace', 'zone1_temp'), sensor('Line_A', 'furnace', 'crown_temp'), sensor('Line_A', 'forming', 'belt_speed', 'm/min'), sensor('Line_A', 'annealing', 'cooling_rate', '°C/min')],
};
const pump: SceneAsset = { id: 'pump_001', kind: 'machine', setpoints: [], sensors: [{ id: 'pump_001.vibration_rms_mm_s', name: 'vibration_rms_mm_s', group: 'machine', unit: 'mm/s' }] };
const topology: SceneTopology = { assets: [line, pump] };

describe('sensor label placement', () => {
  const specs = labelSpecs(topology, plantLayout(topology));
  it('puts one label on each line station that has labelled sensors, and one on each machine', () => {
    expect(specs.map((s) => s.key)).toEqual(['Line_A.furnace', 'Line_A.forming', 'Line_A.annealing', 'pump_001']);
  });
  it('shows the chosen sensors of a station, not every sensor (zone temperatures are the heat map)', () => {
    expect(specs[0]!.sensors.map((s) => s.name)).toEqual(['crown_temp']);
  });
  it('anchors a machine label above the machine, in the compact style', () => {
    const p = plantLayout(topology).find((q) => q.id === 'pump_001')!;
    const label = specs.find((s) => s.key === 'pump_001')!;
    expect(label.position[0]).toBe(p.x);
    expect(label.position[1]).toBeGreaterThan(p.height);
    expect(label.compact).toBe(true);
  });
});
