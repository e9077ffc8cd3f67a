/**
 * The causal knowledge graph's vocabulary: typed nodes and edges, as plain serializable data.
 *
 *   Sensor -MEASURES-> Variable
 *   Variable -CAUSES {mechanism, sign, lagMinS, lagMaxS, confidence (α, β), source}-> Variable | DefectType | FailureMode
 *   Variable -NO_IMPACT-> DefectType | FailureMode                 (a known non-effect)
 *   FailureMode -CAUSES-> Variable                                  (a developing failure moves what the profile says)
 *   Equipment -CONTROLS {responseTimeS}-> Variable
 *   Intervention -MITIGATES {expectedEffect, implementationTimeS}-> DefectType | FailureMode
 *   Incident -HAS_DEVIATION-> Deviation {sigma, onset}
 *   Incident -CONFIRMED_CAUSE | REJECTED_CAUSE {by, at}-> Variable
 *
 * Node ids are namespaced by kind (`variable:Line_A.furnace_temp`, `defect:crack`), so one id names
 * one node whatever store holds it. The same shapes go to graphology, Neo4j and the export formats.
 */

export const NODE_KINDS = ['Sensor', 'Variable', 'DefectType', 'FailureMode', 'Equipment', 'Intervention', 'Incident', 'Deviation'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const EDGE_KINDS = ['MEASURES', 'CAUSES', 'NO_IMPACT', 'CONTROLS', 'MITIGATES', 'HAS_DEVIATION', 'CONFIRMED_CAUSE', 'REJECTED_CAUSE'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** Where a piece of knowledge came from: the plant's knowledge file, a machine profile, an engineer, or data. */
export type KnowledgeSource = 'plant-table' | 'profile' | 'engineer' | 'learned';

/** Properties are flat scalars so that every store (graphology, Neo4j, SQL rows) keeps them as they are. */
export type PropValue = string | number | boolean | null;
export type Props = Readonly<Record<string, PropValue>>;

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** What a person reads: "Line_A furnace temperature", "crack". */
  readonly label: string;
  readonly props: Props;
}

export interface GraphEdge {
  /** `${kind}:${from}->${to}`: at most one edge of a kind between two nodes (see `edgeId`). */
  readonly id: string;
  readonly kind: EdgeKind;
  readonly from: string;
  readonly to: string;
  readonly props: Props;
}

/** The one id an edge of `kind` from `from` to `to` has, in every store. */
export function edgeId(kind: EdgeKind, from: string, to: string): string {
  return `${kind}:${from}->${to}`;
}

/** Which kinds an edge kind may join: anything else is refused by every store (`checkEdge`). */
export const EDGE_ENDS: Readonly<Record<EdgeKind, { readonly from: readonly NodeKind[]; readonly to: readonly NodeKind[] }>> = {
  MEASURES: { from: ['Sensor'], to: ['Variable'] },
  CAUSES: { from: ['Variable', 'FailureMode'], to: ['Variable', 'DefectType', 'FailureMode'] },
  NO_IMPACT: { from: ['Variable'], to: ['DefectType', 'FailureMode'] },
  CONTROLS: { from: ['Equipment'], to: ['Variable'] },
  MITIGATES: { from: ['Intervention'], to: ['DefectType', 'FailureMode'] },
  HAS_DEVIATION: { from: ['Incident'], to: ['Deviation'] },
  CONFIRMED_CAUSE: { from: ['Incident'], to: ['Variable', 'FailureMode'] },
  REJECTED_CAUSE: { from: ['Incident'], to: ['Variable', 'FailureMode'] },
};

/** Properties every CAUSES edge carries (props of the edge, flattened for the stores). */
export interface CausesProps {
  readonly mechanism: string;
  /** +1: more cause, more effect; −1: less cause, more effect; 0: any departure (|x|). */
  readonly sign: 1 | -1 | 0;
  readonly lagMinS: number;
  readonly lagMaxS: number;
  /** Beta(α, β) belief that the edge holds; its mean is the confidence. */
  readonly alpha: number;
  readonly beta: number;
  readonly source: KnowledgeSource;
  /** The threshold past which the cause acts, where the table gives one (furnace > 1600 °C), else null. */
  readonly threshold: number | null;
}

/** The mean of an edge's Beta belief. */
export function confidenceOf(p: { readonly alpha: number; readonly beta: number }): number {
  return p.alpha / (p.alpha + p.beta);
}

/**
 * Beta pseudo-counts for a stated confidence c: α = c·n, β = (1 − c)·n with n = 10, so that one
 * confirmed or rejected incident moves a table's 0.85 by about a point and a dozen of them decide.
 */
export const PRIOR_STRENGTH = 10;
export function betaOf(confidence: number, strength = PRIOR_STRENGTH): { alpha: number; beta: number } {
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be in (0, 1), got ${confidence}`);
  return { alpha: confidence * strength, beta: (1 - confidence) * strength };
}

/** Why an edge may not be stored: its ends are missing or of kinds its kind does not join. */
export function checkEdge(e: GraphEdge, kindOf: (id: string) => NodeKind | undefined): string | null {
  if (e.id !== edgeId(e.kind, e.from, e.to)) return `edge id "${e.id}" is not ${edgeId(e.kind, e.from, e.to)}`;
  const from = kindOf(e.from);
  const to = kindOf(e.to);
  if (from === undefined) return `edge ${e.id}: no node "${e.from}"`;
  if (to === undefined) return `edge ${e.id}: no node "${e.to}"`;
  const ends = EDGE_ENDS[e.kind];
  if (!ends.from.includes(from)) return `edge ${e.id}: ${e.kind} does not start at a ${from} (only ${ends.from.join(', ')})`;
  if (!ends.to.includes(to)) return `edge ${e.id}: ${e.kind} does not end at a ${to} (only ${ends.to.join(', ')})`;
  return null;
}

/** A snapshot of a whole graph (export, seeding, persistence). Nodes and edges sorted by id. */
export interface GraphSnapshot {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}
