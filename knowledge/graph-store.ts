/**
 * The port every knowledge-graph store implements: the embedded one (graphology in memory, persisted
 * in the history database) is the default, Neo4j the server one. Both pass the same contract suite
 * (knowledge/graph-store-contract.test-helper.ts). Writes resolve once they are durable.
 *
 * Root-cause analysis does not query the store edge by edge: it runs on a `CausalGraph` built from
 * `snapshot()` (knowledge/causal-graph.ts), refreshed when the store changes.
 */
import type { EdgeKind, GraphEdge, GraphNode, GraphSnapshot, NodeKind } from './graph-model.ts';

/** A node reached from the start going against the edges (its causes, their causes, …). */
export interface Ancestor {
  readonly node: GraphNode;
  readonly hops: number;
  /** Edge ids from the ancestor to the start, in causal order (shortest path, ties by edge id). */
  readonly path: readonly string[];
}

export interface AncestorQuery {
  readonly maxHops: number;
  /** Edge kinds walked; default CAUSES only. */
  readonly via?: readonly EdgeKind[];
}

export interface SubgraphQuery {
  /** Nodes to start from. */
  readonly roots: readonly string[];
  /** Edges walked from the roots in either direction, at most this many. */
  readonly maxDepth: number;
  readonly kinds?: readonly NodeKind[];
}

/** An operator's or engineer's verdict on a proposed cause of an incident. */
export interface IncidentOutcome {
  /** The incident's id (an alert id or a defect burst id); its Incident node is created if absent. */
  readonly incidentId: string;
  readonly incidentLabel: string;
  /** The symptom node: a DefectType or a FailureMode, or for an alert on a sensor the Variable it measures. */
  readonly symptom: string;
  /** The proposed cause (a Variable or a FailureMode). */
  readonly cause: string;
  readonly verdict: 'confirmed' | 'rejected';
  /** The CAUSES edges from the cause to the symptom the RCA gave as its path, in causal order. */
  readonly path: readonly string[];
  readonly by: string;
  /** ISO time of the decision. */
  readonly at: string;
  /** The deviations the RCA saw, kept on the incident (variable node id, σ, onset ISO time). */
  readonly deviations: readonly { readonly variable: string; readonly sigma: number; readonly onset: string }[];
}

/** What recording an outcome changed: the CAUSES edges with their new Beta counts. */
export interface OutcomeResult {
  readonly updated: readonly GraphEdge[];
}

export interface GraphStore {
  /** Inserts nodes or replaces their label and props (idempotent: seeding twice changes nothing). */
  upsertNodes(nodes: readonly GraphNode[]): Promise<void>;
  /** Inserts edges or replaces their props; refused (GraphStoreError) when an end is missing or of the wrong kind. */
  upsertEdges(edges: readonly GraphEdge[]): Promise<void>;
  node(id: string): Promise<GraphNode | null>;
  edge(id: string): Promise<GraphEdge | null>;
  /** The edges into (`in`) or out of (`out`) a node, optionally of some kinds, sorted by id. */
  edgesOf(id: string, direction: 'in' | 'out', kinds?: readonly EdgeKind[]): Promise<GraphEdge[]>;
  /** The start's ancestors within `maxHops`, nearest first (then by id). The start itself is not one. */
  ancestors(id: string, q: AncestorQuery): Promise<Ancestor[]>;
  /** The nodes within `maxDepth` of the roots (either direction) and the edges among them. */
  subgraph(q: SubgraphQuery): Promise<GraphSnapshot>;
  /**
   * Records an incident's confirmed or rejected cause: the Incident and Deviation nodes, the
   * CONFIRMED_CAUSE or REJECTED_CAUSE edge (with by and at), and the Beta counts of the path: a
   * confirmation adds 1 to α of every edge on it, a rejection 1 to β of its first edge (the claim that
   * this cause acts). Refused when the path is not a chain of CAUSES edges from cause to symptom.
   */
  recordOutcome(o: IncidentOutcome): Promise<OutcomeResult>;
  /** Sets a CAUSES edge's Beta counts (an engineer's edit). */
  updateConfidence(edgeId: string, alpha: number, beta: number): Promise<GraphEdge>;
  /** Removes an edge (an engineer's edit); false when there was none. */
  removeEdge(edgeId: string): Promise<boolean>;
  /** The whole graph, nodes and edges sorted by id. */
  snapshot(): Promise<GraphSnapshot>;
  close(): Promise<void>;
}

export type GraphStoreErrorCode = 'NOT_FOUND' | 'INVALID' | 'UNAVAILABLE';

/** A refusal with a code the API maps to 404, 400 or 503. */
export class GraphStoreError extends Error {
  constructor(
    readonly code: GraphStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GraphStoreError';
  }
}
