/** Helpers for InstancedMesh: place instances without allocating. */
import { type InstancedMesh, Matrix4 } from 'three';

const m = new Matrix4();

/** Sets instance `i` to a translation (and optional scale), marking the matrices for upload. */
export function placeInstance(mesh: InstancedMesh, i: number, x: number, y: number, z: number, sx = 1, sy = 1, sz = 1): void {
  m.makeScale(sx, sy, sz).setPosition(x, y, z);
  mesh.setMatrixAt(i, m);
  mesh.instanceMatrix.needsUpdate = true;
}

/** Marks instance colours for upload (after `setColorAt`). */
export function colorsChanged(mesh: InstancedMesh): void {
  if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
}
