/** Glass units riding the belts at each line's simulated belt speed: one InstancedMesh for all lines. */
import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { BoxGeometry, type InstancedMesh } from 'three';
import { BeltTravel, UNIT_PITCH_M, unitPositions } from './belt.ts';
import { placeInstance } from './instancing.ts';
import type { SceneMaterials } from './materials.ts';
import { LINE, lineZ } from './plant-layout.ts';
import { beltSpeedMpm, type SceneAsset } from './scene-data.ts';
import { useSceneFrame } from './scene-frame.tsx';

/** Units one line's belt can hold at the nominal pitch. */
export const UNITS_PER_LINE = Math.floor((LINE.belt.x1 - LINE.unitStartX) / UNIT_PITCH_M) + 1;
/** Size of a unit on the belt (a pressed glass article, drawn as a plate), metres. */
export const UNIT_SIZE = { x: 1.3, y: 0.12, z: 1.3 } as const;

/** Moves every line's units; one travel integrator per line. */
export function GlassUnits({ lines, materials }: { lines: readonly SceneAsset[]; materials: SceneMaterials }) {
  const frame = useSceneFrame();
  const ref = useRef<InstancedMesh>(null);
  const geometry = useMemo(() => new BoxGeometry(UNIT_SIZE.x, UNIT_SIZE.y, UNIT_SIZE.z), []);
  useLayoutEffect(() => () => geometry.dispose(), [geometry]);
  const travel = useMemo(() => lines.map(() => new BeltTravel()), [lines]);
  const xs = useMemo(() => new Float32Array(UNITS_PER_LINE), []);
  useFrame(() => {
    const mesh = ref.current;
    if (!mesh) return;
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      const speed = beltSpeedMpm(frame.state, lines[i]!.id) ?? 0;
      const count = unitPositions(travel[i]!.update(frame.timeMs, speed), xs);
      for (let k = 0; k < count; k++) placeInstance(mesh, n++, xs[k]!, LINE.belt.height + 0.06 + UNIT_SIZE.y / 2, lineZ(i));
    }
    mesh.count = n;
  });
  return <instancedMesh ref={ref} args={[geometry, materials.glass, Math.max(1, lines.length * UNITS_PER_LINE)]} frustumCulled={false} />;
}
