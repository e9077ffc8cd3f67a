/**
 * The copilot's tools over the server's services: the served predictions and the registry's
 * metrics, the maintenance planner, the knowledge graph, the what-if service, the alert book, the
 * manuals and the sample history. Arguments are checked against the tools' JSON schemas (an LLM's
 * call is as untrusted as a request body) and the roles are those of the matching API routes.
 * A tool never throws: its failure is a result that names what went wrong.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { DocIndex } from '../../copilot/retrieval.ts';
import { TOOL_NAMES, TOOL_SPECS, type AlertToolData, type Asker, type CopilotTools, type FailureToolData, type HistoryToolData, type RulToolData, type SearchToolData, type ToolCall, type ToolName, type ToolResult, type WhatIfToolData } from '../../copilot/tools.ts';
import type { AlertView } from '../../protocol/alerts.ts';
import type { RootCauseAnswer } from '../../protocol/knowledge.ts';
import type { ScheduleRequest, SchedulePlan } from '../../protocol/maintenance.ts';
import type { PredictionData } from '../../protocol/predictions.ts';
import type { WhatIfResult } from '../../protocol/what-if.ts';
import type { HistorySeries } from '../../protocol/history.ts';
import { allows, type Role } from '../auth.ts';

export interface ModelInfo {
  readonly version: string | null;
  readonly metrics: Readonly<Record<string, number>>;
}

export interface CopilotToolDeps {
  readonly predictions: () => readonly PredictionData[];
  /** The champion's version and held-out metrics for a task and machine kind; null when none is registered. */
  readonly model: (task: 'failure' | 'rul', kind: string) => ModelInfo | null;
  readonly failureHorizonH: number;
  readonly plan: (req: ScheduleRequest, by: Asker) => Promise<SchedulePlan>;
  readonly rootCause: (q: { defect_type?: string; line?: string; alert_id?: string }) => Promise<RootCauseAnswer>;
  /** A machine's likeliest failure modes now, from its recent history. */
  readonly machineDiagnosis: (asset: string) => Promise<RootCauseAnswer>;
  readonly whatIf: (request: unknown) => Promise<WhatIfResult>;
  readonly setpointUnit: (id: string) => string | undefined;
  readonly alert: (id: string) => AlertView | undefined;
  readonly openAlerts: (asset: string) => readonly string[];
  readonly docs: DocIndex;
  readonly history: (sensorId: string, fromMs: number, toMs: number) => Promise<readonly HistorySeries[]>;
  readonly sensorUnit: (id: string) => string | undefined;
  readonly machines: ReadonlyMap<string, string>;
  /** The twin's present, epoch ms (simulated). */
  readonly nowMs: () => number;
}

