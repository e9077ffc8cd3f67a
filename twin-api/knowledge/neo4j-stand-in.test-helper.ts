/**
 * A stand-in for a Neo4j server, for tests where there is none: it records every statement and
 * carries out the ones the Neo4j store sends (neo4j-cypher.ts), recognised by their exact shape, on a
 * graph in memory with Neo4j's rules that matter here (a null property is removed; MERGE on a
 * relationship whose ends do not match does nothing; a failed write transaction is rolled back).
 * It is not a Cypher engine: any other statement fails the test. The real thing runs in
 * neo4j-graph-store.test.ts when NEO4J_URI is set.
 */
import type { Driver } from 'neo4j-driver';
import type { GraphSnapshot } from '../../knowledge/graph-model.ts';
import { edgeProperties, nodeProperties } from '../../knowledge/neo4j-layout.ts';

type Props = Record<string, unknown>;
interface StoredNode { labels: string[]; props: Props }
interface StoredRel { type: string; from: string; to: string; props: Props }
interface State { nodes: Map<string, StoredNode>; rels: Map<string, StoredRel> }
type Row = Record<string, unknown>;

export interface Sent { readonly text: string; readonly params: Readonly<Record<string, unknown>> }

const setAll = (props: Props): Props => Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));
const relKey = (type: string, id: unknown): string => `${type}\u0000${String(id)}`;
const EDGE_ROW = 'RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS p';

function execute(state: State, text: string, params: Readonly<Record<string, unknown>>): Row[] {
  const ids = (params['ids'] ?? []) as string[];
  const rows = (params['rows'] ?? []) as Props[];
  const kinds = params['kinds'] as string[] | undefined;
  const edgeRow = (r: StoredRel): Row => ({ type: r.type, from: r.from, to: r.to, p: { ...r.props } });
  const rels = (): StoredRel[] => [...state.rels.values()].filter((r) => state.nodes.has(r.from) && state.nodes.has(r.to));
  let m: RegExpExecArray | null;

  if (text.startsWith('CREATE CONSTRAINT') || text.startsWith('CREATE INDEX')) return [];
  if ((m = /^UNWIND \$rows AS row MERGE \(n:KgNode \{id: row\.id\}\) SET n:(\w+) SET n = row\.properties$/.exec(text))) {
    for (const row of rows) {
      const was = state.nodes.get(row['id'] as string);
      const labels = [...new Set([...(was?.labels ?? ['KgNode']), m[1]!])];
      state.nodes.set(row['id'] as string, { labels, props: setAll(row['properties'] as Props) });
    }
    return [];
  }
  if ((m = /^UNWIND \$rows AS row MATCH \(a:KgNode \{id: row\.from\}\) MATCH \(b:KgNode \{id: row\.to\}\) MERGE \(a\)-\[r:(\w+) \{id: row\.id\}\]->\(b\) SET r = row\.properties$/.exec(text))) {
    for (const row of rows) {
      if (!state.nodes.has(row['from'] as string) || !state.nodes.has(row['to'] as string)) continue;
      state.rels.set(relKey(m[1]!, row['id']), { type: m[1]!, from: row['from'] as string, to: row['to'] as string, props: setAll(row['properties'] as Props) });
    }
    return [];
  }
  if ((m = /^UNWIND \$ids AS id MATCH \(:KgNode\)-\[r:(\w+) \{id: id\}\]->\(:KgNode\) DELETE r RETURN count\(\*\) AS n$/.exec(text))) {
    let n = 0;
    for (const id of ids) if (state.rels.delete(relKey(m[1]!, id))) n++;
    return [{ n }];
  }
  if (text === 'UNWIND $ids AS id MATCH (n:KgNode {id: id}) RETURN properties(n) AS p') {
    return ids.flatMap((id) => (state.nodes.has(id) ? [{ p: { ...state.nodes.get(id)!.props } }] : []));
  }
  if ((m = /^UNWIND \$ids AS id MATCH \(a:KgNode\)-\[r:(\w+) \{id: id\}\]->\(b:KgNode\) RETURN /.exec(text))) {
    return ids.flatMap((id) => {
      const r = state.rels.get(relKey(m![1]!, id));
      return r ? [edgeRow(r)] : [];
    });
  }
  const at: Record<string, (r: StoredRel, id: string) => boolean> = {
    '(a:KgNode)-[r]->(n:KgNode {id: id})': (r, id) => r.to === id,
    '(n:KgNode {id: id})-[r]->(b:KgNode)': (r, id) => r.from === id,
    '(n:KgNode {id: id})-[r]-(:KgNode)': (r, id) => r.from === id || r.to === id,
  };
  for (const [pattern, matches] of Object.entries(at)) {
    if (text.startsWith(`UNWIND $ids AS id MATCH ${pattern} WHERE type(r) IN $kinds WITH DISTINCT `) && text.endsWith(EDGE_ROW)) {
      const seen = new Map<StoredRel, Row>();
      for (const id of ids) for (const r of rels()) if (kinds!.includes(r.type) && matches(r, id) && !seen.has(r)) seen.set(r, edgeRow(r));
      return [...seen.values()];
    }
  }
  if (text === `MATCH (a:KgNode)-[r]->(b:KgNode) WHERE a.id IN $ids AND b.id IN $ids AND type(r) IN $kinds ${EDGE_ROW}`) {
    return rels().filter((r) => ids.includes(r.from) && ids.includes(r.to) && kinds!.includes(r.type)).map(edgeRow);
  }
  if (text === 'MATCH (n:KgNode) RETURN properties(n) AS p') return [...state.nodes.values()].map((n) => ({ p: { ...n.props } }));
  if (text === `MATCH (a:KgNode)-[r]->(b:KgNode) WHERE type(r) IN $kinds ${EDGE_ROW}`) return rels().filter((r) => kinds!.includes(r.type)).map(edgeRow);
  if (/^UNWIND \$ids AS id MATCH \(:KgNode\)-\[x:\w+ \{id: id\}\]->\(:KgNode\) SET x\._lock = true REMOVE x\._lock$/.test(text)) return [];
  if ((m = /^MERGE \(x:KgNode \{id: \$id\}\) ON CREATE SET x:(\w+), x = \$properties SET x\._lock = true REMOVE x\._lock$/.exec(text))) {
    const id = params['id'] as string;
    if (!state.nodes.has(id)) state.nodes.set(id, { labels: ['KgNode', m[1]!], props: setAll(params['properties'] as Props) });
    return [];
  }
  throw new Error(`the stand-in for Neo4j does not know this statement: ${text}`);
}

