/**
 * Belt-motion overlay: chevrons painted on each belt, scrolling at the line's belt speed. One
 * canvas texture drawn once; each line's strip has its own offset (a texture clone shares the image).
 */
import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo } from 'react';
import { CanvasTexture, MeshBasicMaterial, PlaneGeometry, RepeatWrapping, type Texture } from 'three';
import { BeltTravel } from './belt.ts';
import { LINE, lineZ } from './plant-layout.ts';
import { beltSpeedMpm, type SceneAsset } from './scene-data.ts';
import { useSceneFrame } from './scene-frame.tsx';

/** Metres of belt per chevron. */
const CHEVRON_M = 2;

function chevronTexture(): Texture {
  const c = document.createElement('canvas');
  c.width = 64;
  c.height = 64;
  const g = c.getContext('2d');
  if (g) {
    g.strokeStyle = 'rgba(80, 220, 255, 0.95)';
    g.lineWidth = 9;
    g.beginPath();
    g.moveTo(18, 8);
    g.lineTo(44, 32);
    g.lineTo(18, 56);
    g.stroke();
  }
  const t = new CanvasTexture(c);
  t.wrapS = RepeatWrapping;
  return t;
}

/** Scrolling chevrons over every belt. */
export function BeltMotion({ lines }: { lines: readonly SceneAsset[] }) {
  const frame = useSceneFrame();
  const lengthM = LINE.belt.x1 - LINE.belt.x0;
  const res = useMemo(() => {
    const base = chevronTexture();
    const geometry = new PlaneGeometry(lengthM, LINE.belt.width * 0.7).rotateX(-Math.PI / 2);
    const perLine = lines.map(() => {
      const map = base.clone();
      map.repeat.set(lengthM / CHEVRON_M, 1);
      return { map, material: new MeshBasicMaterial({ map, transparent: true, depthWrite: false }), travel: new BeltTravel() };
    });
    return { base, geometry, perLine };
  }, [lines, lengthM]);
  useLayoutEffect(
    () => () => {
      res.base.dispose();
      res.geometry.dispose();
      for (const p of res.perLine) (p.map.dispose(), p.material.dispose());
    },
    [res],
  );
  useFrame(() => {
    for (let i = 0; i < lines.length; i++) {
      const p = res.perLine[i]!;
      const travel = p.travel.update(frame.timeMs, beltSpeedMpm(frame.state, lines[i]!.id) ?? 0);
      // The texture moves opposite to its offset: a negative offset carries the chevrons downstream.
      p.map.offset.x = -(travel / CHEVRON_M) % 1;
    }
  });
  return (
    <group>
      {res.perLine.map((p, i) => (
        <mesh key={i} geometry={res.geometry} material={p.material} position={[(LINE.belt.x0 + LINE.belt.x1) / 2, LINE.belt.height + 0.075, lineZ(i)]} renderOrder={2} />
      ))}
    </group>
  );
}
