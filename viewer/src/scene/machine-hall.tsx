/**
 * The machine fleet: one InstancedMesh per machine type, instance colour = health (4 Hz), plus one
 * instanced plinth for all, and the yellow bay markings on the floor.
 */
import { pointerCursor } from './pointer-cursor.ts';
import type { ThreeEvent } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { BoxGeometry, type InstancedMesh } from 'three';
import { healthColor, NO_MODEL } from './colors.ts';
import { box, merge } from './geometry-kit.ts';
import { colorsChanged, placeInstance } from './instancing.ts';
import { machineGeometry, PLINTH_M } from './machine-geometry.ts';
import { setInstanceRgb, type SceneMaterials } from './materials.ts';
import { type AssetPlacement, HALL, hallBays } from './plant-layout.ts';
import { useThrottledFrame } from './scene-frame.tsx';

type Pick = (e: ThreeEvent<MouseEvent>, assetId: string) => void;

/** The machines of one type. */
function MachineType({ type, machines, materials, onPick }: { type: string; machines: readonly AssetPlacement[]; materials: SceneMaterials; onPick: Pick }) {
  const geometry = useMemo(() => machineGeometry(type), [type]);
  useLayoutEffect(() => () => geometry.dispose(), [geometry]);
  const ref = useRef<InstancedMesh>(null);
  useLayoutEffect(() => {
    const mesh = ref.current!;
    machines.forEach((p, i) => {
      placeInstance(mesh, i, p.x, 0, p.z);
      setInstanceRgb(mesh, i, NO_MODEL);
    });
    colorsChanged(mesh);
    mesh.computeBoundingSphere();
  }, [machines]);
  useThrottledFrame(4, (f) => {
    const mesh = ref.current;
    if (!mesh) return;
    for (let i = 0; i < machines.length; i++) setInstanceRgb(mesh, i, healthColor(f.state.health[machines[i]!.id]));
    colorsChanged(mesh);
  });
  return <instancedMesh ref={ref} args={[geometry, materials.machine, machines.length]} {...pointerCursor} onClick={(e) => e.instanceId !== undefined && onPick(e, machines[e.instanceId]!.id)} />;
}

/** Plinths under the machines that stand on one (conveyors and cooling towers stand on the floor). */
function Plinths({ machines, materials }: { machines: readonly AssetPlacement[]; materials: SceneMaterials }) {
  const onPlinth = useMemo(() => machines.filter((p) => p.type !== 'conveyor' && p.type !== 'cooling_tower'), [machines]);
  const geometry = useMemo(() => new BoxGeometry(1, PLINTH_M, 1).translate(0, PLINTH_M / 2, 0), []);
  useLayoutEffect(() => () => geometry.dispose(), [geometry]);
  const ref = useRef<InstancedMesh>(null);
  useLayoutEffect(() => {
    const mesh = ref.current!;
    onPlinth.forEach((p, i) => placeInstance(mesh, i, p.x, 0, p.z, p.sizeX, 1, p.sizeZ));
    mesh.computeBoundingSphere();
  }, [onPlinth]);
  return <instancedMesh ref={ref} args={[geometry, materials.plinth, Math.max(1, onPlinth.length)]} count={onPlinth.length} raycast={() => null} />;
}

/** Yellow walkway lines around each bay, one merged mesh. */
function BayMarkings({ machines, materials }: { machines: readonly AssetPlacement[]; materials: SceneMaterials }) {
  const geometry = useMemo(() => {
    const w = 0.12;
    const d = HALL.bayDepthM - 2;
    const parts = hallBays(machines).flatMap((b) => [
      box(b.x1 - b.x0, 0.01, w, (b.x0 + b.x1) / 2, 0.006, b.z - d / 2),
      box(b.x1 - b.x0, 0.01, w, (b.x0 + b.x1) / 2, 0.006, b.z + d / 2),
      box(w, 0.01, d, b.x0, 0.006, b.z),
      box(w, 0.01, d, b.x1, 0.006, b.z),
    ]);
    return parts.length ? merge(parts) : null;
  }, [machines]);
  useLayoutEffect(() => () => geometry?.dispose(), [geometry]);
  return geometry ? <mesh geometry={geometry} material={materials.marking} raycast={() => null} /> : null;
}

/** The hall: bays of machines by type. */
export function MachineHall({ placements, materials, onPick }: { placements: readonly AssetPlacement[]; materials: SceneMaterials; onPick: Pick }) {
  const machines = useMemo(() => placements.filter((p) => p.kind === 'machine'), [placements]);
  const byType = useMemo(() => {
    const m = new Map<string, AssetPlacement[]>();
    for (const p of machines) m.set(p.type, [...(m.get(p.type) ?? []), p]);
    return [...m];
  }, [machines]);
  if (machines.length === 0) return null;
  return (
    <group>
      {byType.map(([type, ps]) => (
        <MachineType key={`${type}-${ps.length}`} type={type} machines={ps} materials={materials} onPick={onPick} />
      ))}
      <Plinths key={machines.length} machines={machines} materials={materials} />
      <BayMarkings machines={machines} materials={materials} />
    </group>
  );
}
