/**
 * The embedded knowledge-graph store, the product's default: the graph in memory (MemoryGraphStore),
 * persisted in the history database (PGlite or PostgreSQL, the same SQL). Reads are answered from
 * memory. A write is planned on memory, committed to the database in one transaction, and only then
 * applied to memory: it resolves once durable, and a write the database refused changes nothing.
 *
 * Counts go to the database as values, not increments: should a commit's answer be lost (the write is
 * in the database, memory lacks it), the retried write puts the same values again instead of counting
 * twice. One server owns the graph: another writing the same tables is seen only when this one reopens.
 */
import { isEmpty, planConfidence, planEdges, planNodes, planRemoveEdge, type GraphChanges, type GraphView } from '../../knowledge/graph-changes.ts';
import type { EdgeKind, GraphEdge, GraphNode, GraphSnapshot } from '../../knowledge/graph-model.ts';
import {
  GraphStoreError, type Ancestor, type AncestorQuery, type GraphStore, type IncidentOutcome, type OutcomeResult, type SubgraphQuery,
} from '../../knowledge/graph-store.ts';
import { MemoryGraphStore } from '../../knowledge/memory-graph-store.ts';
import { planOutcome } from '../../knowledge/outcome-plan.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { loadSnapshot, saveChanges } from './graph-sql.ts';
import { serial } from './serial.ts';

const unavailable = (what: string, err: unknown): GraphStoreError =>
  new GraphStoreError('UNAVAILABLE', `the knowledge graph could not be ${what}: ${(err as Error)?.message ?? String(err)}`);

export class SqlGraphStore implements GraphStore {
  private closed = false;
  private readonly inTurn = serial();

  private constructor(
    private readonly db: SqlClient,
    private readonly mem: MemoryGraphStore,
  ) {}

  /**
   * Reads the graph from a migrated history database (migration 7) into memory. The client stays its
   * owner's (the history store's): `close()` leaves it open.
   * @example const graph = await SqlGraphStore.open(historyStore.db);
   */
  static async open(db: SqlClient): Promise<SqlGraphStore> {
    let snapshot: GraphSnapshot;
    try {
      snapshot = await loadSnapshot(db);
    } catch (err) {
      throw unavailable('read', err);
    }
    return new SqlGraphStore(db, MemoryGraphStore.fromSnapshot(snapshot));
  }

  upsertNodes(nodes: readonly GraphNode[]): Promise<void> {
    return this.write((view) => ({ changes: planNodes(nodes, view), result: undefined }));
  }

  upsertEdges(edges: readonly GraphEdge[]): Promise<void> {
    return this.write((view) => ({ changes: planEdges(edges, view), result: undefined }));
  }

  async node(id: string): Promise<GraphNode | null> {
    return this.live().node(id);
  }

  async edge(id: string): Promise<GraphEdge | null> {
    return this.live().edge(id);
  }

  async edgesOf(id: string, direction: 'in' | 'out', kinds?: readonly EdgeKind[]): Promise<GraphEdge[]> {
    return this.live().edgesOf(id, direction, kinds);
  }

  async ancestors(id: string, q: AncestorQuery): Promise<Ancestor[]> {
    return this.live().ancestors(id, q);
  }

  async subgraph(q: SubgraphQuery): Promise<GraphSnapshot> {
    return this.live().subgraph(q);
  }

  recordOutcome(o: IncidentOutcome): Promise<OutcomeResult> {
    return this.write((view) => {
      const plan = planOutcome(o, view);
      return { changes: plan.changes, result: { updated: plan.updated } };
    });
  }

  updateConfidence(edgeId: string, alpha: number, beta: number): Promise<GraphEdge> {
    return this.write((view) => {
      const plan = planConfidence(edgeId, alpha, beta, view);
      return { changes: plan.changes, result: plan.edge };
    });
  }

  removeEdge(edgeId: string): Promise<boolean> {
    return this.write((view) => {
      const changes = planRemoveEdge(edgeId, view);
      return { changes, result: changes !== null };
    });
  }

  async snapshot(): Promise<GraphSnapshot> {
    return this.live().snapshotSync();
  }

  /** Waits for the writes handed in before, then refuses every call (UNAVAILABLE). */
  close(): Promise<void> {
    return this.inTurn(async () => {
      this.closed = true;
      await this.mem.close();
    });
  }

  /** Plans on memory as the previous write left it, commits, then applies: in turn, one write at a time. */
  private write<T>(plan: (view: GraphView) => { changes: GraphChanges | null; result: T }): Promise<T> {
    return this.inTurn(async () => {
      const { changes, result } = plan(this.live().view);
      if (changes && !isEmpty(changes)) {
        try {
          await this.db.transaction((tx) => saveChanges(tx, changes));
        } catch (err) {
          throw unavailable('saved', err);
        }
        this.mem.apply(changes);
      }
      return result;
    });
  }

  private live(): MemoryGraphStore {
    if (this.closed) throw new GraphStoreError('UNAVAILABLE', 'the graph store is closed');
    return this.mem;
  }
}
