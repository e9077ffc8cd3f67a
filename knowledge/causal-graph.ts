/**
 * A read-only index over a graph snapshot for the questions root-cause analysis and the alert
 * engine ask many times a second: what measures this sensor, what causes this, what mitigates that.
 * Built once per snapshot (the store's contents change rarely: a seeding, an engineer's edit, a
 * confirmed incident), then every query is a map lookup.
 */
import { confidenceOf, type EdgeKind, type GraphEdge, type GraphNode, type GraphSnapshot } from './graph-model.ts';
import { sensorNodeId } from './seed-graph.ts';

export interface CausalPath {
  /** The cause at the start of the path. */
  readonly cause: GraphNode;
  /** CAUSES edges from the cause to the symptom, in causal order. */
  readonly edges: readonly GraphEdge[];
  /** Product of the edges' signs (0 when one of them acts on any departure). */
  readonly sign: 1 | -1 | 0;
  /** Product of the edges' confidences: the path's prior. */
  readonly prior: number;
}

export class CausalGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly out = new Map<string, GraphEdge[]>();
  private readonly in = new Map<string, GraphEdge[]>();

  constructor(readonly snapshot: GraphSnapshot) {
    for (const n of snapshot.nodes) this.nodes.set(n.id, n);
    for (const e of snapshot.edges) {
      (this.out.get(e.from) ?? this.out.set(e.from, []).get(e.from)!).push(e);
      (this.in.get(e.to) ?? this.in.set(e.to, []).get(e.to)!).push(e);
    }
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  edgesFrom(id: string, kind?: EdgeKind): readonly GraphEdge[] {
    const all = this.out.get(id) ?? [];
    return kind ? all.filter((e) => e.kind === kind) : all;
  }

  edgesTo(id: string, kind?: EdgeKind): readonly GraphEdge[] {
    const all = this.in.get(id) ?? [];
    return kind ? all.filter((e) => e.kind === kind) : all;
  }

  /** The variable a sensor measures, with the sign of its reading (−1: the reading falls as the variable rises). */
  measured(sensorId: string): { readonly variable: GraphNode; readonly sign: 1 | -1 } | null {
    const e = this.edgesFrom(sensorNodeId(sensorId), 'MEASURES')[0];
    const v = e && this.nodes.get(e.to);
    return v ? { variable: v, sign: (e.props['sign'] as 1 | -1) ?? 1 } : null;
  }

  /** The sensors that read a variable, with their signs. */
  sensorsOf(variableId: string): { readonly sensor: string; readonly sign: 1 | -1 }[] {
    return this.edgesTo(variableId, 'MEASURES').map((e) => ({ sensor: String(this.nodes.get(e.from)?.props['sensor'] ?? e.from.slice(7)), sign: (e.props['sign'] as 1 | -1) ?? 1 }));
  }

  /** Causal parents of a node (CAUSES edges into it). */
  parents(id: string): readonly GraphEdge[] {
    return this.edgesTo(id, 'CAUSES');
  }

  /**
   * Every path of CAUSES edges into `symptom` of at most `maxHops` edges, restricted to causes on
   * `asset` when given. A node reached by several paths keeps each (a cause may act two ways).
   */
  pathsTo(symptom: string, maxHops: number, asset?: string): CausalPath[] {
    const out: CausalPath[] = [];
    const walk = (at: string, edges: GraphEdge[], seen: Set<string>) => {
      if (edges.length >= maxHops) return;
      for (const e of this.edgesTo(at, 'CAUSES')) {
        if (seen.has(e.from)) continue;
        const cause = this.nodes.get(e.from);
        if (!cause || (asset !== undefined && cause.props['asset'] !== asset)) continue;
        const path = [e, ...edges];
        let sign = 1;
        let prior = 1;
        for (const p of path) {
          sign *= Number(p.props['sign'] ?? 0);
          prior *= confidenceOf({ alpha: Number(p.props['alpha']), beta: Number(p.props['beta']) });
        }
        out.push({ cause, edges: path, sign: sign as 1 | -1 | 0, prior });
        seen.add(e.from);
        walk(e.from, path, seen);
        seen.delete(e.from);
      }
    };
    walk(symptom, [], new Set([symptom]));
    return out.sort((a, b) => a.edges.length - b.edges.length || (a.cause.id < b.cause.id ? -1 : 1));
  }

  /** Interventions that mitigate `symptom` and act on `cause`. */
  interventionsFor(symptom: string, cause: string): { readonly node: GraphNode; readonly edge: GraphEdge }[] {
    return this.edgesTo(symptom, 'MITIGATES')
      .map((edge) => ({ node: this.nodes.get(edge.from)!, edge }))
      .filter((x) => x.node && x.node.props['actsOn'] === cause);
  }

  /** Whether the graph says a variable has no effect on a symptom (a known non-effect). */
  noImpact(cause: string, symptom: string): boolean {
    return this.edgesFrom(cause, 'NO_IMPACT').some((e) => e.to === symptom);
  }
}
