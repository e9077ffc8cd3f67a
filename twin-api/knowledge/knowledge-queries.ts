/**
 * The questions the knowledge-graph API answers, over the live twin's services: root cause of a
 * defect on a line, of an alert, or of a machine's anomaly; interventions with concrete targets;
 * candidate edges from a window of history. Errors are the API's coded ones, naming the parameter.
 */
import type { SeriesSource } from '../../knowledge/series.ts';
import { candidateEdges, type VariableSeries } from '../../knowledge/candidate-edges.ts';
import type { CausalGraph } from '../../knowledge/causal-graph.ts';
import { defectId } from '../../knowledge/seed-graph.ts';
import { diagnoseMachine } from '../../knowledge/machine-diagnosis.ts';
import { DEFAULT_RCA_SETTINGS, rootCause, type RcaSymptom } from '../../knowledge/rca.ts';
import type { AlertView } from '../../monitor/alerts/alert.ts';
import type { InterventionAnswer, RootCauseAnswer } from '../../protocol/knowledge.ts';
import { badRequest, notFound, parseTime } from '../errors.ts';
import type { EventStore } from '../store/event-store.ts';
import type { SampleSource, SampleStore } from '../store/sample-store.ts';
import { historySeries } from './history-series.ts';
import type { KnowledgeService } from './knowledge-service.ts';
import { causeOnWire, diagnosisText, interventionOnWire, modeOnWire, type SetpointValues } from './rca-answer.ts';

export interface KnowledgeQueryDeps {
  readonly knowledge: KnowledgeService;
  readonly history: Pick<SampleStore, 'querySeries'> & Pick<EventStore, 'queryEvents'>;
  /** Epoch ms of the engine's tS = 0, and the twin's present in simulated seconds. */
  readonly startMs: number;
  readonly nowS: () => number;
  readonly lines: readonly string[];
  readonly machines: readonly string[];
  readonly setpoints: () => readonly { readonly id: string; readonly target: number; readonly unit: string; readonly min: number; readonly max: number }[];
  readonly alert: (id: string) => AlertView | undefined;
  /** Sensors shadow mode flags as equipment_issue. */
  readonly instrumentFlags: () => ReadonlySet<string>;
  /** Whose history the analysis reads: the live plant's in shadow mode over MQTT, else the twin's. */
  readonly source: SampleSource;
}

export interface RootCauseQuery {
  readonly defect_type?: string;
  readonly line?: string;
  readonly timestamp?: string;
  readonly min_confidence?: number;
  readonly alert_id?: string;
}

const TOP = 3;
const known = (what: string, value: string, all: readonly string[]) => badRequest(`${what}: unknown "${value}"; known: ${all.join(', ')}`);

export class KnowledgeQueries {
  constructor(private readonly d: KnowledgeQueryDeps) {}

  private iso(tS: number): string {
    return new Date(this.d.startMs + tS * 1000).toISOString();
  }

  defectTypes(graph: CausalGraph = this.d.knowledge.graph()): string[] {
    return graph.snapshot.nodes.filter((n) => n.kind === 'DefectType').map((n) => String(n.props['defect'] ?? n.id.slice('defect:'.length)));
  }

  checkDefect(defect: string): string {
    const all = this.defectTypes();
    if (!all.includes(defect)) throw known('defect_type', defect, all);
    return defect;
  }

  checkLine(line: string | undefined): string {
    if (line === undefined) throw badRequest(`line: is required with defect_type (one of ${this.d.lines.join(', ')})`);
    if (!this.d.lines.includes(line)) throw known('line', line, this.d.lines);
    return line;
  }

  /** A time of the twin's history as simulated seconds: after its start, not after its present. */
  private atS(text: string | undefined, field = 'timestamp'): number {
    if (text === undefined) return this.d.nowS();
    const tS = (parseTime(text, field) - this.d.startMs) / 1000;
    if (tS < 0) throw badRequest(`${field}: "${text}" is before the twin's history starts (${this.iso(0)})`);
    if (tS > this.d.nowS() + 1e-6) throw badRequest(`${field}: "${text}" is after the twin's present (${this.iso(this.d.nowS())})`);
    return tS;
  }

  private setpointValues(current?: Readonly<Record<string, number>>, line?: string): SetpointValues {
    const out = new Map(this.d.setpoints().map((s) => [s.id, { value: s.target, unit: s.unit, min: s.min, max: s.max }]));
    for (const [k, v] of Object.entries(current ?? {})) {
      const id = out.has(k) ? k : line && out.has(`${line}.${k}`) ? `${line}.${k}` : null;
      if (id === null) throw badRequest(`current_parameters: unknown setpoint "${k}"${line ? ` on ${line}` : ''}`);
      if (typeof v !== 'number' || !Number.isFinite(v)) throw badRequest(`current_parameters.${k}: must be a number`);
      out.set(id, { ...out.get(id)!, value: v });
    }
    return out;
  }

