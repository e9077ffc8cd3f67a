/**
 * Root-cause results as the API answers them: the top causes with their interventions (concrete
 * target values from the current setpoints, and a what-if request to try them), the action to
 * take, and a diagnosis written only from the numbers in the answer.
 */
import type { CausalGraph } from '../../knowledge/causal-graph.ts';
import { confidenceOf, type GraphEdge, type GraphNode } from '../../knowledge/graph-model.ts';
import type { ModeLikelihood } from '../../knowledge/machine-diagnosis.ts';
import type { RcaCause } from '../../knowledge/rca.ts';
import type { FailureModeLikelihood, KgEdge, KgIntervention, RcaCauseWire } from '../../protocol/knowledge.ts';

/** A setpoint's current value and unit, by setpoint id (`Line_A.furnace_temp`). */
export type SetpointValues = ReadonlyMap<string, { readonly value: number; readonly unit: string; readonly min?: number; readonly max?: number }>;

const round = (x: number, digits = 3) => Number(x.toFixed(digits));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function edgeOnWire(e: GraphEdge): KgEdge {
  const isCauses = e.kind === 'CAUSES' && typeof e.props['alpha'] === 'number' && typeof e.props['beta'] === 'number';
  return { id: e.id, kind: e.kind, from: e.from, to: e.to, props: e.props, confidence: isCauses ? round(confidenceOf({ alpha: Number(e.props['alpha']), beta: Number(e.props['beta']) }), 4) : null };
}

/** An Intervention node with its MITIGATES edge, as concrete moves from the current setpoints. */
export function interventionOnWire(node: GraphNode, edge: GraphEdge, setpoints: SetpointValues): KgIntervention {
  const setpoint = typeof node.props['setpoint'] === 'string' ? node.props['setpoint'] : null;
  const dMin = num(node.props['deltaMin']);
  const dMax = num(node.props['deltaMax']);
  const relative = typeof node.props['relative'] === 'boolean' ? node.props['relative'] : null;
  const sp = setpoint ? setpoints.get(setpoint) : undefined;
  const current = sp?.value ?? null;
  const clamp = (x: number) => Math.min(sp?.max ?? Infinity, Math.max(sp?.min ?? -Infinity, x));
  const move = (d: number | null) => (current === null || d === null ? null : round(clamp(relative ? current * (1 + d) : current + d)));
  const tMin = move(dMin);
  const tMax = move(dMax);
  const lo = tMin === null || tMax === null ? null : Math.min(tMin, tMax);
  const hi = tMin === null || tMax === null ? null : Math.max(tMin, tMax);
  const target = lo === null || hi === null ? null : round((lo + hi) / 2);
  return {
    id: node.id,
    label: node.label,
    setpoint,
    unit: sp?.unit ?? null,
    delta_min: dMin,
    delta_max: dMax,
    relative,
    current_value: current,
    target_min: lo,
    target_max: hi,
    target_value: target,
    expected_effect: Number(edge.props['expectedEffect'] ?? 0),
    time_to_effect_min_s: Number(edge.props['implementationMinS'] ?? 0),
    time_to_effect_max_s: Number(edge.props['implementationMaxS'] ?? 0),
    what_if: setpoint && target !== null ? { changes: [{ setpoint, value: target }], horizon: '4h' } : null,
  };
}

/**
 * The interventions for a cause: those the graph lists against the symptom that act on it; for a
 * sensor symptom (no intervention mitigates a sensor), every intervention that acts on the cause.
 */
/**
 * The interventions for a cause of a symptom. A sensor's symptom has none of its own: then those
 * acting on the cause, for the defects its deviation in `moved` (+1 up, −1 down, 0 unknown) would
 * cause (a hot furnace: lower it for the cracks, not raise it for cloudiness).
 */
export function interventionsFor(graph: CausalGraph, symptomId: string, causeId: string, setpoints: SetpointValues, moved = 0): KgIntervention[] {
  const direct = graph.interventionsFor(symptomId, causeId);
  const acts = (defect: string) => graph.edgesFrom(causeId, 'CAUSES').some((e) => e.to === defect && (moved === 0 || Number(e.props['sign']) === 0 || Number(e.props['sign']) === moved));
  const found =
    direct.length > 0 || symptomId.startsWith('defect:')
      ? direct
      : graph.snapshot.nodes
          .filter((n) => n.kind === 'Intervention' && n.props['actsOn'] === causeId)
          .flatMap((node) => graph.edgesFrom(node.id, 'MITIGATES').slice(0, 1).map((edge) => ({ node, edge })))
          .filter((x) => !x.edge.to.startsWith('defect:') || acts(x.edge.to));
  return found.map((x) => interventionOnWire(x.node, x.edge, setpoints));
}

/** Which way a cause moved: the sign of the median of its sensors' (sign-adjusted) peak deviations. */
function movedOf(c: RcaCause): number {
  const s = c.evidence.sensors.map((x) => x.sigma).sort((a, b) => a - b);
  const median = s.length ? s[Math.floor((s.length - 1) / 2)]! : 0;
  return Math.sign(median);
}