/** The API's own roles: planning and what-if are the engineer's, as their routes. */
const NEEDS: Partial<Record<ToolName, Role>> = { optimize_schedule: 'engineer', what_if: 'engineer' };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class ServerCopilotTools implements CopilotTools {
  private readonly validators: Record<ToolName, ValidateFunction>;

  constructor(private readonly d: CopilotToolDeps) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    this.validators = Object.fromEntries(TOOL_NAMES.map((t) => [t, ajv.compile(TOOL_SPECS[t].parameters)])) as Record<ToolName, ValidateFunction>;
  }

  async run(call: ToolCall, asker: Asker): Promise<ToolResult> {
    if (!TOOL_NAMES.includes(call.tool)) return { ok: false, error: `unknown tool "${String(call.tool)}" (tools: ${TOOL_NAMES.join(', ')})` };
    const validate = this.validators[call.tool];
    if (!validate(call.args)) {
      const why = (validate.errors ?? []).map((e) => `${e.instancePath.slice(1) || 'arguments'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` ("${String(e.params['additionalProperty'])}")` : ''}`).join('; ');
      return { ok: false, error: `${call.tool}: ${why}` };
    }
    const need = NEEDS[call.tool];
    if (need && !allows(asker.role as Role, need)) return { ok: false, error: `${call.tool} needs the ${need} role (you are ${asker.role})` };
    try {
      return { ok: true, data: await this.dispatch(call.tool, call.args as Record<string, unknown>, asker) };
    } catch (e) {
      return { ok: false, error: message(e) };
    }
  }

  private async dispatch(tool: ToolName, a: Record<string, unknown>, asker: Asker): Promise<unknown> {
    switch (tool) {
      case 'predict_failure':
        return this.failure(String(a['asset']));
      case 'predict_rul':
        return this.rul(String(a['asset']));
      case 'optimize_schedule': {
        const plan = await this.d.plan({ teams_available: a['teams_available'] as number, horizon_days: a['horizon_days'] as number, ...(a['unit_list'] ? { unit_list: a['unit_list'] as string[] } : {}) }, asker);
        // The twin check's intervals are Student-t 95 % (lookahead/stats.ts); the answer names the level.
        return { ...plan, intervalLevelPct: 95 };
      }
      case 'root_cause': {
        const asset = a['asset'] as string | undefined;
        if (asset !== undefined) {
          if (a['defect_type'] !== undefined || a['alert_id'] !== undefined) throw new Error('root_cause: give asset, alert_id, or defect_type with line — one of them');
          this.machine(asset);
          return this.d.machineDiagnosis(asset);
        }
        return this.d.rootCause(a as { defect_type?: string; line?: string; alert_id?: string });
      }
      case 'what_if':
        return this.whatIf(String(a['setpoint']), a['value'] as number, (a['horizon_h'] as number | undefined) ?? 4);
      case 'explain_alert':
        return this.alert(String(a['alert_id']));
      case 'search_manuals':
        return { hits: this.d.docs.query(String(a['query']), 3, (a['topic'] as string | undefined) ?? null) } satisfies SearchToolData;
      case 'get_history':
        return this.historyOf(String(a['sensor']), (a['hours'] as number | undefined) ?? 24);
    }
  }

  private machine(asset: string): string {
    const kind = this.d.machines.get(asset);
    if (kind === undefined) throw new Error(`asset: unknown machine "${asset}"`);
    return kind;
  }

  private prediction(asset: string): PredictionData | undefined {
    return this.d.predictions().find((p) => p.asset === asset);
  }

  private failure(asset: string): FailureToolData {
    const kind = this.machine(asset);
    const p = this.prediction(asset);
    const f = p?.failureProbability;
    return {
      asset,
      kind,
      status: p?.status.failure ?? 'missing',
      probability: f?.value ?? null,
      horizonH: this.d.failureHorizonH,
      topFactors: [...(f?.explanation ?? [])].sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution)).slice(0, 5),
      model: this.d.model('failure', kind) ?? { version: null, metrics: {} },
      openAlerts: this.d.openAlerts(asset),
    };
  }

  private rul(asset: string): RulToolData {
    const kind = this.machine(asset);
    const p = this.prediction(asset);
    const model = this.d.model('rul', kind);
    return {
      asset,
      kind,
      status: p?.status.rul ?? 'missing',
      rul: p?.rul ? { kind: p.rul.kind, hours: p.rul.hours, capH: p.rul.capH ?? null } : null,
      rmseH: model?.metrics['rmse'] ?? null,
      model: model ?? { version: null, metrics: {} },
    };
  }

  private async whatIf(setpoint: string, value: number, horizonH: number): Promise<WhatIfToolData> {
    const unit = this.d.setpointUnit(setpoint);
    if (unit === undefined) throw new Error(`setpoint: unknown "${setpoint}"`);
    const r = await this.d.whatIf({ changes: [{ setpoint, value }], horizon: horizonH * 3600 });
    return {
      setpoint,
      value,
      unit,
      horizonH,
      seeds: r.request.seeds.length,
      baselineDefectsPer1000: r.baseline.defectsPer1000.mean,
      changedDefectsPer1000: r.changed.defectsPer1000.mean,
      deltaDefectsPer1000: { mean: r.delta.defectsPer1000.mean, p10: r.delta.defectsPer1000.p10, p90: r.delta.defectsPer1000.p90 },
      deltaUnitsPerH: r.delta.unitsPerH.mean,
      deltaEnergyMWh: r.delta.energyMWh.mean,
    };
  }

  private alert(id: string): AlertToolData {
    const a = this.d.alert(id);
    if (!a) throw new Error(`alert_id: no alert "${id}"`);
    return { id: a.id, rule: a.rule, severity: a.severity, state: a.state, asset: a.asset, sensor: a.sensor, value: a.value, threshold: a.threshold, unit: a.unit, message: a.message, recommendedAction: a.recommendedAction, openedAt: a.openedAt };
  }

  private async historyOf(sensor: string, hours: number): Promise<HistoryToolData> {
    const unit = this.d.sensorUnit(sensor);
    if (unit === undefined) throw new Error(`sensor: unknown "${sensor}"`);
    const toMs = this.d.nowMs();
    const fromMs = toMs - hours * 3_600_000;
    const [series] = await this.d.history(sensor, fromMs, toMs + 1);
    let n = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let last: number | null = null;
    let firstMs: number | null = null;
    let lastMs: number | null = null;
    if (series?.kind === 'raw') {
      for (const s of series.samples) {
        if (s.value === null) continue;
        n++;
        sum += s.value;
        min = Math.min(min, s.value);
        max = Math.max(max, s.value);
        last = s.value;
        firstMs ??= s.tMs;
        lastMs = s.tMs;
      }
    } else if (series?.kind === 'buckets') {
      for (const b of series.buckets) {
        if (b.count === 0 || b.avg === null) continue;
        n += b.count;
        sum += b.avg * b.count;
        min = Math.min(min, b.min ?? b.avg);
        max = Math.max(max, b.max ?? b.avg);
        // A downsampled series has no last value, only the last bucket's average: `last` stays null.
        firstMs ??= b.tMs;
        lastMs = b.tMs + series.bucketMs;
      }
    }
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      sensor,
      unit,
      hours,
      from: iso(firstMs ?? fromMs),
      to: iso(lastMs ?? toMs),
      samples: n,
      min: n ? min : null,
      mean: n ? sum / n : null,
      max: n ? max : null,
      last,
    };
  }
}
