/**
 * Recommendation overlay: a green box around the equipment each recommended setpoint change acts on,
 * with a tag "name current → proposed unit". Recommendations change rarely: React renders them from a
 * store subscription (not per frame).
 */
import { SceneHtml as Html } from './scene-html.tsx';
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { BoxGeometry, EdgesGeometry, LineBasicMaterial, MeshBasicMaterial } from 'three';
import { recommendationText } from './label-format.ts';
import { setpointTarget } from './overlay-targets.ts';
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
  return (
    <group>
      {recs.map((r) => {
        const t = setpointTarget(r.setpointId, placements);
        if (!t) return null;
        const sp = units.get(r.setpointId);
        const b = t.box;
        const text = recommendationText(sp?.name ?? r.setpointId.split('.').pop() ?? r.setpointId, r.current, r.proposed, r.unit ?? sp?.unit ?? '');
        return (
          <group key={r.id} position={[b.cx, b.cy, b.cz]}>
            <mesh geometry={res.box} material={res.fill} scale={[b.sx, b.sy, b.sz]} raycast={() => null} />
            <lineSegments geometry={res.edges} material={res.line} scale={[b.sx, b.sy, b.sz]} raycast={() => null} />
            <Html position={[0, b.sy / 2 + 0.6, 0]} center zIndexRange={[30, 20]} style={{ pointerEvents: 'none' }}>
              <div style={tagStyle('#2ee27a')} data-testid="recommendation-tag">
                {t.asset} · {text}
              </div>
            </Html>
          </group>
        );
      })}
    </group>
  );
}
