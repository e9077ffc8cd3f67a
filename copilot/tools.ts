/**
 * The tools the copilot calls: each an existing service of the product behind one port, so the
 * deterministic planner and an LLM call the same ones with the same arguments. Results are plain
 * JSON; the answer may state only numbers found in them (grounding.ts).
 */

export const TOOL_NAMES = ['predict_failure', 'predict_rul', 'optimize_schedule', 'root_cause', 'what_if', 'explain_alert', 'search_manuals', 'get_history'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export interface ToolCall {
  readonly tool: ToolName;
  readonly args: Readonly<Record<string, unknown>>;
}

export type ToolResult = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly error: string };

/** A call and what it returned, as the answer lists it. */
export interface ToolCallRecord extends ToolCall {
  readonly result: ToolResult;
}

/** Who asks: tools that change or plan (optimize_schedule, what_if) need the roles their API needs. */
export interface Asker {
  readonly actor: string;
  readonly role: string;
}

/** The port: the server implements it over its services (twin-api/copilot/copilot-tools.ts). */
export interface CopilotTools {
  run(call: ToolCall, asker: Asker): Promise<ToolResult>;
}

/** What the planner and an LLM are told about each tool: a description and JSON-Schema parameters (OpenAI's tool format). */
export const TOOL_SPECS: Readonly<Record<ToolName, { readonly description: string; readonly parameters: Record<string, unknown> }>> = {
  predict_failure: {
    description: "The served failure-risk model's latest prediction for a machine: probability of failure within its horizon, the inputs that pushed it, and the model's held-out metrics.",
    parameters: { type: 'object', properties: { asset: { type: 'string', description: 'Machine id, e.g. pump_003' } }, required: ['asset'], additionalProperties: false },
  },
  predict_rul: {
    description: "The served RUL model's latest prediction for a machine: hours of remaining useful life (an estimate with its spread, or 'at least' the model's cap).",
    parameters: { type: 'object', properties: { asset: { type: 'string' } }, required: ['asset'], additionalProperties: false },
  },
  optimize_schedule: {
    description: 'Plan maintenance with the MIP planner from the served predictions, checked on forks of the twin (engineers only). Stores the plan; does not apply it.',
    parameters: { type: 'object', properties: { teams_available: { type: 'integer', minimum: 1 }, horizon_days: { type: 'number', exclusiveMinimum: 0 }, unit_list: { type: 'array', items: { type: 'string' } } }, required: ['teams_available', 'horizon_days'], additionalProperties: false },
  },
  root_cause: {
    description: "The causal knowledge graph's root-cause analysis, with evidence and interventions: of a defect on a line (defect_type and line), of an alert (alert_id), or of a machine's likeliest failure modes now (asset). Give one of the three.",
    parameters: { type: 'object', properties: { defect_type: { type: 'string' }, line: { type: 'string' }, alert_id: { type: 'string' }, asset: { type: 'string', description: 'Machine id' } }, additionalProperties: false },
  },
  what_if: {
    description: 'Fork the live plant and run a setpoint change against the baseline over a horizon and seeds (engineers only); nothing changes on the plant.',
    parameters: { type: 'object', properties: { setpoint: { type: 'string', description: 'e.g. Line_A.furnace_temp' }, value: { type: 'number' }, horizon_h: { type: 'number', exclusiveMinimum: 0, maximum: 24 } }, required: ['setpoint', 'value'], additionalProperties: false },
  },
  explain_alert: {
    description: 'An alert with its rule, value, limit, recommended action and, where the graph has one, its root cause.',
    parameters: { type: 'object', properties: { alert_id: { type: 'string' } }, required: ['alert_id'], additionalProperties: false },
  },
  search_manuals: {
    description: 'Search the maintenance manuals, incident write-ups and the graph interventions (BM25); returns the best sections.',
    parameters: { type: 'object', properties: { query: { type: 'string' }, topic: { type: 'string', description: 'Machine type (pump, cnc, …) or glass_line' } }, required: ['query'], additionalProperties: false },
  },
  get_history: {
    description: "A sensor's stored history over the last hours: first and last time, number of samples, min, mean, max and last value.",
    parameters: { type: 'object', properties: { sensor: { type: 'string', description: 'Sensor id, e.g. pump_003.vibration_rms_mm_s' }, hours: { type: 'number', exclusiveMinimum: 0, maximum: 720 } }, required: ['sensor'], additionalProperties: false },
  },
};

/** Data shapes the server's tools return (what the planner's templates read). */
export interface FailureToolData {
  readonly asset: string;
  readonly kind: string;
  readonly status: string;
  readonly probability: number | null;
  readonly horizonH: number;
  readonly topFactors: readonly { readonly feature: string; readonly contribution: number }[];
  readonly model: { readonly version: string | null; readonly metrics: Readonly<Record<string, number>> };
  /** Open alerts of the asset (ids), to explain the risk with. */
  readonly openAlerts: readonly string[];
}

export interface RulToolData {
  readonly asset: string;
  readonly kind: string;
  readonly status: string;
  readonly rul: { readonly kind: 'estimate' | 'at-least'; readonly hours: number; readonly capH: number | null } | null;
  /** 1 σ of the estimate: the model's held-out RMSE, hours (null: none recorded). */
  readonly rmseH: number | null;
  readonly model: { readonly version: string | null; readonly metrics: Readonly<Record<string, number>> };
}

/** What `what_if` returns: the fork's paired comparison, means across the seeds. */
export interface WhatIfToolData {
  readonly setpoint: string;
  readonly value: number;
  readonly unit: string;
  readonly horizonH: number;
  readonly seeds: number;
  readonly baselineDefectsPer1000: number;
  readonly changedDefectsPer1000: number;
  readonly deltaDefectsPer1000: { readonly mean: number; readonly p10: number; readonly p90: number };
  readonly deltaUnitsPerH: number;
  readonly deltaEnergyMWh: number;
}

/** What `get_history` returns over the window asked (values null when nothing was stored). */
export interface HistoryToolData {
  readonly sensor: string;
  readonly unit: string;
  readonly hours: number;
  readonly from: string;
  readonly to: string;
  readonly samples: number;
  readonly min: number | null;
  readonly mean: number | null;
  readonly max: number | null;
  readonly last: number | null;
}

/** What `explain_alert` returns: the alert as the API shows it. */
export interface AlertToolData {
  readonly id: string;
  readonly rule: string;
  readonly severity: string;
  readonly state: string;
  readonly asset: string;
  readonly sensor: string | null;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly unit: string;
  readonly message: string;
  readonly recommendedAction: string;
  readonly openedAt: string;
}

/** What `search_manuals` returns. */
export interface SearchToolData {
  readonly hits: readonly { readonly id: string; readonly source: string; readonly title: string; readonly topic: string | null; readonly score: number; readonly excerpt: string }[];
}
