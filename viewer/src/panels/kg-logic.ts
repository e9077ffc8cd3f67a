/** What the knowledge graph panel draws, as pure functions of the wire's subgraph (tested). */
import type { KgEdge, KgNode, KgSubgraph, RcaCauseWire, RootCauseAnswer } from '../../../protocol/knowledge.ts';
import { duration, fmt } from '../util/format.ts';

export type KgShape = 'circle' | 'square' | 'diamond' | 'triangle';

/** Colour and shape per node kind: the legend. */
export const NODE_STYLE: Record<KgNode['kind'], { color: string; shape: KgShape; size: number }> = {
  Equipment: { color: '#8b5cf6', shape: 'square', size: 9 },
  Sensor: { color: '#94a3b8', shape: 'square', size: 6 },
  Variable: { color: '#3b82f6', shape: 'circle', size: 10 },
  DefectType: { color: '#ef4444', shape: 'diamond', size: 12 },
  FailureMode: { color: '#f97316', shape: 'diamond', size: 12 },
  Intervention: { color: '#10b981', shape: 'triangle', size: 10 },
  Incident: { color: '#eab308', shape: 'triangle', size: 9 },
  Deviation: { color: '#a3a3a3', shape: 'circle', size: 5 },
};

/** A node colour faded to `alpha` (the nodes off a highlighted path). */
export function fade(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

/** Edge colours by kind; a CAUSES edge is coloured by its sign instead (red: more causes more, blue: less causes more). */
const EDGE_COLOR: Record<KgEdge['kind'], [number, number, number]> = {
  MEASURES: [148, 163, 184],
  CAUSES: [115, 115, 115],
  NO_IMPACT: [203, 213, 225],
  CONTROLS: [139, 92, 246],
  MITIGATES: [16, 185, 129],
  HAS_DEVIATION: [163, 163, 163],
  CONFIRMED_CAUSE: [234, 179, 8],
  REJECTED_CAUSE: [120, 113, 108],
};
const SIGN_COLOR = { '1': [220, 38, 38], '-1': [37, 99, 235], '0': [115, 115, 115] } as const;

/** The sign of a CAUSES edge: +1, −1 or 0 (unknown, or not given). */
export function signOf(e: KgEdge): 1 | -1 | 0 {
  const s = Number(e.props['sign']);
  return s > 0 ? 1 : s < 0 ? -1 : 0;
}

export interface EdgeLook {
  readonly color: string;
  readonly size: number;
}

/**
 * How an edge is drawn: a CAUSES edge's width and opacity grow with its confidence α/(α+β) and its
 * colour says its sign; the others are thin. On a highlighted path its edges stand out and the rest fade.
 */
export function edgeLook(e: KgEdge, highlight: ReadonlySet<string> | null): EdgeLook {
  const onPath = highlight?.has(e.id) ?? false;
  const faded = highlight !== null && highlight.size > 0 && !onPath;
  const rgb = e.kind === 'CAUSES' ? SIGN_COLOR[String(signOf(e)) as '1' | '-1' | '0'] : EDGE_COLOR[e.kind];
  const c = e.kind === 'CAUSES' && e.confidence !== null ? Math.min(1, Math.max(0, e.confidence)) : null;
  const alpha = faded ? 0.12 : onPath ? 1 : c !== null ? 0.25 + 0.75 * c : e.kind === 'NO_IMPACT' ? 0.35 : 0.6;
  const size = onPath ? 6 : c !== null ? 1 + 4 * c : 1;
  return { color: `rgba(${rgb[0]},${rgb[1]},${rgb[2]},${alpha.toFixed(2)})`, size };
}

/** The nodes of one asset (and those of none: defect types), and the edges among them. */
export function forAsset(g: KgSubgraph, asset: string | null): KgSubgraph {
  if (!asset) return g;
  const nodes = g.nodes.filter((n) => n.props['asset'] === undefined || n.props['asset'] === null || n.props['asset'] === asset);
  const keep = new Set(nodes.map((n) => n.id));
  return { nodes, edges: g.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
}

/** The path's edges and the nodes on it (and the cause), to highlight; what the subgraph lacks is left out. */
export function pathElements(g: KgSubgraph, path: readonly string[], cause: string | null = null): { edges: Set<string>; nodes: Set<string> } {
  const edges = new Set(path.filter((id) => g.edges.some((e) => e.id === id)));
  const nodes = new Set(g.edges.filter((e) => edges.has(e.id)).flatMap((e) => [e.from, e.to]));
  if (cause !== null && g.nodes.some((n) => n.id === cause)) nodes.add(cause);
  return { edges, nodes };
}

const value = (v: unknown): string => (typeof v === 'number' ? fmt(v) : v === null || v === undefined ? '—' : String(v));

/** The side box for a node: its kind, id and props. */
export function nodeRows(n: KgNode): [string, string][] {
  return [['kind', n.kind], ['id', n.id], ...Object.keys(n.props).sort().map((k): [string, string] => [k, value(n.props[k])])];
}

/** The side box for an edge: mechanism, lag, confidence with its counts, source, sign and threshold first. */
export function edgeRows(e: KgEdge, label: (id: string) => string): [string, string][] {
  const p = e.props;
  const rows: [string, string][] = [['kind', e.kind], ['from', label(e.from)], ['to', label(e.to)]];
  if (p['mechanism'] !== undefined) rows.push(['mechanism', value(p['mechanism'])]);
  if (typeof p['lagMinS'] === 'number' && typeof p['lagMaxS'] === 'number') rows.push(['lag', `${duration(p['lagMinS'])}-${duration(p['lagMaxS'])}`]);
  if (e.confidence !== null) rows.push(['confidence', `${Math.round(e.confidence * 100)} % (α ${value(p['alpha'])}, β ${value(p['beta'])})`]);
  if (p['source'] !== undefined) rows.push(['source', value(p['source'])]);
  if (e.kind === 'CAUSES') rows.push(['sign', ({ 1: 'more → more', [-1]: 'more → less', 0: 'either way' } as const)[signOf(e)]]);
  const shown = new Set(['mechanism', 'lagMinS', 'lagMaxS', 'alpha', 'beta', 'source', 'sign']);
  for (const k of Object.keys(p).sort()) if (!shown.has(k)) rows.push([k, value(p[k])]);
  return rows;
}

/** What the panel is asked to show: a node's neighbourhood on an asset, with a path to highlight. */
export interface KgFocus {
  /** The subgraph's root node id (`defect:crack`, `sensor:Line_A.furnace.zone1_temp`, a variable). */
  readonly node: string;
  /** Only this asset's nodes (and shared ones: defect types), or all. */
  readonly asset: string | null;
  readonly depth: number;
  /** CAUSES edge ids to highlight (a root-cause answer's path). */
  readonly path: readonly string[];
  /** The cause to mark as well (a cause without a path has no edge to highlight). */
  readonly cause: string | null;
  readonly title: string | null;
}

/** The subgraph request for a focus. */
export function subgraphUrl(f: KgFocus): string {
  return `/api/knowledge-graph/subgraph?node=${encodeURIComponent(f.node)}&max_depth=${f.depth}`;
}

/**
 * The graph to open from a root-cause cause: around the symptom, deep enough that the whole path is
 * in it (the cause is path-length steps away; from a sensor one more), the path highlighted; a cause
 * without a path (the sensor's own variable, the instrument) is shown around itself.
 */
export function focusOfCause(answer: RootCauseAnswer, c: RcaCauseWire): KgFocus {
  const s = answer.symptom;
  const cause = c.kind === 'instrument' ? c.root_cause_id.replace(/^instrument:/, 'sensor:') : c.kind === 'none' ? null : c.root_cause_id;
  const node = c.evidence.path.length === 0 && cause !== null ? cause : s.id;
  const depth = Math.min(6, Math.max(2, c.evidence.path.length + (s.kind === 'sensor' ? 1 : 0)));
  return { node, asset: s.asset, depth, path: [...c.evidence.path], cause, title: `${c.label}, for ${s.defect_type ?? s.sensor ?? s.id} on ${s.asset}` };
}
