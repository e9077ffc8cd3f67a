/**
 * The graph in memory, over graphology: the embedded store's working copy (SqlGraphStore persists it)
 * and the store of tests and tools. Pure: no I/O, nothing but the plans of graph-changes.ts applied.
 */
import { MultiDirectedGraph } from 'graphology';
import type { EdgeKind, GraphEdge, GraphNode, GraphSnapshot } from './graph-model.ts';
import { GraphStoreError, type Ancestor, type AncestorQuery, type GraphStore, type IncidentOutcome, type OutcomeResult, type SubgraphQuery } from './graph-store.ts';
import { byId, checkEdgeKinds, checkId, checkNodeKinds, checkSteps, invalid, notFound } from './graph-checks.ts';
import { planConfidence, planEdges, planNodes, planRemoveEdge, type GraphChanges, type GraphView } from './graph-changes.ts';
import { walkAncestors, walkAround } from './graph-walk.ts';
import { planOutcome } from './outcome-plan.ts';

// Nodes and edges are kept whole, frozen, under one attribute: what a read returns cannot change the graph.
type NodeAttributes = { node: GraphNode };
type EdgeAttributes = { edge: GraphEdge };

/**
 * `GraphStore` in memory. A multigraph, edges keyed by their ids: two nodes may be joined by edges of
 * several kinds (CAUSES and CONTROLS, say), at most one of each (edgeId).
 * @example const store = MemoryGraphStore.fromSnapshot(seed); await store.ancestors('defect:crack', { maxHops: 3 });
 */
export class MemoryGraphStore implements GraphStore {
  private readonly g = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: true });
  private closed = false;

  /** What plans read (graph-changes.ts): the graph as it is now. */
  readonly view: GraphView = {
    node: (id) => (this.g.hasNode(id) ? this.g.getNodeAttribute(id, 'node') : undefined),
    edge: (id) => (this.g.hasEdge(id) ? this.g.getEdgeAttribute(id, 'edge') : undefined),
  };

  /** A store holding `s`, checked like any write (GraphStoreError 'INVALID' naming the first bad node or edge). */
  static fromSnapshot(s: GraphSnapshot): MemoryGraphStore {
    const store = new MemoryGraphStore();
    store.apply(planNodes(s.nodes, store.view));
    store.apply(planEdges(s.edges, store.view));
    return store;
  }

  /** The whole graph now, nodes and edges sorted by id. */
  snapshotSync(): GraphSnapshot {
    return {
      nodes: this.g.mapNodes((_, a) => a.node).sort(byId),
      edges: this.g.mapEdges((_, a) => a.edge).sort(byId),
    };
  }

  /** Applies a plan of graph-changes.ts (checked against this store's `view`, with nothing applied since). */
  apply(c: GraphChanges): void {
    for (const n of c.nodes) this.g.mergeNode(n.id, { node: n });
    for (const id of c.removedEdges) if (this.g.hasEdge(id)) this.g.dropEdge(id);
    for (const e of c.edges) {
      if (this.g.hasEdge(e.id)) this.g.replaceEdgeAttributes(e.id, { edge: e });
      else this.g.addDirectedEdgeWithKey(e.id, e.from, e.to, { edge: e });
    }
  }

  async upsertNodes(nodes: readonly GraphNode[]): Promise<void> {
    this.apply(planNodes(nodes, this.openView()));
  }

  async upsertEdges(edges: readonly GraphEdge[]): Promise<void> {
    this.apply(planEdges(edges, this.openView()));
  }

  async node(id: string): Promise<GraphNode | null> {
    return this.openView().node(checkId('node id', id)) ?? null;
  }

  async edge(id: string): Promise<GraphEdge | null> {
    return this.openView().edge(checkId('edge id', id)) ?? null;
  }

  async edgesOf(id: string, direction: 'in' | 'out', kinds?: readonly EdgeKind[]): Promise<GraphEdge[]> {
    this.known(id);
    if (direction !== 'in' && direction !== 'out') throw invalid(`direction must be in or out, got ${String(direction)}`);
    return [...this.edgesAt([id], direction, kinds === undefined ? null : checkEdgeKinds('kinds', kinds))].sort(byId);
  }

  async ancestors(id: string, q: AncestorQuery): Promise<Ancestor[]> {
    this.known(id);
    const maxHops = checkSteps('maxHops', q?.maxHops);
    const via = q.via === undefined ? (['CAUSES'] as const) : checkEdgeKinds('via', q.via);
    const found = await walkAncestors(id, maxHops, via, this.edgesAt);
    return found.map((a) => ({ node: this.view.node(a.id)!, hops: a.hops, path: a.path }));
  }

  async subgraph(q: SubgraphQuery): Promise<GraphSnapshot> {
    if (!Array.isArray(q?.roots)) throw invalid('roots is not a list of node ids');
    q.roots.forEach((id) => this.known(id));
    const maxDepth = checkSteps('maxDepth', q.maxDepth);
    const kinds = q.kinds === undefined ? null : checkNodeKinds('kinds', q.kinds);
    const reached = await walkAround(q.roots, maxDepth, this.edgesAt);
    const nodes = [...reached].map((id) => this.view.node(id)!).filter((n) => kinds === null || kinds.includes(n.kind));
    const kept = new Set(nodes.map((n) => n.id));
    const edges = this.edgesAt([...kept], 'out', null).filter((e) => kept.has(e.to));
    return { nodes: nodes.sort(byId), edges: edges.sort(byId) };
  }

  async recordOutcome(o: IncidentOutcome): Promise<OutcomeResult> {
    const plan = planOutcome(o, this.openView());
    this.apply(plan.changes);
    return { updated: plan.updated };
  }

  async updateConfidence(edgeId: string, alpha: number, beta: number): Promise<GraphEdge> {
    const plan = planConfidence(edgeId, alpha, beta, this.openView());
    this.apply(plan.changes);
    return plan.edge;
  }

  async removeEdge(edgeId: string): Promise<boolean> {
    const plan = planRemoveEdge(edgeId, this.openView());
    if (plan) this.apply(plan);
    return plan !== null;
  }

  async snapshot(): Promise<GraphSnapshot> {
    this.openView();
    return this.snapshotSync();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** The edges at some nodes, answered from memory (the walks' one question). */
  private readonly edgesAt = (ids: readonly string[], direction: 'in' | 'out' | 'both', kinds: readonly EdgeKind[] | null): GraphEdge[] => {
    const out: GraphEdge[] = [];
    const keep = (_: string, a: EdgeAttributes): void => void ((kinds === null || kinds.includes(a.edge.kind)) && out.push(a.edge));
    for (const id of ids) {
      if (direction === 'in') this.g.forEachInEdge(id, keep);
      else if (direction === 'out') this.g.forEachOutEdge(id, keep);
      else this.g.forEachEdge(id, keep);
    }
    return out;
  };

  private openView(): GraphView {
    if (this.closed) throw new GraphStoreError('UNAVAILABLE', 'the graph store is closed');
    return this.view;
  }

  private known(id: string): void {
    if (!this.openView().node(checkId('node id', id))) throw notFound(`no node "${id}"`);
  }
}
