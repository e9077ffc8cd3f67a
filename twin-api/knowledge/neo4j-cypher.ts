/**
 * Every statement the Neo4j store sends, as text and parameters. Values only ever go in as
 * parameters; the text holds nothing but our words, the `KgNode` label, and the labels and types of
 * the closed kind lists (neo4j-layout.ts checks them): Cypher cannot take a label or a relationship
 * type as a parameter, so statements that need one are made per kind.
 */
import { EDGE_KINDS, type EdgeKind, type GraphEdge, type GraphNode } from '../../knowledge/graph-model.ts';
import { kindOfEdgeId } from '../../knowledge/graph-checks.ts';
import { edgeProperties, kindLabel, NODE_LABEL as N, nodeProperties, relationshipType } from '../../knowledge/neo4j-layout.ts';

export interface Cypher {
  readonly text: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** What a statement returning edges returns, per row (`edgeFrom` reads it). */
const EDGE_ROW = 'type(r) AS type, a.id AS from, b.id AS to, properties(r) AS p';
/** What a statement returning nodes returns, per row (`nodeFrom` reads `p`). */
const NODE_ROW = 'properties(n) AS p';

function byKind<T, K extends string>(items: readonly T[], kindOf: (x: T) => K | null): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const x of items) {
    const k = kindOf(x);
    if (k === null) continue;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(x);
  }
  return groups;
}

/** Inserts or replaces nodes: one statement per kind (the kind is a label). */
export function putNodes(nodes: readonly GraphNode[]): Cypher[] {
  return [...byKind(nodes, (n) => kindLabel(n.kind))].map(([kind, group]) => ({
    text: `UNWIND $rows AS row MERGE (n:${N} {id: row.id}) SET n:${kindLabel(kind)} SET n = row.properties`,
    params: { rows: group.map((n) => ({ id: n.id, properties: nodeProperties(n) })) },
  }));
}

/** Inserts or replaces edges between existing nodes: one statement per kind (the kind is the type). */
export function putEdges(edges: readonly GraphEdge[]): Cypher[] {
  return [...byKind(edges, (e) => relationshipType(e.kind))].map(([kind, group]) => ({
    text: `UNWIND $rows AS row MATCH (a:${N} {id: row.from}) MATCH (b:${N} {id: row.to}) MERGE (a)-[r:${relationshipType(kind)} {id: row.id}]->(b) SET r = row.properties`,
    params: { rows: group.map((e) => ({ id: e.id, from: e.from, to: e.to, properties: edgeProperties(e) })) },
  }));
}

/** Deletes edges by id, each looked up in its type's index; an id naming no kind names no edge. Rows: `n` deleted. */
export function deleteEdges(ids: readonly string[]): Cypher[] {
  return [...byKind(ids, kindOfEdgeId)].map(([kind, group]) => ({
    text: `UNWIND $ids AS id MATCH (:${N})-[r:${relationshipType(kind)} {id: id}]->(:${N}) DELETE r RETURN count(*) AS n`,
    params: { ids: group },
  }));
}

export function nodesById(ids: readonly string[]): Cypher {
  return { text: `UNWIND $ids AS id MATCH (n:${N} {id: id}) RETURN ${NODE_ROW}`, params: { ids } };
}

export function edgesById(ids: readonly string[]): Cypher[] {
  return [...byKind(ids, kindOfEdgeId)].map(([kind, group]) => ({
    text: `UNWIND $ids AS id MATCH (a:${N})-[r:${relationshipType(kind)} {id: id}]->(b:${N}) RETURN ${EDGE_ROW}`,
    params: { ids: group },
  }));
}

/** The edges into, out of or at the nodes `ids`, of `kinds` (all of ours when null; others' types are never ours). */
export function edgesAt(ids: readonly string[], direction: 'in' | 'out' | 'both', kinds: readonly EdgeKind[] | null): Cypher {
  const pattern = direction === 'in' ? `(a:${N})-[r]->(n:${N} {id: id})` : direction === 'out' ? `(n:${N} {id: id})-[r]->(b:${N})` : `(n:${N} {id: id})-[r]-(:${N})`;
  const ends = direction === 'in' ? 'a, r, n AS b' : direction === 'out' ? 'n AS a, r, b' : 'startNode(r) AS a, r, endNode(r) AS b';
  return {
    text: `UNWIND $ids AS id MATCH ${pattern} WHERE type(r) IN $kinds WITH DISTINCT ${ends} RETURN ${EDGE_ROW}`,
    params: { ids, kinds: kinds ?? EDGE_KINDS },
  };
}

/** The edges of our kinds with both ends among `ids`. */
export function edgesAmong(ids: readonly string[]): Cypher {
  return { text: `MATCH (a:${N})-[r]->(b:${N}) WHERE a.id IN $ids AND b.id IN $ids AND type(r) IN $kinds RETURN ${EDGE_ROW}`, params: { ids, kinds: EDGE_KINDS } };
}

export const ALL_NODES: Cypher = { text: `MATCH (n:${N}) RETURN ${NODE_ROW}`, params: {} };
export const ALL_EDGES: Cypher = { text: `MATCH (a:${N})-[r]->(b:${N}) WHERE type(r) IN $kinds RETURN ${EDGE_ROW}`, params: { kinds: EDGE_KINDS } };

// Neo4j takes a write lock on what a transaction sets and holds it to the commit; setting and removing
// a scratch property takes it without changing anything. A write locks what it will read and change,
// so that another server's write in between waits instead of counting from the same numbers.
const LOCK = 'SET x._lock = true REMOVE x._lock';

export function lockEdges(ids: readonly string[]): Cypher[] {
  return [...byKind(ids, kindOfEdgeId)].map(([kind, group]) => ({
    text: `UNWIND $ids AS id MATCH (:${N})-[x:${relationshipType(kind)} {id: id}]->(:${N}) ${LOCK}`,
    params: { ids: group },
  }));
}

/**
 * Finds or creates an incident's node and locks it: two outcomes of one incident take turns (MERGE on
 * the unique id waits for the other's commit), so the same verdict is never counted twice.
 */
export function mergeIncident(node: GraphNode): Cypher {
  return {
    text: `MERGE (x:${N} {id: $id}) ON CREATE SET x:${kindLabel(node.kind)}, x = $properties ${LOCK}`,
    params: { id: node.id, properties: nodeProperties(node) },
  };
}
