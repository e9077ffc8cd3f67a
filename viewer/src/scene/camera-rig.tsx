/**
 * Orbit/pan/zoom camera (drei OrbitControls) that starts framed on the plant and flies to an asset on
 * request (F key, or a double click), easing over a few frames.
 */
import { OrbitControls } from '@react-three/drei';
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { Vector3 } from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { type AssetPlacement, plantBounds } from './plant-layout.ts';

/** Camera goal (position and look-at) that frames a box of this centre and radius from the south-east. */
export function framing(cx: number, cz: number, radius: number, cy = 0, aspect = 1.6): { position: [number, number, number]; target: [number, number, number] } {
  // 2.6 radii: the line titles left of the furnaces stay in view in a 16:10 panel; a narrower panel
  // (the side panel takes half the width) moves back, the fov being vertical; by the square root of how
  // much narrower it is, since the plant's depth foreshortens and only its width needs the room.
  const d = Math.max(6, radius * 2.6 * Math.max(1, Math.sqrt(1.6 / Math.max(0.2, aspect))));
  return { position: [cx - d * 0.18, cy + d * 0.72, cz + d * 0.68], target: [cx, cy, cz] };
}

/** Frames the whole plant; flies to `focus.id` whenever `focus.n` changes. */
export function CameraRig({ placements, focus, enabled = true }: { placements: readonly AssetPlacement[]; focus: { id: string | null; n: number }; enabled?: boolean }) {
  const controls = useRef<OrbitControlsImpl>(null);
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  const goal = useRef<{ position: Vector3; target: Vector3 } | null>(null);
  const size = useThree((s) => s.size);
  const aspect = size.height > 0 ? size.width / size.height : 1.6;
  const home = useMemo(() => {
    const [x0, z0, x1, z1] = plantBounds(placements);
    // Aim a little past the centre: perspective makes the near (hall) side look larger than the far side.
    return framing((x0 + x1) / 2, (z0 + z1) / 2 + (z1 - z0) * 0.12, Math.max(x1 - x0, z1 - z0) / 2, 0, aspect);
  }, [placements, aspect]);
  const framed = useRef(false);
  useEffect(() => {
    if (framed.current || placements.length === 0) return;
    framed.current = true;
    camera.position.set(...home.position);
    controls.current?.target.set(...home.target);
    controls.current?.update();
    invalidate();
  }, [camera, home, placements.length, invalidate]);
  useEffect(() => {
    if (focus.n === 0) return;
    const p = placements.find((q) => q.id === focus.id);
    const f = p ? framing(p.x, p.z, Math.hypot(p.sizeX, p.sizeZ) / 2 + 2, p.height / 2) : home;
    goal.current = { position: new Vector3(...f.position), target: new Vector3(...f.target) };
    invalidate();
  }, [focus, placements, home, invalidate]);
  useFrame((_, dtS) => {
    const g = goal.current;
    const c = controls.current;
    if (!g || !c) return;
    // Exponential ease: frame-rate independent, ~90 % of the way in 0.4 s.
    const k = 1 - Math.exp(-6 * Math.min(dtS, 0.1));
    camera.position.lerp(g.position, k);
    c.target.lerp(g.target, k);
    c.update();
    if (camera.position.distanceTo(g.position) < 0.05) goal.current = null;
    else invalidate();
  });
  return <OrbitControls ref={controls} makeDefault enabled={enabled} enableDamping={false} maxPolarAngle={Math.PI * 0.49} minDistance={3} maxDistance={400} />;
}
