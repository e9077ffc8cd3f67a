/**
 * A deterministic layered layout of a causal subgraph, read left → right: equipment and sensors,
 * then variables (a variable caused by another sits one column further right), then defects and
 * failure modes, then interventions, then incidents. Within a column nodes are ordered by the mean
 * row of their neighbours in the column before (two sweeps, ties by id), so the edges cross little
 * and the same graph always lands the same way (no random force layout: an operator who comes back
 * finds the furnace where it was).
 */
import type { KgEdge, KgNode } from '../../../protocol/knowledge.ts';

export interface KgPosition {
  readonly x: number;
  readonly y: number;
  /** The column (0 = leftmost). */
  readonly layer: number;
}

/** The column band of each kind; variables take as many columns as the longest CAUSES chain among them. */
const BAND: Record<KgNode['kind'], 'source' | 'variable' | 'symptom' | 'intervention' | 'record'> = {
  Equipment: 'source',
  Sensor: 'source',
  Variable: 'variable',
  DefectType: 'symptom',
  FailureMode: 'symptom',
  Intervention: 'intervention',
  Incident: 'record',
  Deviation: 'record',
};

/** Horizontal distance between columns and vertical distance between rows, in graph units. */
export const LAYER_GAP = 10;
export const ROW_GAP = 2;

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Depth of each variable along CAUSES edges among the variables (0 = none of them causes it); a cycle does not loop. */
function variableDepths(vars: readonly string[], edges: readonly KgEdge[]): Map<string, number> {
  const isVar = new Set(vars);
  const parents = new Map<string, string[]>(vars.map((v) => [v, []]));
  for (const e of edges) if (e.kind === 'CAUSES' && isVar.has(e.from) && isVar.has(e.to) && e.from !== e.to) parents.get(e.to)!.push(e.from);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const walk = (v: string): number => {
    const known = depth.get(v);
    if (known !== undefined) return known;
    if (visiting.has(v)) return 0; // a cycle: the back edge does not count
    visiting.add(v);
    const d = Math.max(-1, ...parents.get(v)!.map(walk)) + 1;
    visiting.delete(v);
    depth.set(v, d);
    return d;
  };
  [...vars].sort(byId).forEach(walk);
  return depth;
}

/**
 * Positions for every node of the subgraph.
 * @example layoutKg(subgraph.nodes, subgraph.edges).get('variable:Line_A.furnace_temp') // { x: 10, y: -1, layer: 1 }
 */
export function layoutKg(nodes: readonly KgNode[], edges: readonly KgEdge[]): Map<string, KgPosition> {
  const ids = new Set(nodes.map((n) => n.id));
  const inGraph = edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const vars = nodes.filter((n) => n.kind === 'Variable').map((n) => n.id);
  const depth = variableDepths(vars, inGraph);
  const varCols = vars.length === 0 ? 0 : Math.max(...depth.values()) + 1;
  const layerOf = (n: KgNode): number => {
    switch (BAND[n.kind]) {
      case 'source':
        return 0;
      case 'variable':
        return 1 + depth.get(n.id)!;
      case 'symptom':
        return 1 + varCols;
      case 'intervention':
        return 2 + varCols;
      default:
        return 3 + varCols;
    }
  };
  const layer = new Map(nodes.map((n) => [n.id, layerOf(n)]));
  const columns: string[][] = [];
  for (const n of nodes) (columns[layer.get(n.id)!] ??= []).push(n.id);
  const cols = columns.filter((c) => c !== undefined).map((c) => [...new Set(c)].sort(byId));

  const neighbours = new Map<string, string[]>([...ids].map((id) => [id, []]));
  for (const e of inGraph) {
    neighbours.get(e.from)!.push(e.to);
    neighbours.get(e.to)!.push(e.from);
  }
  const row = new Map<string, number>();
  const place = (col: readonly string[]) => col.forEach((id, i) => row.set(id, i - (col.length - 1) / 2));
  cols.forEach(place);
  // Barycentre sweeps, right then left: each node to the mean row of its neighbours (ties by id).
  const sweep = (order: readonly number[]) => {
    for (const c of order) {
      const col = cols[c]!;
      const key = new Map(
        col.map((id) => {
          const ys = neighbours.get(id)!.map((m) => row.get(m)!);
          return [id, ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : row.get(id)!];
        }),
      );
      col.sort((a, b) => key.get(a)! - key.get(b)! || byId(a, b));
      place(col);
    }
  };
  const idx = cols.map((_, i) => i);
  for (let pass = 0; pass < 2; pass++) {
    sweep(idx.slice(1));
    sweep(idx.slice(0, -1).reverse());
  }
  const out = new Map<string, KgPosition>();
  cols.forEach((col, c) => col.forEach((id) => out.set(id, { x: c * LAYER_GAP, y: 0 - row.get(id)! * ROW_GAP, layer: c })));
  return out;
}
