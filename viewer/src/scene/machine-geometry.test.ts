import { describe, expect, it } from 'vitest';
import { machineGeometry, PLINTH_M, SHAPED_TYPES } from './machine-geometry.ts';
import { MACHINE_SIZE, MACHINE_TYPES } from './plant-layout.ts';

describe('machine shapes', () => {
  it('has a shape for every machine type of the fleet', () => {
    expect([...SHAPED_TYPES].sort()).toEqual([...MACHINE_TYPES].sort());
  });
  it.each([...MACHINE_TYPES])('%s stands on its plinth (or on the floor) inside its footprint and height in the hall layout', (type) => {
    const g = machineGeometry(type);
    g.computeBoundingBox();
    const b = g.boundingBox!;
    const [sx, sz, h] = MACHINE_SIZE[type]!;
    expect([0, PLINTH_M].some((y) => Math.abs(b.min.y - y) < 1e-5), `bottom at ${b.min.y}`).toBe(true);
    expect(b.max.y).toBeLessThanOrEqual(h + 0.05);
    expect(b.max.x - b.min.x).toBeLessThanOrEqual(sx + 0.05);
    expect(b.max.z - b.min.z).toBeLessThanOrEqual(sz + 0.05);
    g.dispose();
  });
  it('draws an unknown type as a generic cabinet', () => {
    const g = machineGeometry('laser');
    expect(g.getAttribute('position').count).toBeGreaterThan(0);
    g.dispose();
  });
});
