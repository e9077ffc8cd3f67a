/**
 * The glass lines: furnace zones (heat-mapped), refractory, steel, lehr, belt and press, each one
 * InstancedMesh over all lines, so three lines cost six draw calls.
 */
import { pointerCursor } from './pointer-cursor.ts';
import type { ThreeEvent } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import type { BufferGeometry, InstancedMesh, Material } from 'three';
import { heatColor, REFRACTORY } from './colors.ts';
import { colorsChanged, placeInstance } from './instancing.ts';
import { accentGeometry, beltGeometry, lehrGeometry, refractoryGeometry, steelGeometry, zoneGeometry } from './line-geometry.ts';
import { setInstanceRgb, type SceneMaterials } from './materials.ts';
import { LINE, lineZ, zoneCount } from './plant-layout.ts';
import type { SceneAsset } from './scene-data.ts';
import { useThrottledFrame } from './scene-frame.tsx';

interface Props {
  readonly lines: readonly SceneAsset[];
  readonly materials: SceneMaterials;
  readonly heatMap: boolean;
  readonly onPick: (e: ThreeEvent<MouseEvent>, assetId: string) => void;
}

/** One part of every line, as instances placed at each line's z. */
function LinePart({ geometry, material, lines, onPick }: { geometry: BufferGeometry; material: Material; lines: readonly SceneAsset[]; onPick: Props['onPick'] }) {
  const ref = useRef<InstancedMesh>(null);
  useLayoutEffect(() => {
    const mesh = ref.current!;
    lines.forEach((_, i) => placeInstance(mesh, i, 0, 0, lineZ(i)));
    mesh.computeBoundingSphere();
  }, [lines]);
  return (
    <instancedMesh
      ref={ref}
      args={[geometry, material, lines.length]}
      {...pointerCursor}
      onClick={(e) => e.instanceId !== undefined && onPick(e, lines[e.instanceId]!.id)}
    />
  );
}

/** Furnace zone blocks of every line; colours follow the zone thermocouples at 4 Hz. */
function FurnaceZones({ lines, materials, heatMap, onPick }: Props) {
  const zones = lines.length ? zoneCount(lines[0]!) : 8;
  const geometry = useMemo(() => zoneGeometry(zones), [zones]);
  useLayoutEffect(() => () => geometry.dispose(), [geometry]);
  const ids = useMemo(() => lines.flatMap((l) => Array.from({ length: zones }, (_, k) => `${l.id}.furnace.zone${k + 1}_temp`)), [lines, zones]);
  const ref = useRef<InstancedMesh>(null);
  useLayoutEffect(() => {
    const mesh = ref.current!;
    const len = (LINE.furnace.x1 - LINE.furnace.x0) / zones;
    lines.forEach((_, i) => {
      for (let k = 0; k < zones; k++) {
        placeInstance(mesh, i * zones + k, LINE.furnace.x0 + len * (k + 0.5), 0, lineZ(i));
        setInstanceRgb(mesh, i * zones + k, REFRACTORY);
      }
    });
    colorsChanged(mesh);
    mesh.computeBoundingSphere();
  }, [lines, zones]);
  useThrottledFrame(4, (f) => {
    const mesh = ref.current;
    if (!mesh) return;
    materials.zoneGlow.value = heatMap ? 0.85 : 0;
    for (let i = 0; i < ids.length; i++) setInstanceRgb(mesh, i, heatMap ? heatColor(f.state.latest[ids[i]!]?.v) : REFRACTORY);
    colorsChanged(mesh);
  });
  return (
    <instancedMesh
      ref={ref}
      args={[geometry, materials.zones, ids.length]}
      {...pointerCursor}
      onClick={(e) => e.instanceId !== undefined && onPick(e, lines[Math.floor(e.instanceId / zones)]!.id)}
    />
  );
}

/** All glass lines' static equipment plus the heat-mapped furnace zones. */
export function GlassLines(props: Props) {
  const { lines, materials, onPick } = props;
  const parts = useMemo(
    () => [
      { key: 'refractory', geometry: refractoryGeometry(), material: materials.refractory },
      { key: 'steel', geometry: steelGeometry(), material: materials.steel },
      { key: 'lehr', geometry: lehrGeometry(), material: materials.lehr },
      { key: 'belt', geometry: beltGeometry(), material: materials.belt },
      { key: 'accent', geometry: accentGeometry(), material: materials.accent },
    ],
    [materials],
  );
  useLayoutEffect(() => () => parts.forEach((p) => p.geometry.dispose()), [parts]);
  if (lines.length === 0) return null;
  return (
    <group>
      <FurnaceZones {...props} />
      {parts.map((p) => (
        <LinePart key={`${p.key}-${lines.length}`} geometry={p.geometry} material={p.material} lines={lines} onPick={onPick} />
      ))}
    </group>
  );
}
