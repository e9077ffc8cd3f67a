/**
 * What the recommendation overlay draws: one box per station a change acts on, and one tag per
 * asset listing its moves. A proposal for a line usually moves five setpoints on three adjacent
 * stations; a tag per setpoint stacked those tags over each other, unreadable.
 */
import { recommendationText } from './label-format.ts';
import { setpointTarget, type Box3D } from './overlay-targets.ts';
import type { AssetPlacement } from './plant-layout.ts';
import type { SceneRecommendation } from './scene-data.ts';

export interface HighlightGroup {
  readonly asset: string;
  /** Distinct boxes, in the order of the moves. */
  readonly boxes: readonly Box3D[];
  /** One line per move: "furnace temp 1500 → 1440 °C". */
  readonly lines: readonly string[];
  /** Where the tag stands: above the first box, at the height of the tallest. */
  readonly tagAt: readonly [number, number, number];
}

/** Groups the highlighted moves by asset; moves on unknown assets are left out. */
export function highlightGroups(recs: readonly SceneRecommendation[], placements: readonly AssetPlacement[], setpointOf: (id: string) => { readonly name: string; readonly unit: string } | undefined): HighlightGroup[] {
  const groups = new Map<string, { boxes: Box3D[]; lines: string[] }>();
  for (const r of recs) {
    const t = setpointTarget(r.setpointId, placements);
    if (!t) continue;
    const g = groups.get(t.asset) ?? { boxes: [], lines: [] };
    groups.set(t.asset, g);
    if (!g.boxes.some((b) => b.cx === t.box.cx && b.cy === t.box.cy && b.cz === t.box.cz && b.sx === t.box.sx)) g.boxes.push(t.box);
    const sp = setpointOf(r.setpointId);
    g.lines.push(recommendationText(sp?.name ?? r.setpointId.split('.').pop() ?? r.setpointId, r.current, r.proposed, r.unit ?? sp?.unit ?? ''));
  }
  return [...groups].map(([asset, g]) => {
    const first = g.boxes[0]!;
    const top = Math.max(...g.boxes.map((b) => b.cy + b.sy / 2));
    return { asset, boxes: g.boxes, lines: g.lines, tagAt: [first.cx, top + 0.6, first.cz] as const };
  });
}
