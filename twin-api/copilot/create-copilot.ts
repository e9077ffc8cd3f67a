/**
 * Wires the copilot to the server's services: the plant's vocabulary from the engine's layout, the
 * tools over the live services, the documents, and the language model when one is configured.
 */
import { Copilot } from '../../copilot/copilot.ts';
import type { Vocabulary } from '../../copilot/slots.ts';
import type { TwinEngine } from '../../engine/engine.ts';
import { DEFECT_TYPES } from '../../physics/model.ts';
import type { AlertView } from '../../protocol/alerts.ts';
import type { GraphSnapshot } from '../../knowledge/graph-model.ts';
import type { ScheduleRequest, SchedulePlan } from '../../protocol/maintenance.ts';
import type { PredictionData } from '../../protocol/predictions.ts';
import type { WhatIfResult } from '../../protocol/what-if.ts';
import type { KnowledgeQueries } from '../knowledge/knowledge-queries.ts';
import type { SampleSource, SampleStore } from '../store/sample-store.ts';
import { copilotDocIndex } from './copilot-docs.ts';
import { ServerCopilotTools, type ModelInfo } from './copilot-tools.ts';
import { OpenAiChatModel, type LlmConfig } from './openai-chat.ts';

export interface CopilotDeps {
  readonly engine: TwinEngine;
  readonly predictions: () => readonly PredictionData[];
  readonly model: (task: 'failure' | 'rul', kind: string) => ModelInfo | null;
  readonly failureHorizonH: number;
  readonly plan: (req: ScheduleRequest, by: { actor: string; role: string }) => Promise<SchedulePlan>;
  readonly knowledge: Pick<KnowledgeQueries, 'rootCause' | 'machineNow'>;
  readonly graph: () => GraphSnapshot;
  readonly whatIf: (request: unknown) => Promise<WhatIfResult>;
  readonly alerts: { get(id: string): AlertView | undefined; open(): readonly AlertView[] };
  readonly history: Pick<SampleStore, 'querySeries'>;
  readonly source: SampleSource;
  readonly llm: LlmConfig | null;
  readonly fetch?: typeof fetch;
}

export function createCopilot(d: CopilotDeps): Copilot {
  const e = d.engine;
  const machines = new Map(e.scenario.machines.map((m) => [m.id, m.profile] as const));
  const sensors = new Map(e.layout.sensors.map((s) => [s.id, s.unit] as const));
  const vocabulary: Vocabulary = {
    machines,
    lines: e.scenario.lines.map((l) => l.id),
    setpoints: e.setpoints().map((s) => s.id),
    sensors: [...sensors.keys()],
    defectTypes: [...DEFECT_TYPES],
  };
  const tools = new ServerCopilotTools({
    predictions: d.predictions,
    model: d.model,
    failureHorizonH: d.failureHorizonH,
    plan: d.plan,
    rootCause: (q) => d.knowledge.rootCause(q),
    machineDiagnosis: (asset) => d.knowledge.machineNow(asset),
    whatIf: d.whatIf,
    setpointUnit: (id) => e.setpoints().find((s) => s.id === id)?.unit,
    alert: (id) => d.alerts.get(id),
    openAlerts: (asset) => d.alerts.open().filter((a) => a.asset === asset).map((a) => a.id),
    docs: copilotDocIndex(d.graph()),
    history: (sensorId, fromMs, toMs) => d.history.querySeries({ sensorIds: [sensorId], source: d.source, fromMs, toMs, maxPoints: 100_000 }),
    sensorUnit: (id) => sensors.get(id),
    machines,
    nowMs: () => e.startMs + e.tS * 1000,
  });
  return new Copilot({
    tools,
    vocabulary: () => vocabulary,
    model: d.llm ? new OpenAiChatModel(d.llm, d.fetch) : null,
    ...(d.llm ? { timeoutMs: d.llm.timeoutMs } : {}),
  });
}
