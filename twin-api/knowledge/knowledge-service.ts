/**
 * The knowledge graph of the live twin: the store (embedded in the history database by default,
 * Neo4j when configured) and the `CausalGraph` read model rebuilt from its snapshot after every
 * write, so root-cause analysis and the alert engine's advice always read the graph as it now is.
 *
 * Seeding on start is idempotent and keeps what was learnt: nodes and edges the store lacks are
 * added, seeded ones refreshed from the shipped knowledge, but an edge keeps its stored Beta counts
 * (feedback and engineers moved them), and an edge an engineer deleted is not seeded back.
 */
import type { AlertAdvice } from '../../monitor/alerts/alert-advice.ts';
import { graphAlertAdvice } from '../../knowledge/advice.ts';
import { CausalGraph } from '../../knowledge/causal-graph.ts';
import type { GraphEdge, GraphSnapshot } from '../../knowledge/graph-model.ts';
import type { GraphStore, IncidentOutcome, OutcomeResult } from '../../knowledge/graph-store.ts';
import { serial } from './serial.ts';

/** Where the ids of deleted seeded edges are kept, so that a restart does not seed them back. */
export interface RemovedEdges {
  load(): Promise<readonly string[]>;
  save(ids: readonly string[], by: string): Promise<void>;
}

export interface KnowledgeServiceOptions {
  readonly store: GraphStore;
  /** What the plant starts with (`defaultSeed(knowledgePlant(…))`). */
  readonly seed: GraphSnapshot;
  /** Which store serves, for health and logs. */
  readonly kind: 'embedded' | 'neo4j';
  readonly removed?: RemovedEdges;
}

const moved = (stored: GraphEdge, seeded: GraphEdge) => stored.props['alpha'] !== seeded.props['alpha'] || stored.props['beta'] !== seeded.props['beta'];

/** The seed's nodes and edges as they should be written over what the store holds (pure). */
export function seedChanges(stored: GraphSnapshot, seed: GraphSnapshot, removed: ReadonlySet<string>): GraphSnapshot {
  const nodes = new Map(stored.nodes.map((n) => [n.id, n]));
  const edges = new Map(stored.edges.map((e) => [e.id, e]));
  // Stores may give the keys back in another order: compare them as sets.
  const sameProps = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && a[k] === b[k]);
  };
  const outNodes = seed.nodes.filter((n) => {
    const s = nodes.get(n.id);
    return !s || s.kind !== n.kind || s.label !== n.label || !sameProps(s.props, n.props);
  });
  const outEdges: GraphEdge[] = [];
  for (const e of seed.edges) {
    if (removed.has(e.id)) continue;
    const s = edges.get(e.id);
    if (!s) outEdges.push(e);
    else {
      // Learnt counts stay; the rest (mechanism, lags, threshold) follows the shipped knowledge.
      const next: GraphEdge = moved(s, e) && 'alpha' in s.props ? { ...e, props: { ...e.props, alpha: s.props['alpha']!, beta: s.props['beta']! } } : e;
      if (!sameProps(s.props, next.props)) outEdges.push(next);
    }
  }
  return { nodes: outNodes, edges: outEdges };
}

export class KnowledgeService {
  private current: CausalGraph;
  private currentAdvice: AlertAdvice;
  private readonly inTurn = serial();
  private readonly removedIds: Set<string>;

  private constructor(
    readonly store: GraphStore,
    readonly kind: KnowledgeServiceOptions['kind'],
    snapshot: GraphSnapshot,
    removedIds: readonly string[],
    private readonly removed: RemovedEdges | undefined,
  ) {
    this.current = new CausalGraph(snapshot);
    this.currentAdvice = graphAlertAdvice(this.current);
    this.removedIds = new Set(removedIds);
  }

  /**
   * Seeds the store (idempotently) and builds the read model.
   * @example const knowledge = await KnowledgeService.open({ store: await SqlGraphStore.open(db), seed, kind: 'embedded' });
   */
  static async open(o: KnowledgeServiceOptions): Promise<KnowledgeService> {
    const removed = (await o.removed?.load()) ?? [];
    const changes = seedChanges(await o.store.snapshot(), o.seed, new Set(removed));
    if (changes.nodes.length > 0) await o.store.upsertNodes(changes.nodes);
    if (changes.edges.length > 0) await o.store.upsertEdges(changes.edges);
    return new KnowledgeService(o.store, o.kind, await o.store.snapshot(), removed, o.removed);
  }

  /** The graph as it now is (a new object after every write: hold it for one analysis, not longer). */
  graph(): CausalGraph {
    return this.current;
  }

  /** The alert engine's advice, answered from the current graph at the time an alert is raised. */
  advice(): AlertAdvice {
    return {
      forSensor: (sensor, direction) => this.currentAdvice.forSensor(sensor, direction),
      forAsset: (asset, contributors) => this.currentAdvice.forAsset(asset, contributors),
    };
  }

  recordOutcome(o: IncidentOutcome): Promise<OutcomeResult> {
    return this.write(() => this.store.recordOutcome(o));
  }

  updateConfidence(edgeId: string, alpha: number, beta: number): Promise<GraphEdge> {
    return this.write(() => this.store.updateConfidence(edgeId, alpha, beta));
  }

  /** Removes an edge; a seeded one is remembered as removed, so that the next start does not seed it back. */
  removeEdge(edgeId: string, by: string): Promise<boolean> {
    return this.write(async () => {
      const gone = await this.store.removeEdge(edgeId);
      if (gone && this.removed && !this.removedIds.has(edgeId)) {
        this.removedIds.add(edgeId);
        await this.removed.save([...this.removedIds].sort(), by);
      }
      return gone;
    });
  }

  /** Adds edges an engineer accepted; an id once removed may be added again. */
  addEdges(edges: readonly GraphEdge[], by: string): Promise<void> {
    return this.write(async () => {
      await this.store.upsertEdges(edges);
      const back = edges.filter((e) => this.removedIds.delete(e.id));
      if (back.length > 0 && this.removed) await this.removed.save([...this.removedIds].sort(), by);
    });
  }

  close(): Promise<void> {
    return this.inTurn(() => this.store.close());
  }

  /** A write, then the read model from the store's snapshot, one write at a time (the read model never goes back). */
  private write<T>(task: () => Promise<T>): Promise<T> {
    return this.inTurn(async () => {
      try {
        return await task();
      } finally {
        this.current = new CausalGraph(await this.store.snapshot());
        this.currentAdvice = graphAlertAdvice(this.current);
      }
    });
  }
}

/** Removed edge ids kept as a setting of the history database (`knowledge.removed-edges`). */
export function removedEdgesIn(settings: { getSetting(key: string): Promise<{ readonly value: unknown } | null>; putSetting(key: string, value: unknown, by: string | null): Promise<unknown> }): RemovedEdges {
  const KEY = 'knowledge.removed-edges';
  return {
    load: async () => {
      const v = (await settings.getSetting(KEY))?.value;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    },
    save: async (ids, by) => void (await settings.putSetting(KEY, ids, by)),
  };
}
