/**
 * Every write of a graph store as a plan: checked against what the store holds (a `GraphView`), then
 * a `GraphChanges` the store applies as a whole. Planning changes nothing, so a store that must make
 * a write durable first (SQL, Neo4j) applies the plan to memory only once its database took it, and a
 * refused write (INVALID, NOT_FOUND) leaves everything as it was.
 */
import { checkEdge, type GraphEdge, type GraphNode } from './graph-model.ts';
import { betaProblem, canonicalProps, checkId, edgeProblem, invalid, normalEdge, normalNode, nodeProblem, notFound } from './graph-checks.ts';

/** What a plan reads: the nodes and edges the store holds. */
export interface GraphView {
  node(id: string): GraphNode | undefined;
  edge(id: string): GraphEdge | undefined;
}

/** A write as a whole: nodes and edges inserted or replaced, edges removed. Already checked and normal. */
export interface GraphChanges {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly removedEdges: readonly string[];
}

export const NO_CHANGES: GraphChanges = Object.freeze({ nodes: [], edges: [], removedEdges: [] });

export const isEmpty = (c: GraphChanges): boolean => c.nodes.length === 0 && c.edges.length === 0 && c.removedEdges.length === 0;

/** A view of `view` with `changes` applied: what a plan sees of its own earlier steps. */
export function overlay(view: GraphView, changes: GraphChanges): GraphView {
  const nodes = new Map(changes.nodes.map((n) => [n.id, n]));
  const edges = new Map(changes.edges.map((e) => [e.id, e]));
  const removed = new Set(changes.removedEdges);
  return {
    node: (id) => nodes.get(id) ?? view.node(id),
    edge: (id) => (removed.has(id) ? undefined : (edges.get(id) ?? view.edge(id))),
  };
}

/** A view over plain lists (what Neo4j read for one write). */
export function listView(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphView {
  const n = new Map(nodes.map((x) => [x.id, x]));
  const e = new Map(edges.map((x) => [x.id, x]));
  return { node: (id) => n.get(id), edge: (id) => e.get(id) };
}

/**
 * Inserts or replaces nodes; the last of one id in a batch wins. A node keeps its kind: ids are
 * namespaced by kind (graph-model.ts), and its edges were checked against it.
 */
export function planNodes(nodes: readonly GraphNode[], view: GraphView): GraphChanges {
  if (!Array.isArray(nodes)) throw invalid('nodes is not a list');
  const out = new Map<string, GraphNode>();
  for (const n of nodes) {
    const problem = nodeProblem(n);
    if (problem) throw invalid(problem);
    const was = out.get(n.id) ?? view.node(n.id);
    if (was && was.kind !== n.kind) throw invalid(`node ${n.id} is a ${was.kind}: its kind cannot become ${n.kind} (ids are namespaced by kind)`);
    out.set(n.id, normalNode(n));
  }
  return { nodes: [...out.values()], edges: [], removedEdges: [] };
}

/** Inserts or replaces edges; refused as a whole when one has missing ends or ends of the wrong kinds. */
export function planEdges(edges: readonly GraphEdge[], view: GraphView): GraphChanges {
  if (!Array.isArray(edges)) throw invalid('edges is not a list');
  const out = new Map<string, GraphEdge>();
  for (const e of edges) {
    const problem = edgeProblem(e) ?? checkEdge(e, (id) => view.node(id)?.kind);
    if (problem) throw invalid(problem);
    out.set(e.id, normalEdge(e));
  }
  return { nodes: [], edges: [...out.values()], removedEdges: [] };
}

/** Sets a CAUSES edge's Beta counts. */
export function planConfidence(edgeId: string, alpha: number, beta: number, view: GraphView): { changes: GraphChanges; edge: GraphEdge } {
  checkId('edge id', edgeId);
  const problem = betaProblem(`edge ${edgeId}:`, alpha, beta);
  if (problem) throw invalid(problem);
  const e = view.edge(edgeId);
  if (!e) throw notFound(`no edge "${edgeId}"`);
  if (e.kind !== 'CAUSES') throw invalid(`edge ${edgeId} is a ${e.kind} edge: only CAUSES edges have a confidence`);
  const edge = withCounts(e, alpha, beta);
  return { changes: { nodes: [], edges: [edge], removedEdges: [] }, edge };
}

/** Removes an edge; null when there is none. */
export function planRemoveEdge(edgeId: string, view: GraphView): GraphChanges | null {
  checkId('edge id', edgeId);
  return view.edge(edgeId) ? { nodes: [], edges: [], removedEdges: [edgeId] } : null;
}

/** `e` with new Beta counts, in normal form. */
export function withCounts(e: GraphEdge, alpha: number, beta: number): GraphEdge {
  return Object.freeze({ ...e, props: canonicalProps({ ...e.props, alpha, beta }) });
}
