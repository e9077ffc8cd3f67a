/** Static titles: each line's name at its charging end, each hall bay's machine type. */
import { SceneHtml as Html } from './scene-html.tsx';
import { useMemo } from 'react';
import { type AssetPlacement, HALL, hallBays, LINE, lineZ } from './plant-layout.ts';
import { TITLE_STYLE } from './tag-style.ts';

const BAY_NAMES: Readonly<Record<string, string>> = { cnc: 'CNC machines', cooling_tower: 'Cooling towers', hydraulic: 'Hydraulic units' };

/** Title of a hall bay: `pump` → `Pumps`. */
export function bayTitle(type: string): string {
  return BAY_NAMES[type] ?? `${type.charAt(0).toUpperCase()}${type.slice(1).replace(/_/g, ' ')}s`;
}

/** Line and bay titles (DOM, drawn once; drei moves them with the camera). */
export function Titles({ placements }: { placements: readonly AssetPlacement[] }) {
  const lines = useMemo(() => placements.filter((p) => p.kind === 'line'), [placements]);
  const bays = useMemo(() => hallBays(placements), [placements]);
  return (
    <group>
      {lines.map((p, i) => (
        <Html key={p.id} position={[LINE.furnace.x0 - 4, 0.5, lineZ(i)]} center zIndexRange={[10, 0]} style={{ pointerEvents: 'none' }}>
          <div style={{ ...TITLE_STYLE, fontSize: 15 }}>{p.id.replace(/_/g, ' ')}</div>
        </Html>
      ))}
      {bays.map((b) => (
        // Inside the bay along its front walkway line (the text sits just behind it): recommendation and
        // sensor tags rise above the machines towards the bay's back, so a title here never hides under one.
        <Html key={b.type} position={[b.x0 + 0.4, 0.1, b.z + (HALL.bayDepthM - 2) / 2 - 0.2]} zIndexRange={[10, 0]} style={{ pointerEvents: 'none' }}>
          <div style={{ ...TITLE_STYLE, transform: 'translateY(-100%)' }}>{bayTitle(b.type)}</div>
        </Html>
      ))}
    </group>
  );
}
