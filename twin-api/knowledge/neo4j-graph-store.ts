/**
 * The server knowledge-graph store: Neo4j through neo4j-driver, laid out as knowledge/neo4j-layout.ts
 * says. Every write is one managed transaction that reads what its plan needs (graph-changes.ts,
 * outcome-plan.ts: the same checks as the embedded store), then writes the plan; it resolves once
 * committed. The walks ask Neo4j one level at a time (graph-walk.ts), so both stores find the same
 * ancestors by the same paths. Driver errors become GraphStoreError('UNAVAILABLE').
 */
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { byId, checkEdgeKinds, checkId, checkNodeKinds, checkSteps, invalid, kindOfEdgeId, notFound } from '../../knowledge/graph-checks.ts';
import { listView, planConfidence, planEdges, planNodes, type GraphChanges } from '../../knowledge/graph-changes.ts';
import type { EdgeKind, GraphEdge, GraphNode, GraphSnapshot } from '../../knowledge/graph-model.ts';
import {
  GraphStoreError, type Ancestor, type AncestorQuery, type GraphStore, type IncidentOutcome, type OutcomeResult, type SubgraphQuery,
} from '../../knowledge/graph-store.ts';
import { walkAncestors, walkAround, type EdgesAt } from '../../knowledge/graph-walk.ts';
import { edgeFrom, nodeFrom, SCHEMA_CYPHER } from '../../knowledge/neo4j-layout.ts';
import { countedPath, deviationNodeId, incidentNodeId, planOutcome, verdictEdgeIds } from '../../knowledge/outcome-plan.ts';
import type { Neo4jConfig } from './neo4j-config.ts';
import * as Q from './neo4j-cypher.ts';
import { serial } from './serial.ts';

type Row = Record<string, unknown>;
/** Runs one statement in the current transaction; its rows as plain objects. */
type Run = (c: Q.Cypher) => Promise<Row[]>;

const unavailable = (err: unknown): GraphStoreError =>
  new GraphStoreError('UNAVAILABLE', `Neo4j is unavailable: ${(err as Error)?.message ?? String(err)}`);

const toNode = (r: Row): GraphNode => nodeFrom(r['p'] as Row);
const toEdge = (r: Row): GraphEdge => edgeFrom(r['type'], r['from'], r['to'], r['p'] as Row);
async function runAll(run: Run, cs: readonly Q.Cypher[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of cs) rows.push(...(await run(c))); // a transaction runs one statement at a time
  return rows;
}
const uniqueStrings = (xs: readonly unknown[]): string[] => [...new Set(xs.filter((x): x is string => typeof x === 'string'))];

/** A driver for the config: lossless integers off (every number of ours is a JS number). */
export function connect(c: Neo4jConfig): Driver {
  return neo4j.driver(c.uri, neo4j.auth.basic(c.user, c.password), { disableLosslessIntegers: true });
}

export class Neo4jGraphStore implements GraphStore {
  private closed = false;
  private readonly inTurn = serial();

