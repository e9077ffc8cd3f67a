/**
 * The two walks of the port, level by level, over whatever answers "the edges at these nodes": the
 * embedded store answers from memory, Neo4j with one query per level. Both therefore find the same
 * ancestors with the same paths.
 */
import type { EdgeKind, GraphEdge } from './graph-model.ts';

/** The edges into (`in`), out of (`out`) or at (`both`) any of `ids`, of `kinds` (all kinds when null). */
export type EdgesAt = (ids: readonly string[], direction: 'in' | 'out' | 'both', kinds: readonly EdgeKind[] | null) => readonly GraphEdge[] | Promise<readonly GraphEdge[]>;

export interface FoundAncestor {
  readonly id: string;
  readonly hops: number;
  /** Edge ids from the ancestor to the start, in causal order. */
  readonly path: readonly string[];
}

/**
 * Breadth-first against the edges: nearest first, then by id. Of a node's shortest paths the one kept
 * has the smallest edge ids in causal order. Choosing, at each node, the smallest id among its edges
 * into the level below gives exactly that: those edges all differ, so the first one decides.
 * @example await walkAncestors('defect:crack', 3, ['CAUSES'], edgesAt) // [{ id: 'variable:cooling', hops: 1, path: ['CAUSES:variable:cooling->defect:crack'] }, …]
 */
export async function walkAncestors(start: string, maxHops: number, via: readonly EdgeKind[], edgesAt: EdgesAt): Promise<FoundAncestor[]> {
  const paths = new Map<string, readonly string[]>([[start, []]]);
  const found: FoundAncestor[] = [];
  let level: string[] = [start];
  for (let hops = 1; hops <= maxHops && level.length > 0 && via.length > 0; hops++) {
    const best = new Map<string, GraphEdge>();
    const below = new Set(level);
    for (const e of await edgesAt(level, 'in', via)) {
      if (!via.includes(e.kind) || paths.has(e.from) || !below.has(e.to)) continue;
      const b = best.get(e.from);
      if (!b || e.id < b.id) best.set(e.from, e);
    }
    level = [...best.keys()].sort();
    for (const id of level) {
      const e = best.get(id)!;
      const path = [e.id, ...paths.get(e.to)!];
      paths.set(id, path);
      found.push({ id, hops, path });
    }
  }
  return found;
}

/** The nodes within `maxDepth` edges of the roots, whatever the edges' direction and kind (roots included). */
export async function walkAround(roots: readonly string[], maxDepth: number, edgesAt: EdgesAt): Promise<Set<string>> {
  const reached = new Set(roots);
  let level = [...reached].sort();
  for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
    const next = new Set<string>();
    for (const e of await edgesAt(level, 'both', null)) {
      for (const end of [e.from, e.to]) if (!reached.has(end)) next.add(end);
    }
    for (const id of next) reached.add(id);
    level = [...next].sort();
  }
  return reached;
}