function actionFor(graph: CausalGraph, c: RcaCause, interventions: readonly KgIntervention[]): string {
  if (c.kind === 'instrument') return `check the instrument ${c.parameterName} (calibrate or replace it); no process change`;
  if (c.kind === 'none') return 'no cause in the graph explains it: investigate on site and record what is found';
  const moves = interventions.map((iv) => (iv.setpoint && iv.target_value !== null ? `${iv.label} (${iv.setpoint} ${iv.current_value} → ${iv.target_value} ${iv.unit ?? ''})`.replace(/ \)$/, ')') : iv.label));
  if (moves.length > 0) return moves.join('; ');
  const equipment = graph.edgesTo(c.rootCauseId, 'CONTROLS').map((e) => graph.node(e.from)?.label).filter((x): x is string => !!x);
  return `bring ${c.label} back to its normal range${equipment.length > 0 ? ` (check the ${equipment.join(' and ')})` : ''}`;
}

export function causeOnWire(graph: CausalGraph, c: RcaCause, symptomId: string, setpoints: SetpointValues, isoAt: (tS: number) => string, samples: ReadonlyMap<string, number>): RcaCauseWire {
  const interventions = c.kind === 'process' ? interventionsFor(graph, symptomId, c.rootCauseId, setpoints, movedOf(c)) : [];
  const sensors = c.evidence.sensors.map((s) => ({ sensor: s.sensor, sigma: s.sigma, samples: samples.get(s.sensor) ?? 0 }));
  return {
    root_cause_id: c.rootCauseId,
    kind: c.kind,
    parameter_name: c.parameterName,
    label: c.label,
    deviation_magnitude: c.deviationSigma,
    confidence: round(c.confidence, 4),
    evidence: { onset_time: c.evidence.onsetS === null ? null : isoAt(c.evidence.onsetS), sensors, samples: sensors.reduce((a, s) => a + s.samples, 0), path: c.evidence.path, prior: round(c.evidence.prior, 4) },
    recommended_action: actionFor(graph, c, interventions),
    interventions,
  };
}

export function modeOnWire(graph: CausalGraph, m: ModeLikelihood, setpoints: SetpointValues): FailureModeLikelihood {
  return {
    failure_mode_id: m.failureModeId,
    mode: m.mode,
    confidence: round(m.confidence, 4),
    similarity: m.similarity,
    evidence: m.evidence.map((e) => ({ sensor: e.sensor, observed_sigma: Number.isFinite(e.observedSigma) ? e.observedSigma : null, expected_sigma: e.expectedSigma })),
    interventions: interventionsFor(graph, m.failureModeId, m.failureModeId, setpoints),
  };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const hhmm = (iso: string | null) => (iso === null ? null : `${iso.slice(11, 16)}Z`);

/** "crack on Line_A at 10:00Z: most likely Line_A furnace temperature (81 %), +5.2 σ since 07:40Z over 2 edges; …" */
export function diagnosisText(what: string, atIso: string, causes: readonly RcaCauseWire[], modes: readonly FailureModeLikelihood[]): string {
  const head = `${what} at ${hhmm(atIso)}`;
  if (modes.length > 0) {
    const [top, ...rest] = modes;
    const shown = top!.evidence.filter((e) => e.observed_sigma !== null).map((e) => `${e.sensor} ${e.observed_sigma! >= 0 ? '+' : ''}${e.observed_sigma} σ (expected ${e.expected_sigma >= 0 ? '+' : ''}${e.expected_sigma})`);
    return `${head}: most likely ${top!.mode.replaceAll('_', ' ')} (${pct(top!.confidence)}, signature similarity ${top!.similarity})${shown.length ? ` from ${shown.join(', ')}` : ''}${rest.length ? `; then ${rest.slice(0, 2).map((m) => `${m.mode.replaceAll('_', ' ')} (${pct(m.confidence)})`).join(', ')}` : ''}.`;
  }
  if (causes.length === 0) return `${head}: no candidate reaches the asked confidence.`;
  const [top, ...rest] = causes;
  const onset = hhmm(top!.evidence.onset_time);
  const detail = top!.kind === 'process' ? `, ${top!.deviation_magnitude >= 0 ? '+' : ''}${top!.deviation_magnitude} σ${onset ? ` from ${onset}` : ''}${top!.evidence.path.length ? ` over ${top!.evidence.path.length} edge${top!.evidence.path.length > 1 ? 's' : ''}` : ''} (${top!.evidence.samples} samples)` : top!.kind === 'instrument' ? `, ${top!.deviation_magnitude} σ on this sensor alone` : '';
  const then = rest.length ? `; then ${rest.map((c) => `${c.label} (${pct(c.confidence)})`).join(', ')}` : '';
  return `${head}: most likely ${top!.label} (${pct(top!.confidence)})${detail}${then}. Recommended: ${top!.recommended_action}.`;
}
