/**
 * What every graph store refuses before it writes anything, and the one normal form it keeps. The
 * checks are shared so that the embedded store, the SQL rows and Neo4j refuse the same things with
 * the same words (GraphStoreError 'INVALID').
 */
import { EDGE_KINDS, NODE_KINDS, type EdgeKind, type GraphEdge, type GraphNode, type NodeKind, type PropValue, type Props } from './graph-model.ts';
import { GraphStoreError } from './graph-store.ts';

// Text every store and export format keeps as it is: PostgreSQL text and jsonb cannot hold NUL,
// jsonb refuses lone surrogates, XML 1.0 (GraphML) cannot carry the other C0 controls nor U+FFFE/U+FFFF
// even as character references. Refusing them here keeps one graph the same in every store.
const UNKEEPABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isNodeKind = (k: unknown): k is NodeKind => (NODE_KINDS as readonly unknown[]).includes(k);
export const isEdgeKind = (k: unknown): k is EdgeKind => (EDGE_KINDS as readonly unknown[]).includes(k);

/** Sorts by id in UTF-16 code-unit order, the same in every store (SQL and Cypher collations differ). */
export const byId = (a: { readonly id: string }, b: { readonly id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const invalid = (message: string): GraphStoreError => new GraphStoreError('INVALID', message);
export const notFound = (message: string): GraphStoreError => new GraphStoreError('NOT_FOUND', message);

/** Why `s` is not text a store keeps, or null. */
export function textProblem(what: string, s: unknown, allowEmpty = true): string | null {
  if (typeof s !== 'string') return `${what} is not a string`;
  if (!allowEmpty && s === '') return `${what} is empty`;
  if (UNKEEPABLE.test(s)) return `${what} holds a control character or a lone surrogate no store can keep`;
  return null;
}

function propsProblem(what: string, props: unknown): string | null {
  if (typeof props !== 'object' || props === null || Array.isArray(props)) return `${what} props are not an object`;
  for (const [key, value] of Object.entries(props)) {
    const keyProblem = textProblem(`${what} prop name "${key}"`, key, false);
    if (keyProblem) return keyProblem;
    if (value === null || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      // JSON (SQL rows, exports) has no NaN or Infinity: they would come back as null.
      if (!Number.isFinite(value)) return `${what} prop "${key}" is ${value}, not a finite number`;
      continue;
    }
    const p = textProblem(`${what} prop "${key}"`, value);
    if (p) return typeof value === 'string' ? p : `${what} prop "${key}" is not a string, number, boolean or null`;
  }
  return null;
}

/** Props with their keys sorted and −0 written 0: JSON and jsonb keep neither the order nor the sign. */
export function canonicalProps(props: Props): Props {
  const keys = Object.keys(props).sort();
  return Object.freeze(Object.fromEntries(keys.map((k): [string, PropValue] => [k, Object.is(props[k], -0) ? 0 : props[k]!])));
}

/** Why `n` may not be stored (its shape, not its place in the graph), or null. */
export function nodeProblem(n: unknown): string | null {
  if (typeof n !== 'object' || n === null) return 'a node is not an object';
  const x = n as Partial<GraphNode>;
  const id = textProblem('node id', x.id, false);
  if (id) return id;
  if (!isNodeKind(x.kind)) return `node ${x.id}: kind "${String(x.kind)}" is not one of ${NODE_KINDS.join(', ')}`;
  return textProblem(`node ${x.id}: label`, x.label) ?? propsProblem(`node ${x.id}:`, x.props);
}

/** Why `e` may not be stored (its shape; `checkEdge` checks its ends), or null. */
export function edgeProblem(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return 'an edge is not an object';
  const x = e as Partial<GraphEdge>;
  const id = textProblem('edge id', x.id, false);
  if (id) return id;
  if (!isEdgeKind(x.kind)) return `edge ${x.id}: kind "${String(x.kind)}" is not one of ${EDGE_KINDS.join(', ')}`;
  const ends = textProblem(`edge ${x.id}: from`, x.from, false) ?? textProblem(`edge ${x.id}: to`, x.to, false);
  if (ends) return ends;
  const props = propsProblem(`edge ${x.id}:`, x.props);
  if (props) return props;
  // The stores compute with these two (recordOutcome, updateConfidence); the other CausesProps they only keep.
  if (x.kind === 'CAUSES') return betaProblem(`edge ${x.id}:`, x.props!['alpha'], x.props!['beta']);
  return null;
}

/** Why (α, β) is not a Beta belief: both must be finite and above 0. */
export function betaProblem(what: string, alpha: unknown, beta: unknown): string | null {
  for (const [name, v] of [['alpha', alpha], ['beta', beta]] as const) {
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) return `${what} ${name} must be a finite number above 0, got ${String(v)}`;
  }
  return null;
}

/** A frozen copy of a checked node in normal form: nothing but its four fields, props canonical. */
export function normalNode(n: GraphNode): GraphNode {
  return Object.freeze({ id: n.id, kind: n.kind, label: n.label, props: canonicalProps(n.props) });
}

/** A frozen copy of a checked edge in normal form. */
export function normalEdge(e: GraphEdge): GraphEdge {
  return Object.freeze({ id: e.id, kind: e.kind, from: e.from, to: e.to, props: canonicalProps(e.props) });
}

/** Throws INVALID unless `n` is a whole number of steps from 0 up. */
export function checkSteps(what: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw invalid(`${what} must be a whole number from 0 up, got ${String(n)}`);
  return n;
}

/** Throws INVALID unless every kind is an edge kind; a query's kinds reach Cypher as types. */
export function checkEdgeKinds(what: string, kinds: unknown): readonly EdgeKind[] {
  if (!Array.isArray(kinds)) throw invalid(`${what} is not a list of edge kinds`);
  const bad = kinds.find((k) => !isEdgeKind(k));
  if (bad !== undefined) throw invalid(`${what}: "${String(bad)}" is not one of ${EDGE_KINDS.join(', ')}`);
  return kinds as EdgeKind[];
}

export function checkNodeKinds(what: string, kinds: unknown): readonly NodeKind[] {
  if (!Array.isArray(kinds)) throw invalid(`${what} is not a list of node kinds`);
  const bad = kinds.find((k) => !isNodeKind(k));
  if (bad !== undefined) throw invalid(`${what}: "${String(bad)}" is not one of ${NODE_KINDS.join(', ')}`);
  return kinds as NodeKind[];
}

/** Throws INVALID unless `id` is text a store could hold as an id. */
export function checkId(what: string, id: unknown): string {
  const p = textProblem(what, id, false);
  if (p) throw invalid(p);
  return id as string;
}

/** The edge kind an edge id names (`CAUSES:a->b` → CAUSES), or null: lets Neo4j find a relationship by its type's index. */
export function kindOfEdgeId(id: string): EdgeKind | null {
  const kind = id.slice(0, id.indexOf(':'));
  return isEdgeKind(kind) ? kind : null;
}
