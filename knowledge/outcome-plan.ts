/**
 * `recordOutcome` as a plan (graph-store.ts has its semantics): the incident's nodes and verdict edge,
 * and the Beta counts of the path. One verdict per incident and cause: recording it again changes
 * nothing, and a changed verdict first takes back what the previous one counted. The verdict edge
 * keeps the path it counted (prop `path`, JSON text: props are flat scalars), because the path of a
 * later, changed verdict need not be the same.
 */
import { checkEdge, edgeId, type GraphEdge, type GraphNode } from './graph-model.ts';
import type { IncidentOutcome } from './graph-store.ts';
import { byId, checkId, invalid, normalEdge, normalNode, notFound, textProblem } from './graph-checks.ts';
import { NO_CHANGES, overlay, withCounts, type GraphChanges, type GraphView } from './graph-changes.ts';

export const incidentNodeId = (incidentId: string): string => `incident:${incidentId}`;
export const deviationNodeId = (incidentId: string, variable: string): string => `deviation:${incidentId}:${variable}`;

/** The ids of both verdict edges an outcome may find, the one it records first. */
export function verdictEdgeIds(o: Pick<IncidentOutcome, 'incidentId' | 'cause' | 'verdict'>): { same: string; other: string } {
  const incident = incidentNodeId(o.incidentId);
  const confirmed = edgeId('CONFIRMED_CAUSE', incident, o.cause);
  const rejected = edgeId('REJECTED_CAUSE', incident, o.cause);
  return o.verdict === 'confirmed' ? { same: confirmed, other: rejected } : { same: rejected, other: confirmed };
}

/** The CAUSES edges a recorded verdict counted (its `path` prop); none when the prop is missing or not a list of ids. */
export function countedPath(verdict: GraphEdge): string[] {
  const text = verdict.props['path'];
  if (typeof text !== 'string') return [];
  try {
    const ids: unknown = JSON.parse(text);
    return Array.isArray(ids) && ids.every((x) => typeof x === 'string') ? ids : [];
  } catch {
    return [];
  }
}

export interface OutcomePlan {
  readonly changes: GraphChanges;
  /** The path's edges (in path order), then any other edge whose counts a changed verdict took back. */
  readonly updated: readonly GraphEdge[];
}

const isTime = (s: unknown): boolean => typeof s === 'string' && Number.isFinite(Date.parse(s));

function checkOutcome(o: IncidentOutcome): void {
  if (typeof o !== 'object' || o === null) throw invalid('the outcome is not an object');
  checkId('incidentId', o.incidentId);
  for (const [what, s] of [['incidentLabel', o.incidentLabel], ['by', o.by]] as const) {
    const p = textProblem(what, s);
    if (p) throw invalid(p);
  }
  checkId('symptom', o.symptom);
  checkId('cause', o.cause);
  if (o.verdict !== 'confirmed' && o.verdict !== 'rejected') throw invalid(`verdict must be confirmed or rejected, got ${String(o.verdict)}`);
  if (!isTime(o.at)) throw invalid(`at is not an ISO time: ${String(o.at)}`);
  if (!Array.isArray(o.path) || o.path.length === 0) throw invalid('the path must list at least one CAUSES edge');
  o.path.forEach((id, i) => checkId(`path[${i}]`, id));
  if (new Set(o.path).size !== o.path.length) throw invalid('the path lists an edge twice');
  if (!Array.isArray(o.deviations)) throw invalid('deviations is not a list');
  o.deviations.forEach((d, i) => {
    checkId(`deviations[${i}].variable`, d?.variable);
    if (typeof d.sigma !== 'number' || !Number.isFinite(d.sigma)) throw invalid(`deviations[${i}].sigma is not a finite number`);
    if (!isTime(d.onset)) throw invalid(`deviations[${i}].onset is not an ISO time: ${String(d.onset)}`);
  });
}

/** The path's edges, checked to be a chain of CAUSES edges from the cause to the symptom. */
function pathEdges(o: IncidentOutcome, view: GraphView): GraphEdge[] {
  const edges = o.path.map((id) => {
    const e = view.edge(id);
    if (!e) throw notFound(`no edge "${id}" (on the path)`);
    if (e.kind !== 'CAUSES') throw invalid(`the path's edge ${id} is a ${e.kind} edge, not CAUSES`);
    return e;
  });
  const chain = `the path is not a chain of CAUSES edges from ${o.cause} to ${o.symptom}`;
  if (edges[0]!.from !== o.cause) throw invalid(`${chain}: it starts at ${edges[0]!.from}`);
  for (let i = 1; i < edges.length; i++) {
    if (edges[i]!.from !== edges[i - 1]!.to) throw invalid(`${chain}: ${edges[i - 1]!.id} is not followed by an edge from ${edges[i - 1]!.to}`);
  }
  if (edges.at(-1)!.to !== o.symptom) throw invalid(`${chain}: it ends at ${edges.at(-1)!.to}`);
  return edges;
}

