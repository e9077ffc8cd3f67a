/**
 * How a graph lies in Neo4j, shared by the Neo4j store (twin-api/knowledge) and the Cypher export, so
 * that a graph pasted from an export is one the store opens.
 *
 * A node has the label `KgNode` (the uniqueness constraint on `id` is on it) and its kind as a second
 * label; a relationship has its kind as type. Both keep their props twice: as one JSON text, `props`,
 * which the store reads back, and flattened as `p_<name>` for people querying in Cypher. The JSON text
 * is the truth because Neo4j cannot keep what the port's props may hold: a property set to null is
 * removed (the `threshold: null` of a CAUSES edge would vanish), and the flattened copy cannot tell a
 * prop from one of ours. Labels and types come only from NODE_KINDS / EDGE_KINDS: they cannot be
 * Cypher parameters, so they are checked, never taken from input as they are.
 */
import { EDGE_KINDS, type EdgeKind, type GraphEdge, type GraphNode, type NodeKind, type PropValue, type Props } from './graph-model.ts';
import { canonicalProps, isEdgeKind, isNodeKind } from './graph-checks.ts';

export const NODE_LABEL = 'KgNode';

/** Schema statements, idempotent: the node id's uniqueness and an index of relationship ids per type. */
export const SCHEMA_CYPHER: readonly string[] = [
  `CREATE CONSTRAINT kg_node_id IF NOT EXISTS FOR (n:${NODE_LABEL}) REQUIRE n.id IS UNIQUE`,
  ...EDGE_KINDS.map((k) => `CREATE INDEX kg_edge_id_${k.toLowerCase()} IF NOT EXISTS FOR ()-[r:${k}]-() ON (r.id)`),
];

/** The kind as a label, refused unless it is one of NODE_KINDS. */
export function kindLabel(kind: unknown): NodeKind {
  if (!isNodeKind(kind)) throw new Error(`not a node kind: ${String(kind)}`);
  return kind;
}

/** The kind as a relationship type, refused unless it is one of EDGE_KINDS. */
export function relationshipType(kind: unknown): EdgeKind {
  if (!isEdgeKind(kind)) throw new Error(`not an edge kind: ${String(kind)}`);
  return kind;
}

const FLAT_PREFIX = 'p_';

function flat(props: Props): Record<string, PropValue> {
  const out: Record<string, PropValue> = {};
  for (const [k, v] of Object.entries(props)) if (v !== null) out[FLAT_PREFIX + k] = v;
  return out;
}

/** A node's properties in Neo4j (all of them: the store sets them with `SET n = …`). */
export function nodeProperties(n: GraphNode): Record<string, PropValue> {
  return { ...flat(n.props), id: n.id, kind: n.kind, label: n.label, props: JSON.stringify(n.props) };
}

/** A relationship's properties in Neo4j; its ends and type carry the rest. */
export function edgeProperties(e: GraphEdge): Record<string, PropValue> {
  return { ...flat(e.props), id: e.id, props: JSON.stringify(e.props) };
}

// A graph written by hand in Cypher may lack the JSON text: its flattened props are then all there is.
function propsFrom(p: Readonly<Record<string, unknown>>): Props {
  if (typeof p['props'] === 'string') return canonicalProps(JSON.parse(p['props']) as Props);
  const out: Record<string, PropValue> = {};
  for (const [k, v] of Object.entries(p)) if (k.startsWith(FLAT_PREFIX)) out[k.slice(FLAT_PREFIX.length)] = v as PropValue;
  return canonicalProps(out);
}

/** The node a Neo4j node's properties describe. */
export function nodeFrom(p: Readonly<Record<string, unknown>>): GraphNode {
  return { id: String(p['id']), kind: kindLabel(p['kind']), label: String(p['label'] ?? ''), props: propsFrom(p) };
}

/** The edge a relationship describes, with its type and the ids of its ends. */
export function edgeFrom(type: unknown, from: unknown, to: unknown, p: Readonly<Record<string, unknown>>): GraphEdge {
  return { id: String(p['id']), kind: relationshipType(type), from: String(from), to: String(to), props: propsFrom(p) };
}
