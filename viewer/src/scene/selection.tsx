/** Selection and keyboard-focus outlines: a box of edges fitted to the asset, cyan when selected. */
import { useLayoutEffect, useMemo } from 'react';
import { BoxGeometry, EdgesGeometry, LineBasicMaterial, LineDashedMaterial } from 'three';
import type { AssetPlacement } from './plant-layout.ts';

/** Outline of the selected asset and, if different, of the focused one. */
export function SelectionOutlines({ placements, selected, focused }: { placements: readonly AssetPlacement[]; selected: string | null; focused: string | null }) {
  const res = useMemo(() => {
    const box = new BoxGeometry(1, 1, 1);
    const edges = new EdgesGeometry(box);
    box.dispose();
    return { edges, selected: new LineBasicMaterial({ color: 0x36d6ff }), focused: new LineDashedMaterial({ color: 0xffffff, dashSize: 0.06, gapSize: 0.04 }) };
  }, []);
  useLayoutEffect(() => () => Object.values(res).forEach((r) => r.dispose()), [res]);
  const outline = (id: string | null, material: LineBasicMaterial | LineDashedMaterial, pad: number) => {
    const p = id ? placements.find((q) => q.id === id) : undefined;
    if (!p) return null;
    return (
      <lineSegments
        key={`${id}-${material.type}`}
        geometry={res.edges}
        material={material}
        position={[p.x, (p.height + pad) / 2, p.z]}
        scale={[p.sizeX + pad, p.height + pad, p.sizeZ + pad]}
        onUpdate={(l) => l.computeLineDistances()}
        raycast={() => null}
      />
    );
  };
  return (
    <group>
      {outline(selected, res.selected, 0.5)}
      {focused !== selected && outline(focused, res.focused, 0.8)}
    </group>
  );
}
