/** What the root-cause card shows, as pure functions of the wire's RootCauseAnswer (tested). */
import type { FeedbackBody, KgIntervention, RcaCauseWire, RootCauseAnswer } from '../../../protocol/knowledge.ts';
import { duration, fmt } from '../util/format.ts';

/** "72 %" */
export const percent = (p: number): string => `${Math.round(p * 100)} %`;

/** One line of evidence: "4.2 σ from 10:42, 6 sensors, 1 step from the symptom". */
export function evidenceLine(c: RcaCauseWire): string {
  if (c.kind === 'none') return 'nothing in the graph deviates enough to explain it';
  const onset = c.evidence.onset_time ? ` from ${c.evidence.onset_time.slice(11, 16)}` : '';
  const sensors = c.evidence.sensors.length === 1 ? c.evidence.sensors[0]!.sensor : `${c.evidence.sensors.length} sensors`;
  const hops = c.evidence.path.length === 0 ? '' : ` · ${c.evidence.path.length} step${c.evidence.path.length > 1 ? 's' : ''} from the symptom`;
  return `${fmt(c.deviation_magnitude)} σ${onset} · ${sensors}${hops}`;
}

/** The path in words: "Line_A.furnace_temp → crack". */
export function pathLine(c: RcaCauseWire): string | null {
  if (c.evidence.path.length === 0) return null;
  const ends = c.evidence.path.map((id) => id.replace(/^CAUSES:/, '').split('->'));
  const short = (id: string) => id.replace(/^(variable|defect|failure):/, '');
  return [short(ends[0]![0]!), ...ends.map((e) => short(e[1]!))].join(' → ');
}

/** An intervention in words: "lower the furnace temperature by 20-30 °C: 1,500 → 1,470-1,480 °C, −40 % expected in 20 min-40 min". */
export function interventionLine(iv: KgIntervention): string {
  const target =
    iv.current_value !== null && iv.target_min !== null && iv.target_max !== null
      ? `: ${fmt(iv.current_value)} → ${iv.target_min === iv.target_max ? fmt(iv.target_min) : `${fmt(Math.min(iv.target_min, iv.target_max))}-${fmt(Math.max(iv.target_min, iv.target_max))}`}${iv.unit ? ` ${iv.unit}` : ''}`
      : '';
  const effect = `${iv.expected_effect < 0 ? '−' : '+'}${Math.round(Math.abs(iv.expected_effect) * 100)} % expected`;
  return `${iv.label}${target}, ${effect} in ${duration(iv.time_to_effect_min_s)}-${duration(iv.time_to_effect_max_s)}`;
}

/**
 * Whether a cause can be confirmed or rejected: a process cause whose path ends at a defect or a
 * failure mode (the graph learns cause → symptom edges; an instrument or "none" teaches it nothing).
 */
export function mayGiveFeedback(c: RcaCauseWire): boolean {
  const end = c.evidence.path.at(-1)?.split('->')[1] ?? '';
  return c.kind === 'process' && /^(defect|failure):/.test(end);
}

/** The feedback a confirm or reject button sends for a cause of this answer. */
export function feedbackFor(answer: RootCauseAnswer, c: RcaCauseWire, verdict: FeedbackBody['verdict']): FeedbackBody {
  const incident = answer.symptom.alert_id ?? `${answer.symptom.asset}:${answer.symptom.id}:${answer.timestamp}`;
  const symptom = c.evidence.path.at(-1)!.split('->')[1]!;
  return {
    incident_id: incident,
    symptom,
    cause: c.root_cause_id,
    verdict,
    path: [...c.evidence.path],
    label: `${answer.symptom.asset} ${answer.symptom.defect_type ?? answer.symptom.sensor ?? answer.symptom.id} at ${answer.timestamp}`,
    ...(c.evidence.onset_time ? { deviations: [{ variable: c.root_cause_id, sigma: c.deviation_magnitude, onset: c.evidence.onset_time }] } : {}),
  };
}

/** The what-if view's starting values for an intervention: its asset and the setpoint moved to the target. */
export function whatIfPrefill(iv: KgIntervention): { asset: string; values: Record<string, number> } | null {
  if (!iv.setpoint || iv.target_value === null) return null;
  return { asset: iv.setpoint.split('.')[0]!, values: { [iv.setpoint]: iv.target_value } };
}