/** Plans recording `o` on the graph `view` shows. Throws NOT_FOUND for unknown ids, INVALID for the rest. */
export function planOutcome(o: IncidentOutcome, view: GraphView): OutcomePlan {
  checkOutcome(o);
  const symptom = view.node(o.symptom);
  if (!symptom) throw notFound(`no symptom node "${o.symptom}"`);
  // A Variable is the symptom of an alert on a sensor: the variable it measures, which the path's causes drive.
  if (symptom.kind !== 'DefectType' && symptom.kind !== 'FailureMode' && symptom.kind !== 'Variable') throw invalid(`symptom ${o.symptom} is a ${symptom.kind}, not a DefectType, FailureMode or Variable (a sensor alert's measured variable)`);
  if (!view.node(o.cause)) throw notFound(`no cause node "${o.cause}"`);
  const path = pathEdges(o, view);
  const ids = verdictEdgeIds(o);
  // The same verdict again (a retried request, a second click) must not count twice.
  if (view.edge(ids.same)) return { changes: NO_CHANGES, updated: path };

  const counts = new Map<string, GraphEdge>();
  const bump = (e: GraphEdge | undefined, dAlpha: number, dBeta: number): void => {
    if (!e || e.kind !== 'CAUSES') return; // an edge removed (or replaced) since it was counted
    const now = counts.get(e.id) ?? e;
    const alpha = now.props['alpha'] as number;
    const beta = now.props['beta'] as number;
    // Taking back may not leave a count at or below 0 (no Beta belief): an engineer's edit in between
    // may have set it lower than what the verdict had added.
    const next = (v: number, d: number): number => (v + d > 0 ? v + d : v);
    counts.set(e.id, withCounts(now, next(alpha, dAlpha), next(beta, dBeta)));
  };
  const previous = view.edge(ids.other);
  if (previous) {
    const counted = countedPath(previous);
    if (previous.kind === 'CONFIRMED_CAUSE') counted.forEach((id) => bump(view.edge(id), -1, 0));
    else bump(counted[0] === undefined ? undefined : view.edge(counted[0]), 0, -1);
  }
  if (o.verdict === 'confirmed') path.forEach((e) => bump(e, 1, 0));
  else bump(path[0], 0, 1);

  const incident = incidentNodeId(o.incidentId);
  const nodes = new Map<string, GraphNode>();
  if (!view.node(incident)) nodes.set(incident, normalNode({ id: incident, kind: 'Incident', label: o.incidentLabel, props: {} }));
  const edges = new Map<string, GraphEdge>(counts);
  for (const d of o.deviations) {
    const id = deviationNodeId(o.incidentId, d.variable);
    const was = view.node(id);
    if (was && was.kind !== 'Deviation') throw invalid(`node ${id} is a ${was.kind}: its kind cannot become Deviation`);
    nodes.set(id, normalNode({ id, kind: 'Deviation', label: `${d.variable} ${d.sigma}σ`, props: { sigma: d.sigma, onset: d.onset, variable: d.variable } }));
    const has = edgeId('HAS_DEVIATION', incident, id);
    edges.set(has, normalEdge({ id: has, kind: 'HAS_DEVIATION', from: incident, to: id, props: {} }));
  }
  const verdict: GraphEdge = {
    id: ids.same,
    kind: o.verdict === 'confirmed' ? 'CONFIRMED_CAUSE' : 'REJECTED_CAUSE',
    from: incident,
    to: o.cause,
    props: { by: o.by, at: o.at, symptom: o.symptom, path: JSON.stringify(o.path) },
  };
  edges.set(verdict.id, normalEdge(verdict));

  const changes: GraphChanges = { nodes: [...nodes.values()], edges: [...edges.values()], removedEdges: previous ? [previous.id] : [] };
  // The new edges are checked; the counted ones exist already with the same ends.
  const after = overlay(view, changes);
  for (const e of edges.values()) {
    if (counts.has(e.id)) continue;
    const problem = checkEdge(e, (id) => after.node(id)?.kind);
    if (problem) throw invalid(problem);
  }
  const onPath = new Set(o.path);
  const updated = [...path.map((e) => counts.get(e.id) ?? e), ...[...counts.values()].filter((e) => !onPath.has(e.id)).sort(byId)];
  return { changes, updated };
}