/**
 * A stand-in server holding `seed` (laid out as the store lays it). Each `connect()` gives a driver of
 * its own over the same graph, so a store can close and reopen; `failure()` may fail any statement.
 */
export function standInNeo4j(seed: GraphSnapshot = { nodes: [], edges: [] }, failure: () => Error | null = () => null) {
  const state: State = { nodes: new Map(), rels: new Map() };
  for (const n of seed.nodes) state.nodes.set(n.id, { labels: ['KgNode', n.kind], props: setAll(nodeProperties(n)) });
  for (const e of seed.edges) state.rels.set(relKey(e.kind, e.id), { type: e.kind, from: e.from, to: e.to, props: setAll(edgeProperties(e)) });
  const sent: Sent[] = [];
  const drivers: { closed: boolean }[] = [];

  const connect = (): Driver => {
    const mine = { closed: false };
    drivers.push(mine);
    const run = async (text: string, params: Readonly<Record<string, unknown>> = {}) => {
      if (mine.closed) throw new Error('Pool is closed, it is no more able to serve requests.');
      sent.push({ text, params });
      const err = failure();
      if (err) throw err;
      return { records: execute(state, text, params).map((r) => ({ toObject: () => r })) };
    };
    const tx = { run };
    const write = async <T,>(work: (t: typeof tx) => Promise<T>): Promise<T> => {
      const before = { nodes: structuredClone(state.nodes), rels: structuredClone(state.rels) };
      try {
        return await work(tx);
      } catch (err) {
        state.nodes = before.nodes;
        state.rels = before.rels;
        throw err;
      }
    };
    const driver = {
      session: () => ({ run, executeRead: <T,>(work: (t: typeof tx) => Promise<T>) => work(tx), executeWrite: write, close: async () => {} }),
      close: async () => void (mine.closed = true),
    };
    return driver as unknown as Driver;
  };
  return { connect, sent, allClosed: () => drivers.every((d) => d.closed), labelsOf: (id: string) => state.nodes.get(id)?.labels ?? [] };
}
