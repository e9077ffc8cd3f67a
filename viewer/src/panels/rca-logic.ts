/** What the root-cause card shows, as pure functions of the wire's RootCauseAnswer (tested). */
import type { HistorySeries } from '../../../protocol/history.ts';
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
 * Whether a cause can be confirmed or rejected: a process cause with a path of CAUSES edges to the
 * symptom, which the verdict's Beta counts move. The path ends at a defect or a failure mode, or, for
 * an alert on a sensor, at the variable the sensor measures. An instrument, "none", or a sensor's own
 * variable (no edge between cause and symptom) teaches the graph nothing.
 */
export function mayGiveFeedback(c: RcaCauseWire, symptomKind: RootCauseAnswer['symptom']['kind'] = 'defect'): boolean {
  const end = c.evidence.path.at(-1)?.split('->')[1] ?? '';
  return c.kind === 'process' && (/^(defect|failure):/.test(end) || (symptomKind === 'sensor' && end.startsWith('variable:')));
}

/** What a recorded verdict did, from the feedback answer's first updated edge (the cause's own claim): "…: furnace_temp → gob_temp now 91 %". */
export function verdictNote(verdict: FeedbackBody['verdict'], updated: readonly { id: string; confidence: number | null }[]): { text: string; confidence: number | null } {
  const head = verdict === 'confirmed' ? 'Confirmed' : 'Rejected';
  const e = updated[0];
  if (!e || e.confidence === null) return { text: head, confidence: null };
  const [from, to] = e.id.replace(/^CAUSES:/, '').split('->').map((x) => x.replace(/^(variable|defect|failure):/, ''));
  return { text: `${head}: the graph now gives ${from} → ${to} ${percent(e.confidence)}`, confidence: e.confidence };
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

/** The sensors a cause's evidence chart draws: the most deviating ones (by |σ|, then by id), at most `max`. */
export function evidenceSensors(c: RcaCauseWire, max = 2): string[] {
  return [...c.evidence.sensors].sort((a, b) => Math.abs(b.sigma) - Math.abs(a.sigma) || (a.sensor < b.sensor ? -1 : 1)).slice(0, max).map((s) => s.sensor);
}

/** The history request for the answer's analysed window, one bucket a minute (the 1-minute rollups). */
export function evidenceHistoryUrl(answer: RootCauseAnswer, sensors: readonly string[]): string | null {
  const fromMs = Date.parse(answer.window.from);
  const toMs = Date.parse(answer.window.to);
  if (sensors.length === 0 || !(toMs > fromMs)) return null;
  const minutes = Math.min(5000, Math.max(10, Math.ceil((toMs - fromMs) / 60_000)));
  return `/api/plant/history?sensors=${encodeURIComponent(sensors.join(','))}&from=${answer.window.from}&to=${answer.window.to}&maxPoints=${minutes}`;
}

/** A series as (time, value) points: raw samples, or the buckets' means; drop-outs are left out. */
export function seriesPoints(s: HistorySeries): { tMs: number; v: number }[] {
  const pts = s.kind === 'raw' ? s.samples.map((x) => ({ tMs: x.tMs, v: x.value })) : s.buckets.map((b) => ({ tMs: b.tMs + s.bucketMs / 2, v: b.avg }));
  return pts.filter((p): p is { tMs: number; v: number } => p.v !== null && Number.isFinite(p.v));
}

export interface EvidenceChart {
  /** SVG path of the line in a w × h box. */
  readonly d: string;
  /** x of the onset, or null (none, or outside the window). */
  readonly onsetX: number | null;
  readonly min: number;
  readonly max: number;
}

/** The evidence chart's geometry: the window across, the series' range up, the onset as an x. */
export function evidenceChart(points: readonly { tMs: number; v: number }[], fromMs: number, toMs: number, onsetMs: number | null, w: number, h: number): EvidenceChart | null {
  if (points.length < 2 || !(toMs > fromMs)) return null;
  const vs = points.map((p) => p.v);
  const min = Math.min(...vs);
  const max = Math.max(...vs);
  const x = (t: number) => ((t - fromMs) / (toMs - fromMs)) * w;
  const y = (v: number) => h - 2 - ((v - min) / (max - min || 1)) * (h - 4);
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.tMs).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const onsetX = onsetMs !== null && onsetMs >= fromMs && onsetMs <= toMs ? Number(x(onsetMs).toFixed(1)) : null;
  return { d, onsetX, min, max };
}