  private constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
  ) {}

  /**
   * Connects and creates the constraint and indexes if missing (idempotent).
   * @example const graph = await Neo4jGraphStore.open({ uri: 'neo4j://kg:7687', user: 'neo4j', password });
   */
  static async open(config: Neo4jConfig, driverOf: (c: Neo4jConfig) => Driver = connect): Promise<Neo4jGraphStore> {
    const driver = driverOf(config);
    const store = new Neo4jGraphStore(driver, config.database);
    try {
      // Schema statements may not share a transaction with anything else: each in its own.
      for (const text of SCHEMA_CYPHER) {
        const session = await store.session();
        try {
          await session.run(text);
        } finally {
          await session.close();
        }
      }
    } catch (err) {
      await driver.close().catch(() => undefined);
      throw unavailable(err);
    }
    return store;
  }

  async upsertNodes(nodes: readonly GraphNode[]): Promise<void> {
    planNodes(nodes, listView([], [])); // the shape first: nothing is sent for a batch refused anyway
    return this.write(async (run) => {
      const existing = (await run(Q.nodesById(uniqueStrings(nodes.map((n) => n.id))))).map(toNode);
      await this.save(run, planNodes(nodes, listView(existing, [])));
    });
  }

  async upsertEdges(edges: readonly GraphEdge[]): Promise<void> {
    if (!Array.isArray(edges)) throw invalid('edges is not a list');
    return this.write(async (run) => {
      const ends = (await run(Q.nodesById(uniqueStrings(edges.flatMap((e) => [e?.from, e?.to]))))).map(toNode);
      await this.save(run, planEdges(edges, listView(ends, [])));
    });
  }

  async node(id: string): Promise<GraphNode | null> {
    checkId('node id', id);
    return this.read(async (run) => (await run(Q.nodesById([id]))).map(toNode)[0] ?? null);
  }

  async edge(id: string): Promise<GraphEdge | null> {
    checkId('edge id', id);
    return this.read(async (run) => (await runAll(run, Q.edgesById([id]))).map(toEdge)[0] ?? null);
  }

  async edgesOf(id: string, direction: 'in' | 'out', kinds?: readonly EdgeKind[]): Promise<GraphEdge[]> {
    if (direction !== 'in' && direction !== 'out') throw invalid(`direction must be in or out, got ${String(direction)}`);
    const only = kinds === undefined ? null : checkEdgeKinds('kinds', kinds);
    return this.read(async (run) => {
      await this.known(run, [id]);
      return (await run(Q.edgesAt([id], direction, only))).map(toEdge).sort(byId);
    });
  }

  async ancestors(id: string, q: AncestorQuery): Promise<Ancestor[]> {
    const maxHops = checkSteps('maxHops', q?.maxHops);
    const via = q.via === undefined ? (['CAUSES'] as const) : checkEdgeKinds('via', q.via);
    return this.read(async (run) => {
      await this.known(run, [id]);
      const found = await walkAncestors(id, maxHops, via, this.edgesAt(run));
      const nodes = new Map((await run(Q.nodesById(found.map((a) => a.id)))).map(toNode).map((n) => [n.id, n]));
      return found.map((a) => ({ node: nodes.get(a.id)!, hops: a.hops, path: a.path }));
    });
  }

  async subgraph(q: SubgraphQuery): Promise<GraphSnapshot> {
    if (!Array.isArray(q?.roots)) throw invalid('roots is not a list of node ids');
    const maxDepth = checkSteps('maxDepth', q.maxDepth);
    const kinds = q.kinds === undefined ? null : checkNodeKinds('kinds', q.kinds);
    return this.read(async (run) => {
      await this.known(run, q.roots);
      const reached = await walkAround(q.roots, maxDepth, this.edgesAt(run));
      const nodes = (await run(Q.nodesById([...reached]))).map(toNode).filter((n) => kinds === null || kinds.includes(n.kind));
      const edges = (await run(Q.edgesAmong(nodes.map((n) => n.id)))).map(toEdge);
      return { nodes: nodes.sort(byId), edges: edges.sort(byId) };
    });
  }

  async recordOutcome(o: IncidentOutcome): Promise<OutcomeResult> {
    return this.write(async (run) => {
      // Locks first, reads after: what is read is then what this transaction counts from.
      const incident = incidentNodeId(checkId('incidentId', o?.incidentId));
      await run(Q.mergeIncident({ id: incident, kind: 'Incident', label: String(o.incidentLabel ?? ''), props: {} }));
      const path = Array.isArray(o.path) ? uniqueStrings(o.path) : [];
      await runAll(run, Q.lockEdges(path));
      const ids = verdictEdgeIds(o);
      const verdicts = (await runAll(run, Q.edgesById([ids.same, ids.other]))).map(toEdge);
      const previous = verdicts.find((e) => e.id === ids.other);
      const counted = previous ? countedPath(previous) : [];
      await runAll(run, Q.lockEdges(counted));
      const edges = [...verdicts, ...(await runAll(run, Q.edgesById(uniqueStrings([...path, ...counted])))).map(toEdge)];
      const deviations = Array.isArray(o.deviations) ? o.deviations.map((d) => deviationNodeId(o.incidentId, String(d?.variable))) : [];
      const nodes = (await run(Q.nodesById(uniqueStrings([o.symptom, o.cause, incident, ...deviations])))).map(toNode);
      const plan = planOutcome(o, listView(nodes, edges));
      await this.save(run, plan.changes);
      return { updated: plan.updated };
    });
  }

  async updateConfidence(edgeId: string, alpha: number, beta: number): Promise<GraphEdge> {
    checkId('edge id', edgeId);
    return this.write(async (run) => {
      await runAll(run, Q.lockEdges([edgeId]));
      const edges = (await runAll(run, Q.edgesById([edgeId]))).map(toEdge);
      const plan = planConfidence(edgeId, alpha, beta, listView([], edges));
      await this.save(run, plan.changes);
      return plan.edge;
    });
  }

  async removeEdge(edgeId: string): Promise<boolean> {
    checkId('edge id', edgeId);
    if (kindOfEdgeId(edgeId) === null) return this.read(async () => false);
    return this.write(async (run) => (await runAll(run, Q.deleteEdges([edgeId]))).some((r) => Number(r['n']) > 0));
  }

  async snapshot(): Promise<GraphSnapshot> {
    return this.read(async (run) => ({
      nodes: (await run(Q.ALL_NODES)).map(toNode).sort(byId),
      edges: (await run(Q.ALL_EDGES)).map(toEdge).sort(byId),
    }));
  }

  /** Waits for the writes handed in before, then closes the driver; every call after is refused (UNAVAILABLE). */
  close(): Promise<void> {
    return this.inTurn(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.driver.close();
    });
  }

  private async save(run: Run, c: GraphChanges): Promise<void> {
    // One after the other: nodes before the edges that need them, deletes before a verdict's replacement.
    for (const q of [...Q.putNodes(c.nodes), ...Q.deleteEdges(c.removedEdges), ...Q.putEdges(c.edges)]) await run(q);
  }

  private edgesAt(run: Run): EdgesAt {
    return async (ids, direction, kinds) => (ids.length === 0 ? [] : (await run(Q.edgesAt(ids, direction, kinds))).map(toEdge));
  }

  private async known(run: Run, ids: readonly string[]): Promise<void> {
    ids.forEach((id) => checkId('node id', id));
    const found = new Set((await run(Q.nodesById(ids))).map((r) => (r['p'] as Row)['id']));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw notFound(`no node "${missing}"`);
  }

  private async session(): Promise<Session> {
    if (this.closed) throw new GraphStoreError('UNAVAILABLE', 'the graph store is closed');
    return this.driver.session({ database: this.database });
  }

  private read<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return this.transact('read', work);
  }

  private write<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return this.inTurn(() => this.transact('write', work));
  }

  private async transact<T>(mode: 'read' | 'write', work: (run: Run) => Promise<T>): Promise<T> {
    const session = await this.session();
    const inTx = (tx: ManagedTransaction): Promise<T> => work(async (c) => (await tx.run(c.text, c.params)).records.map((r) => r.toObject() as Row));
    try {
      return await (mode === 'read' ? session.executeRead(inTx) : session.executeWrite(inTx));
    } catch (err) {
      throw err instanceof GraphStoreError ? err : unavailable(err);
    } finally {
      await session.close().catch(() => undefined);
    }
  }
}