  /** The sensors of an asset, as the graph knows them. */
  private sensorsOf(graph: CausalGraph, asset: string): string[] {
    return graph.snapshot.nodes.filter((n) => n.kind === 'Sensor' && n.props['asset'] === asset).map((n) => String(n.props['sensor']));
  }

  async rootCause(q: RootCauseQuery): Promise<RootCauseAnswer> {
    const minConfidence = q.min_confidence ?? 0;
    if (q.alert_id !== undefined) {
      if (q.defect_type !== undefined || q.line !== undefined || q.timestamp !== undefined) throw badRequest('alert_id: give either alert_id or defect_type with line (and timestamp), not both');
      return this.rootCauseOfAlert(q.alert_id, minConfidence);
    }
    if (q.defect_type === undefined) throw badRequest('defect_type: is required (or alert_id)');
    const defect = this.checkDefect(q.defect_type);
    const line = this.checkLine(q.line);
    return this.analyse({ kind: 'defect', asset: line, defect }, this.atS(q.timestamp), minConfidence, null);
  }

  private async rootCauseOfAlert(id: string, minConfidence: number): Promise<RootCauseAnswer> {
    const a = this.d.alert(id);
    if (!a) throw notFound(`alert_id: no alert "${id}"`);
    const atS = Math.min(this.d.nowS(), Math.max(0, (Date.parse(a.openedAt) - this.d.startMs) / 1000));
    if (this.d.machines.includes(a.asset) && (a.rule === 'anomaly' || a.rule === 'predicted_failure' || a.rule === 'low_rul' || a.rule === 'failure' || a.sensor !== null)) {
      return this.diagnose(a.asset, atS, a.contributors, minConfidence, a.id);
    }
    if (a.sensor !== null && this.d.lines.includes(a.asset)) {
      const graph = this.d.knowledge.graph();
      if (graph.measured(a.sensor)) return this.analyse({ kind: 'sensor', sensorId: a.sensor, direction: a.direction ?? 'above' }, atS, minConfidence, a.id);
      // An inspection reading measures the product: the defect the line rejected most before the alert is the symptom.
      const defect = await this.dominantDefect(a.asset, atS);
      if (defect) return this.analyse({ kind: 'defect', asset: a.asset, defect }, atS, minConfidence, a.id);
      throw badRequest(`alert_id: alert "${id}" on ${a.sensor} has no defect in the hour before it to analyse`);
    }
    throw badRequest(`alert_id: alert "${id}" is a ${a.rule} alert on ${a.asset}: root-cause analysis covers alerts on line and machine sensors, anomalies and predicted failures`);
  }

