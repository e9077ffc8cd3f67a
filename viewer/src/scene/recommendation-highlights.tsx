/**
 * Recommendation overlay: a green box around the equipment each recommended setpoint change acts on,
 * and per asset one tag listing "name current → proposed unit" (recommendation-groups.ts).
 * Recommendations change rarely: React renders them from a store subscription (not per frame).
 */
import { SceneHtml as Html } from './scene-html.tsx';
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { BoxGeometry, EdgesGeometry, LineBasicMaterial, MeshBasicMaterial } from 'three';
import { highlightGroups } from './recommendation-groups.ts';
import type { AssetPlacement } from './plant-layout.ts';
import type { SceneDataSource, SceneRecommendation, SceneTopology } from './scene-data.ts';
import { tagStyle } from './tag-style.ts';

/** Green highlights and tags for the current recommendations. */
export function RecommendationHighlights({ data, placements, topology }: { data: SceneDataSource; placements: readonly AssetPlacement[]; topology: SceneTopology }) {
  const [recs, setRecs] = useState<readonly SceneRecommendation[]>(() => data.getState().recommendations);
  useEffect(() => data.subscribe(() => setRecs(data.getState().recommendations)), [data]);
  const res = useMemo(() => {
    const box = new BoxGeometry(1, 1, 1);
    return {
      box,
      edges: new EdgesGeometry(box),
      fill: new MeshBasicMaterial({ color: 0x2ee27a, transparent: true, opacity: 0.14, depthWrite: false }),
      line: new LineBasicMaterial({ color: 0x2ee27a }),
    };
  }, []);
  useLayoutEffect(() => () => Object.values(res).forEach((r) => r.dispose()), [res]);
  const units = useMemo(() => new Map(topology.assets.flatMap((a) => a.setpoints.map((s) => [s.id, s] as const))), [topology]);
  const groups = useMemo(() => highlightGroups(recs, placements, (id) => units.get(id)), [recs, placements, units]);
  return (
    <group>
      {groups.map((g) => (
        <group key={g.asset}>
          {g.boxes.map((b) => (
            <group key={`${b.cx},${b.cy},${b.cz}`} position={[b.cx, b.cy, b.cz]}>
              <mesh geometry={res.box} material={res.fill} scale={[b.sx, b.sy, b.sz]} raycast={() => null} />
              <lineSegments geometry={res.edges} material={res.line} scale={[b.sx, b.sy, b.sz]} raycast={() => null} />
            </group>
          ))}
          <Html position={[...g.tagAt]} center zIndexRange={[30, 20]} style={{ pointerEvents: 'none' }}>
            <div style={tagStyle('#2ee27a')} data-testid="recommendation-tag">
              {[`${g.asset} · optimizer`, ...g.lines].join('\n')}
            </div>
          </Html>
        </group>
      ))}
    </group>
  );
}
