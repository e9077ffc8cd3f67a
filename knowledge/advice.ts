/**
 * What an alert on a sensor recommends, read off the causal graph (the one place this knowledge
 * lives): the variable the sensor measures and the way it moved; the defects or failure modes that
 * movement causes; the interventions the graph lists for them; the equipment that controls the
 * variable. The alert engine asks once per sensor and direction, at start.
 */
import type { AlertAdvice } from '../monitor/alerts/alert-advice.ts';
import { GENERIC_SENSOR_ACTION } from '../monitor/alerts/alert-advice.ts';
import type { SensorChannel } from '../physics/model.ts';
import type { CausalGraph } from './causal-graph.ts';
import type { GraphEdge } from './graph-model.ts';

export type AlertDirection = 'above' | 'below' | null;
/** The recommended action for an alert on `sensor` past a limit in `direction`. */
export type SensorAdvice = (sensor: SensorChannel, direction: AlertDirection) => string;

export const FALLBACK_ADVICE = GENERIC_SENSOR_ACTION;
/** An inspection reading measures the product, not a cause: the cause is for root-cause analysis to find. */
export const INSPECTION_ADVICE = 'inspect recent units; investigate the defect burst for its root cause';

const words = (s: string) => s.replaceAll('_', ' ');

/** Whether an edge of sign `edgeSign` acts when its cause moves in `moved` (+1 up, −1 down, 0 unknown). */
function acts(edgeSign: number, moved: number): boolean {
  return edgeSign === 0 || moved === 0 || edgeSign === moved;
}

export function graphAdvice(graph: CausalGraph): SensorAdvice {
  return (sensor, direction) => {
    const m = graph.measured(sensor.id);
    if (!m) return sensor.group === 'inspection' ? INSPECTION_ADVICE : FALLBACK_ADVICE;
    const v = m.variable;
    const moved = direction === null ? 0 : (direction === 'above' ? 1 : -1) * m.sign;
    const equipment = graph
      .edgesTo(v.id, 'CONTROLS')
      .map((e) => graph.node(e.from)?.label.replace(/^\S+ /, ''))
      .filter((x): x is string => !!x);
    const effects = graph.edgesFrom(v.id, 'CAUSES').filter((e) => acts(Number(e.props['sign']), moved));
    const defects = effects.filter((e) => graph.node(e.to)?.kind === 'DefectType');
    const parts: string[] = [];
    for (const e of defects) for (const iv of graph.interventionsFor(e.to, v.id)) if (!parts.includes(iv.node.label)) parts.push(iv.node.label);
    if (equipment.length > 0) parts.push(`check the ${equipment.join(' and ')}`);
    const risk = defects.map((e: GraphEdge) => `${words(graph.node(e.to)!.props['defect'] as string)}: ${e.props['mechanism']}`);
    // A machine's sensor: the failure modes its profile says move it this way.
    const modes = graph
      .parents(v.id)
      .filter((e) => graph.node(e.from)?.kind === 'FailureMode' && acts(Number(e.props['sign']), moved))
      .sort((a, b) => Number(b.props['sigmas'] ?? 0) - Number(a.props['sigmas'] ?? 0))
      .map((e) => words(String(graph.node(e.from)!.props['mode'])));
    if (modes.length > 0) parts.push(`inspect for ${modes.join(' or ')} and plan maintenance before it fails`);
    if (parts.length === 0) return FALLBACK_ADVICE;
    return risk.length > 0 ? `${parts.join('; ')} (risk of ${risk.join('; ')})` : parts.join('; ');
  };
}

/** What a model alert (anomaly, failure risk, low RUL) on an asset recommends, from its contributing sensors; null: the graph has nothing. */
export type AssetAdvice = (asset: string, contributors: readonly string[]) => string | null;

/**
 * The failure modes whose profile edges reach the contributing sensors, most contributors first:
 * "inspect for bearing wear (vibration_rms_mm_s, bearing_temp_c) and plan maintenance before it fails".
 * Contributors may be sensor ids or names on the asset.
 */
export function graphAssetAdvice(graph: CausalGraph): AssetAdvice {
  return (asset, contributors) => {
    const modes = graph.snapshot.nodes.filter((n) => n.kind === 'FailureMode' && n.props['asset'] === asset);
    if (modes.length === 0) return null;
    const names = new Set(contributors.map((c) => (c.startsWith(`${asset}.`) ? c.slice(asset.length + 1) : c)));
    const ranked = modes
      .map((m) => {
        const moved = graph.edgesFrom(m.id, 'CAUSES').map((e) => String(graph.node(e.to)?.props['name'] ?? '')).filter((n) => names.has(n));
        return { mode: words(String(m.props['mode'])), moved };
      })
      .filter((x) => x.moved.length > 0)
      .sort((a, b) => b.moved.length - a.moved.length || a.mode.localeCompare(b.mode));
    if (ranked.length === 0) return null;
    return `inspect for ${ranked.map((r) => `${r.mode} (${r.moved.join(', ')})`).join(' or ')} and plan maintenance before it fails`;
  };
}

/** The alert engine's advice port answered from the graph. */
export function graphAlertAdvice(graph: CausalGraph): AlertAdvice {
  const forSensor = graphAdvice(graph);
  const forAsset = graphAssetAdvice(graph);
  return { forSensor, forAsset };
}