  private async dominantDefect(line: string, atS: number): Promise<string | null> {
    const toMs = this.d.startMs + atS * 1000 + 1;
    const events = await this.d.history.queryEvents({ fromMs: toMs - 3_600_000, toMs, types: ['defect'], assets: [line], limit: 5000 });
    const counts = new Map<string, number>();
    for (const e of events) {
      const d = (e.payload as { defect?: unknown } | null)?.defect;
      if (typeof d === 'string') counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    return [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0] ?? null;
  }

  private window(atS: number): { fromS: number; toS: number } {
    const s = DEFAULT_RCA_SETTINGS;
    return { fromS: Math.max(0, atS - s.lookbackS - s.baselineS), toS: atS };
  }

  private async analyse(symptom: RcaSymptom, atS: number, minConfidence: number, alertId: string | null): Promise<RootCauseAnswer> {
    const graph = this.d.knowledge.graph();
    const asset = symptom.kind === 'defect' ? symptom.asset : String(graph.node(`sensor:${symptom.sensorId}`)?.props['asset'] ?? '');
    const w = this.window(atS);
    const { series, samples } = await historySeries(this.d.history, this.sensorsOf(graph, asset), { startMs: this.d.startMs, ...w, binS: DEFAULT_RCA_SETTINGS.binS, source: this.d.source });
    // History may begin later than the scenario (a twin warmed up silently, retention): the look-back is cut to what exists.
    const result = rootCause(graph, { symptom, atS, series, historyStartS: firstBinS(series, this.sensorsOf(graph, asset)) ?? w.fromS, instrumentFlags: this.d.instrumentFlags() });
    const setpoints = this.setpointValues();
    const causes = result.causes.filter((c) => c.confidence >= minConfidence).slice(0, TOP).map((c) => causeOnWire(graph, c, result.symptomId, setpoints, (t) => this.iso(t), samples));
    const timestamp = this.iso(atS);
    const what = symptom.kind === 'defect' ? `${symptom.defect.replaceAll('_', ' ')} on ${symptom.asset}` : `${symptom.sensorId} ${symptom.direction} its limit`;
    return {
      symptom: {
        kind: symptom.kind,
        id: result.symptomId,
        asset,
        defect_type: symptom.kind === 'defect' ? symptom.defect : null,
        sensor: symptom.kind === 'sensor' ? symptom.sensorId : null,
        direction: symptom.kind === 'sensor' ? symptom.direction : null,
        alert_id: alertId,
      },
      timestamp,
      window: { from: this.iso(w.fromS), to: timestamp },
      min_confidence: minConfidence,
      causes,
      failure_modes: [],
      diagnosis: diagnosisText(what, timestamp, causes, []),
    };
  }

  /** A machine's likeliest failure modes now, from its recent history (no alert behind the question). */
  async machineNow(machine: string): Promise<RootCauseAnswer> {
    if (!this.d.machines.includes(machine)) throw known('asset', machine, this.d.machines);
    return this.diagnose(machine, this.d.nowS(), [], 0, null);
  }

  private async diagnose(machine: string, atS: number, contributors: readonly string[], minConfidence: number, alertId: string | null): Promise<RootCauseAnswer> {
    const graph = this.d.knowledge.graph();
    const w = this.window(atS);
    const { series } = await historySeries(this.d.history, this.sensorsOf(graph, machine), { startMs: this.d.startMs, ...w, binS: DEFAULT_RCA_SETTINGS.binS, source: this.d.source });
    const setpoints = this.setpointValues();
    const modes = diagnoseMachine(graph, { asset: machine, atS, series, contributors }).filter((m) => m.confidence >= minConfidence).slice(0, TOP).map((m) => modeOnWire(graph, m, setpoints));
    const timestamp = this.iso(atS);
    return {
      symptom: { kind: 'machine', id: machine, asset: machine, defect_type: null, sensor: null, direction: null, alert_id: alertId },
      timestamp,
      window: { from: this.iso(w.fromS), to: timestamp },
      min_confidence: minConfidence,
      causes: [],
      failure_modes: modes,
      diagnosis: modes.length > 0 ? diagnosisText(`${machine}`, timestamp, [], modes) : `${machine} at ${timestamp.slice(11, 16)}Z: no failure mode reaches the asked confidence.`,
    };
  }

  /** The interventions that mitigate a defect on a line, with targets from the given (or current) setpoints. */
  interventions(defectType: string, lineText: string | undefined, currentText: string | undefined): InterventionAnswer {
    const defect = this.checkDefect(defectType);
    const line = this.checkLine(lineText);
    let current: Record<string, number> | undefined;
    if (currentText !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(currentText);
      } catch {
        throw badRequest('current_parameters: is not JSON (give an object of setpoint values: {"furnace_temp": 1580})');
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('current_parameters: must be a JSON object of setpoint values');
      current = parsed as Record<string, number>;
    }
    const setpoints = this.setpointValues(current, line);
    const graph = this.d.knowledge.graph();
    const interventions = graph
      .edgesTo(defectId(defect), 'MITIGATES')
      .map((edge) => ({ edge, node: graph.node(edge.from)! }))
      .filter((x) => x.node && x.node.props['asset'] === line)
      .map((x) => interventionOnWire(x.node, x.edge, setpoints));
    return { defect_type: defect, line, interventions };
  }

  /** Candidate Variable → Variable edges on a line from its history in [from, to). */
  async candidates(lineText: string | undefined, fromText: string | undefined, toText: string | undefined) {
    const line = this.checkLine(lineText);
    const toS = this.atS(toText, 'to');
    const fromS = fromText === undefined ? Math.max(0, toS - 6 * 3600) : this.atS(fromText, 'from');
    if (!(toS > fromS)) throw badRequest('from: must be before to');
    if (toS - fromS > 7 * 86_400) throw badRequest('from: the window may span at most 7 days');
    const graph = this.d.knowledge.graph();
    const variables = graph.snapshot.nodes.filter((n) => n.kind === 'Variable' && n.props['asset'] === line);
    const primary = new Map(variables.map((v) => [v.id, graph.sensorsOf(v.id).find((s) => s.sign === 1)?.sensor]));
    const sensors = [...new Set([...primary.values()].filter((s): s is string => !!s))];
    const { series } = await historySeries(this.d.history, sensors, { startMs: this.d.startMs, fromS, toS, binS: 60, source: this.d.source });
    const input: VariableSeries[] = [];
    for (const [variable, sensor] of primary) {
      const bins = sensor ? series(sensor) : null;
      if (bins) input.push({ variable, bins });
    }
    const joined = (from: string, to: string) => graph.edgesFrom(from).some((e) => e.to === to) || graph.edgesFrom(to).some((e) => e.to === from);
    const found = candidateEdges(input, joined);
    return {
      line,
      from: this.iso(fromS),
      to: this.iso(toS),
      candidates: found.map((c) => ({ from: c.from, to: c.to, sign: c.sign, lag_s: c.lagS, correlation: c.correlation, reverse_correlation: c.reverseCorrelation, pairs: c.pairs })),
    };
  }
}

/** Simulated seconds of the earliest bin holding a sample, over the sensors read; null when none has any. */
function firstBinS(series: SeriesSource, sensorIds: readonly string[]): number | null {
  let first: number | null = null;
  for (const id of sensorIds) {
    const b = series(id);
    if (!b) continue;
    const i = b.values.findIndex((v) => Number.isFinite(v));
    if (i >= 0 && (first === null || b.startS + i * b.binS < first)) first = b.startS + i * b.binS;
  }
  return first;
}
