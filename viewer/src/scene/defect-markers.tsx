/**
 * Defect overlays. Red: rejected units on each line's reject table with a marker where inspection
 * found the defect. Yellow: predicted defects on the belt ahead of inspection, where the unit
 * expected to carry one is now. Instanced, updated at 4 Hz (they move at most a few metres a second).
 */
import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { BoxGeometry, type InstancedMesh, MeshBasicMaterial, MeshStandardMaterial, OctahedronGeometry, SphereGeometry } from 'three';
import { predictedUnitX } from './belt.ts';
import { placeInstance } from './instancing.ts';
import { rejectSlots, REJECT_SLOTS } from './overlay-targets.ts';
import { LINE, lineZ } from './plant-layout.ts';
import { beltSpeedMpm, type SceneAsset } from './scene-data.ts';
import { useSceneFrame, useThrottledFrame } from './scene-frame.tsx';

const TABLE_Y = 0.84;
const MAX_PREDICTED_PER_LINE = 8;

/** Red markers on rejected units. */
export function DefectMarkers({ lines }: { lines: readonly SceneAsset[] }) {
  const res = useMemo(
    () => ({
      plate: new BoxGeometry(1.1, 0.06, 0.7),
      dot: new SphereGeometry(0.11, 10, 8),
      plateMat: new MeshStandardMaterial({ color: 0xbfe8f2, roughness: 0.1, transparent: true, opacity: 0.7 }),
      dotMat: new MeshBasicMaterial({ color: 0xff2a3a }),
    }),
    [],
  );
  useLayoutEffect(() => () => Object.values(res).forEach((r) => r.dispose()), [res]);
  const plates = useRef<InstancedMesh>(null);
  const dots = useRef<InstancedMesh>(null);
  const capacity = Math.max(1, lines.length * REJECT_SLOTS);
  useThrottledFrame(4, (f) => {
    const p = plates.current;
    const d = dots.current;
    if (!p || !d) return;
    let n = 0;
    lines.forEach((line, i) => {
      for (const s of rejectSlots(f.state.defects, line.id, i, f.timeMs)) {
        placeInstance(p, n, s.x, TABLE_Y, s.z);
        // The newest reject's marker is larger, so a fresh defect catches the eye.
        const k = n === 0 || s.defect.timeMs > f.timeMs - 10_000 ? 1.6 : 1;
        placeInstance(d, n, s.markerX, TABLE_Y + 0.08, s.markerZ, k, k, k);
        n++;
      }
    });
    p.count = n;
    d.count = n;
  });
  return (
    <group>
      <instancedMesh ref={plates} args={[res.plate, res.plateMat, capacity]} count={0} frustumCulled={false} raycast={() => null} />
      <instancedMesh ref={dots} args={[res.dot, res.dotMat, capacity]} count={0} frustumCulled={false} raycast={() => null} />
    </group>
  );
}

/** Yellow diamonds over the belt where predicted defects are now; they bob so they read as a forecast. */
export function PredictedDefectMarkers({ lines }: { lines: readonly SceneAsset[] }) {
  const frame = useSceneFrame();
  const res = useMemo(() => ({ geometry: new OctahedronGeometry(0.45, 0), material: new MeshBasicMaterial({ color: 0xffd23f }) }), []);
  useLayoutEffect(() => () => (res.geometry.dispose(), res.material.dispose()), [res]);
  const ref = useRef<InstancedMesh>(null);
  useFrame(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const bob = 0.15 * Math.sin(frame.wallS * 3);
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const speed = beltSpeedMpm(frame.state, line.id) ?? 0;
      let onLine = 0;
      for (const p of frame.state.predictedDefects) {
        if (p.asset !== line.id || onLine >= MAX_PREDICTED_PER_LINE) continue;
        const x = predictedUnitX(p.expectedAtMs, frame.timeMs, speed);
        if (x == null) continue;
        const z = lineZ(i) + ((p.y ?? 0.5) - 0.5) * 0.8;
        const s = 0.6 + 0.6 * Math.min(1, Math.max(0, p.probability));
        placeInstance(mesh, n++, x, LINE.lehr.height + 1.1 + bob, z, s, s * 1.4, s);
        onLine++;
      }
    }
    mesh.count = n;
  });
  return <instancedMesh ref={ref} args={[res.geometry, res.material, Math.max(1, lines.length * MAX_PREDICTED_PER_LINE)]} count={0} frustumCulled={false} raycast={() => null} />;
}
