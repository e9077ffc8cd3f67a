/** Small helpers to build merged low-poly geometry from primitives: one draw call per material. */
import { BoxGeometry, type BufferGeometry, CylinderGeometry } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

/** Axis a cylinder's length runs along. */
export type Axis = 'x' | 'y' | 'z';

/** A box of size (sx, sy, sz) centred at (x, y, z). */
export function box(sx: number, sy: number, sz: number, x: number, y: number, z: number): BufferGeometry {
  return new BoxGeometry(sx, sy, sz).translate(x, y, z);
}

/** A cylinder (or cone: rTop ≠ rBottom) of length `len` along `axis`, centred at (x, y, z). */
export function cyl(rTop: number, rBottom: number, len: number, axis: Axis, x: number, y: number, z: number, segments = 14, open = false): BufferGeometry {
  const g = new CylinderGeometry(rTop, rBottom, len, segments, 1, open);
  if (axis === 'x') g.rotateZ(-Math.PI / 2);
  if (axis === 'z') g.rotateX(Math.PI / 2);
  return g.translate(x, y, z);
}

/** Merges parts into one geometry and disposes the parts. */
export function merge(parts: readonly BufferGeometry[]): BufferGeometry {
  // Primitives mix indexed and non-indexed in no case here, but normalise anyway: mergeGeometries needs one kind.
  const indexed = parts.every((p) => p.index !== null);
  const input = indexed ? parts : parts.map((p) => (p.index ? p.toNonIndexed() : p));
  const merged = mergeGeometries(input as BufferGeometry[], false);
  if (!merged) throw new Error('merge: incompatible geometry parts');
  for (const p of parts) p.dispose();
  if (!indexed) for (const p of input) p.dispose();
  merged.computeBoundingSphere();
  return merged;
}
