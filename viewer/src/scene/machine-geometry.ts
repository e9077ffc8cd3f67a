/**
 * One recognisable low-poly shape per machine type, merged into a single geometry (one draw call per
 * type, instanced over the machines of that type). Origin on the floor at the footprint's centre.
 */
import type { BufferGeometry } from 'three';
import { box, cyl, merge } from './geometry-kit.ts';

/** Height of the concrete plinth most machines stand on (drawn by the hall, instanced). */
export const PLINTH_M = 0.15;
const PLINTH = PLINTH_M;

function motor(): BufferGeometry {
  return merge([
    cyl(0.42, 0.42, 1.1, 'x', 0, PLINTH + 0.5, 0, 16),
    cyl(0.36, 0.36, 0.1, 'x', -0.6, PLINTH + 0.5, 0, 16),
    cyl(0.07, 0.07, 0.3, 'x', 0.7, PLINTH + 0.5, 0, 8),
    box(0.35, 0.22, 0.3, 0, PLINTH + 0.98, 0),
    box(0.9, 0.12, 0.8, 0, PLINTH + 0.06, 0),
  ]);
}

function pump(): BufferGeometry {
  return merge([
    cyl(0.48, 0.48, 0.32, 'z', 0.45, PLINTH + 0.6, 0, 16),
    cyl(0.14, 0.14, 0.5, 'x', 0.95, PLINTH + 0.6, 0, 10),
    cyl(0.14, 0.14, 0.55, 'y', 0.45, PLINTH + 1.05, 0, 10),
    cyl(0.3, 0.3, 0.8, 'x', -0.35, PLINTH + 0.45, 0, 14),
    box(1.7, 0.12, 0.8, 0, PLINTH + 0.06, 0),
  ]);
}

function compressor(): BufferGeometry {
  return merge([
    box(1.3, 1.3, 1.3, -0.45, PLINTH + 0.65, 0),
    cyl(0.45, 0.45, 1.5, 'y', 0.65, PLINTH + 0.75, -0.1, 14),
    cyl(0.45, 0.45, 0.01, 'y', 0.65, PLINTH + 1.5, -0.1, 14),
    box(0.4, 0.6, 1.1, -0.45, PLINTH + 1.6, 0),
  ]);
}

function cnc(): BufferGeometry {
  return merge([
    box(2.2, 2.0, 1.8, -0.2, PLINTH + 1.0, 0),
    box(2.3, 0.15, 1.9, -0.2, PLINTH + 2.07, 0),
    box(0.45, 0.9, 0.25, 1.15, PLINTH + 1.3, 0.6),
    box(0.2, 1.2, 0.2, 1.15, PLINTH + 0.6, 0.6),
  ]);
}

function fan(): BufferGeometry {
  return merge([
    cyl(0.85, 0.85, 0.55, 'z', 0, PLINTH + 1.05, 0, 18),
    box(0.6, 0.9, 0.55, 0.55, PLINTH + 1.7, 0),
    cyl(0.45, 0.6, 0.5, 'z', 0, PLINTH + 1.05, 0.5, 14, true),
    cyl(0.25, 0.25, 0.6, 'x', -0.7, PLINTH + 0.4, 0, 12),
    box(1.6, 0.2, 1.0, 0, PLINTH + 0.1, 0),
  ]);
}

function conveyor(): BufferGeometry {
  const parts = [box(3.0, 0.12, 0.8, 0, 0.85, 0)];
  for (const x of [-1.5, 1.5]) parts.push(cyl(0.16, 0.16, 0.9, 'z', x, 0.85, 0, 12));
  for (const x of [-1.2, 0, 1.2]) for (const z of [-0.35, 0.35]) parts.push(box(0.08, 0.8, 0.08, x, 0.4, z));
  parts.push(box(0.45, 0.4, 0.4, 1.4, 0.6, 0.65));
  return merge(parts);
}

function hydraulic(): BufferGeometry {
  return merge([
    box(1.8, 0.8, 1.2, 0, PLINTH + 0.4, 0),
    cyl(0.28, 0.28, 0.8, 'x', -0.3, PLINTH + 1.08, 0, 14),
    cyl(0.18, 0.18, 0.4, 'x', 0.3, PLINTH + 1.05, 0, 12),
    cyl(0.15, 0.15, 0.9, 'y', 0.65, PLINTH + 1.25, 0.35, 12),
    cyl(0.15, 0.15, 0.9, 'y', 0.65, PLINTH + 1.25, -0.35, 12),
  ]);
}

function coolingTower(): BufferGeometry {
  return merge([
    box(3.2, 0.5, 3.2, 0, 0.25, 0),
    cyl(1.25, 1.55, 3.2, 'y', 0, 0.5 + 1.6, 0, 16),
    cyl(0.95, 0.95, 0.55, 'y', 0, 0.5 + 3.2 + 0.27, 0, 16, true),
    box(0.12, 2.5, 0.12, 1.45, 1.75, 1.45),
  ]);
}

const BUILDERS: Readonly<Record<string, () => BufferGeometry>> = { motor, pump, compressor, cnc, fan, conveyor, hydraulic, cooling_tower: coolingTower };

/** Geometry of a machine type (a generic cabinet for unknown types). The caller disposes it. */
export function machineGeometry(type: string): BufferGeometry {
  return (BUILDERS[type] ?? (() => merge([box(1.6, 1.2, 1.0, 0, 0.75, 0), box(1.7, 0.15, 1.1, 0, 0.075, 0)])))();
}

/** Types with a dedicated shape. */
export const SHAPED_TYPES: readonly string[] = Object.keys(BUILDERS);
