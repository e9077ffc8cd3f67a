/**
 * Low-poly geometry of one glass line in line coordinates (x from the furnace's charging end along the
 * belt, z across, y up), one merged geometry per material; the lines are instances of these.
 */
import type { BufferGeometry } from 'three';
import { box, cyl, merge } from './geometry-kit.ts';
import { LINE } from './plant-layout.ts';

const BELT_Y = LINE.belt.height;

/** Height of the crown's ridge, where the heat-map band lies. */
export const CROWN_TOP_Y = 1.9 + (LINE.furnace.width / 2) * 0.45;

/**
 * One furnace zone (instanced zones × lines, coloured by the heat map): the zone's side walls plus a
 * band along the crown ridge, so the map reads from the side and from above.
 */
export function zoneGeometry(zones: number): BufferGeometry {
  const len = (LINE.furnace.x1 - LINE.furnace.x0) / zones - 0.08;
  return merge([box(len, 1.9, LINE.furnace.width, 0, 0.95, 0), box(len, 0.1, 2.6, 0, CROWN_TOP_Y - 0.02, 0)]);
}

/** Crown arch, end walls, throat and forehearth: refractory brick. */
export function refractoryGeometry(): BufferGeometry {
  const f = LINE.furnace;
  const len = f.x1 - f.x0;
  const r = f.width / 2;
  // A squashed cylinder whose lower half hides inside the zone blocks: a flat arch reads better from above.
  const crown = cyl(r, r, len, 'x', 0, 0, 0, 18).scale(1, 0.45, 1).translate((f.x0 + f.x1) / 2, 1.9, 0);
  return merge([
    crown,
    box(0.5, 2.6, f.width + 0.3, f.x0 - 0.25, 1.3, 0),
    box(0.5, 2.6, f.width + 0.3, f.x1 + 0.25, 1.3, 0),
    // Throat and forehearth carrying the melt to the forming station.
    box(LINE.forming.x0 - f.x1 - 0.5, 0.8, 1.4, (f.x1 + 0.5 + LINE.forming.x0) / 2, 1.5, 0),
    // Batch charger at the charging end.
    box(1.4, 1.2, 2.4, f.x0 - 1.2, 1.1, -1.2),
  ]);
}

/** Belt legs and rails, the forming frame, inspection gantry, reject table, stack: painted steel. */
export function steelGeometry(): BufferGeometry {
  const parts: BufferGeometry[] = [];
  const b = LINE.belt;
  const hz = b.width / 2 + 0.08;
  for (let x = b.x0 + 0.5; x < b.x1; x += 3) parts.push(box(0.12, BELT_Y, 0.12, x, BELT_Y / 2, -hz), box(0.12, BELT_Y, 0.12, x, BELT_Y / 2, hz));
  parts.push(box(b.x1 - b.x0, 0.16, 0.08, (b.x0 + b.x1) / 2, BELT_Y, -hz), box(b.x1 - b.x0, 0.16, 0.08, (b.x0 + b.x1) / 2, BELT_Y, hz));
  // Forming station portal frame.
  const fm = LINE.forming;
  for (const x of [fm.x0, fm.x1]) for (const z of [-1.6, 1.6]) parts.push(box(0.25, 4, 0.25, x, 2, z));
  parts.push(box(fm.x1 - fm.x0 + 0.3, 0.35, 3.5, (fm.x0 + fm.x1) / 2, 4.1, 0));
  // Inspection gantry.
  const ins = LINE.inspection;
  const gx = (ins.x0 + ins.x1) / 2;
  parts.push(box(0.2, 2.8, 0.2, gx, 1.4, -1.5), box(0.2, 2.8, 0.2, gx, 1.4, 1.5), box(0.3, 0.25, 3.2, gx, 2.8, 0));
  // Reject table beside the gantry.
  const rj = LINE.reject;
  parts.push(box(4, 0.08, 1.8, rj.x, 0.8, rj.dz));
  for (const dx of [-1.8, 1.8]) for (const dz of [-0.75, 0.75]) parts.push(box(0.08, 0.8, 0.08, rj.x + dx, 0.4, rj.dz + dz));
  // Flue stack at the charging end.
  parts.push(cyl(0.45, 0.6, 9, 'y', LINE.furnace.x0 + 1.5, 4.5, -LINE.furnace.width / 2 - 0.9, 12));
  return merge(parts);
}

/** Annealing lehr: a long tunnel over the belt with exhaust stubs on the roof. */
export function lehrGeometry(): BufferGeometry {
  const l = LINE.lehr;
  const parts = [box(l.x1 - l.x0, l.height - 0.5, l.width, (l.x0 + l.x1) / 2, 0.5 + (l.height - 0.5) / 2, 0)];
  for (let x = l.x0 + 3; x < l.x1 - 1; x += 6) parts.push(cyl(0.28, 0.28, 0.8, 'y', x, l.height + 0.4, 0, 10));
  return merge(parts);
}

/** Belt surface. */
export function beltGeometry(): BufferGeometry {
  const b = LINE.belt;
  return box(b.x1 - b.x0, 0.06, b.width, (b.x0 + b.x1) / 2, BELT_Y + 0.03, 0);
}

/** Safety-yellow parts: the forming press and ram, the inspection camera head. */
export function accentGeometry(): BufferGeometry {
  const fm = LINE.forming;
  const cx = (fm.x0 + fm.x1) / 2;
  const gx = (LINE.inspection.x0 + LINE.inspection.x1) / 2;
  return merge([
    box(2.2, 1.1, 2.2, cx, 3.3, 0),
    cyl(0.3, 0.3, 1.3, 'y', cx, 2.1, 0, 12),
    box(1.6, 0.3, 1.6, cx, 1.35, 0),
    box(0.7, 0.45, 1.2, gx, 2.45, 0),
  ]);
}
