import { describe, expect, it } from 'vitest';
import { plannerAnswer, readConversation, type Turn } from './planner.ts';
import type { Vocabulary } from './slots.ts';
import type { Asker, CopilotTools, ToolCall, ToolName, ToolResult } from './tools.ts';

const vocabulary: Vocabulary = {
  machines: new Map([
    ['pump_003', 'pump'],
    ['compressor_002', 'compressor'],
    ['cnc_001', 'cnc'],
  ]),
  lines: ['Line_A'],
  setpoints: ['Line_A.furnace_temp', 'Line_A.belt_speed', 'pump_003.load'],
  sensors: ['pump_003.vibration_rms_mm_s', 'pump_003.bearing_temp_c', 'Line_A.zone1_temp'],
  defectTypes: ['crack', 'bubble', 'stress_fracture'],
};

const engineer: Asker = { actor: 'eng', role: 'engineer' };

const failure = (asset: string, probability: number | null) => ({
  asset,
  kind: 'pump',
  status: probability === null ? 'warming up' : 'serving',
  probability,
  horizonH: 24,
  topFactors: [
    { feature: `${asset}.vibration_rms_mm_s`, contribution: 0.31 },
    { feature: `${asset}.bearing_temp_c`, contribution: 0.12 },
  ],
  model: { version: 'v3', metrics: { roc_auc: 0.912 } },
  openAlerts: [],
});

const rootCauseOfMachine = {
  symptom: { kind: 'machine', id: 'pump_003', asset: 'pump_003', defect_type: null, sensor: null, direction: null, alert_id: null },
  timestamp: '2026-01-01T10:00:00.000Z',
  window: { from: '2026-01-01T08:00:00.000Z', to: '2026-01-01T10:00:00.000Z' },
  min_confidence: 0,
  causes: [],
  failure_modes: [{ failure_mode_id: 'fm:pump:bearing_wear', mode: 'bearing_wear', confidence: 0.74, similarity: 0.81, evidence: [], interventions: [{ label: 'Replace the drive-end bearing' }] }],
  diagnosis: 'pump_003 at 10:00Z: bearing wear is the likeliest failure mode (confidence 0.74).',
};

const plan = {
  id: 'plan-7',
  from: '2026-01-01T10:00:00.000Z',
  horizonDays: 7,
  requestedBy: 'eng',
  solver: 'HiGHS',
  source: 'mip',
  status: 'optimal',
  fallbackReason: null,
  gap: 0,
  teams: ['T1', 'T2'],
  jobs: [{ unit: 'pump_003', team: 'T1', failureMode: 'bearing_wear', start: '2026-01-02T06:00:00.000Z', end: '2026-01-02T10:00:00.000Z', hours: 4, riskBefore: 0.82, riskAfter: 0.05, saving: 21000 }],
  costs: { runToFailure: 52000, planned: 31000, saving: 21000 },
  greedy: { jobs: 1, costs: { runToFailure: 52000, planned: 31000, saving: 21000 } },
  unschedulable: [],
  skipped: [],
  basis: 'served predictions',
  twinCheck: {
    seeds: [1, 2, 3, 4, 5, 6, 7, 8],
    horizonH: 168,
    stepS: 60,
    machines: 3,
    nothing: { failures: { mean: 1.25, lo: 0.6, hi: 1.9, n: 8 }, cost: { mean: 50000, lo: 24000, hi: 76000, n: 8 } },
    plan: { jobs: 1, failures: { mean: 0.25, lo: 0, hi: 0.6, n: 8 }, failuresAvoidedPct: { mean: 80, lo: 50, hi: 110, n: 8 }, plannedDowntimeH: 4, cost: { mean: 12000, lo: 5000, hi: 19000, n: 8 }, costChangePct: { mean: -76, lo: -90, hi: -62, n: 8 } },
    greedy: { jobs: 1, failures: { mean: 0.25, lo: 0, hi: 0.6, n: 8 }, failuresAvoidedPct: { mean: 80, lo: 50, hi: 110, n: 8 }, plannedDowntimeH: 4, cost: { mean: 12000, lo: 5000, hi: 19000, n: 8 }, costChangePct: { mean: -76, lo: -90, hi: -62, n: 8 } },
  },
  twinCheckError: null,
  applied: null,
  intervalLevelPct: 95,
};

const hits = (topic: string) => ({
  hits: [
    { id: `${topic}#symptom-high-vibration`, source: `${topic}.md`, title: 'Troubleshooting by symptom: Symptom: high vibration', topic, score: 7.2, excerpt: 'Check the coupling alignment; above 7.1 mm/s stop the pump.' },
    { id: `${topic}#bearing_wear`, source: `${topic}.md`, title: 'Failure modes: bearing_wear', topic, score: 5.1, excerpt: 'Bearing wear shows as rising vibration and bearing temperature.' },
  ],
});

/** Canned results per tool; a tool may be made to fail. Records every call. */
function fakeTools(overrides: Partial<Record<ToolName, (args: Record<string, unknown>, asker: Asker) => ToolResult>> = {}) {
  const calls: ToolCall[] = [];
  const defaults: Record<ToolName, (args: Record<string, unknown>, asker: Asker) => ToolResult> = {
    predict_failure: (a) => ({ ok: true, data: failure(String(a['asset']), 0.82) }),
    predict_rul: (a) => ({ ok: true, data: { asset: a['asset'], kind: 'pump', status: 'serving', rul: { kind: 'estimate', hours: 37.46, capH: 200 }, rmseH: 11.3, model: { version: 'v2', metrics: {} } } }),
    optimize_schedule: (_a, asker) => (asker.role === 'engineer' ? { ok: true, data: plan } : { ok: false, error: 'optimize_schedule needs the engineer role (you are a viewer)' }),
    root_cause: (a) => (a['asset'] || a['alert_id'] ? { ok: true, data: rootCauseOfMachine } : { ok: true, data: { ...rootCauseOfMachine, failure_modes: [], causes: [{ recommended_action: 'Lower the lehr cooling rate by 0.5 K/min.', interventions: [] }], diagnosis: 'crack on Line_A: lehr cooling rate high by 2.4σ (confidence 0.66).' } }),
    what_if: (a) => ({ ok: true, data: { setpoint: a['setpoint'], value: a['value'], unit: '°C', horizonH: a['horizon_h'], seeds: 16, baselineDefectsPer1000: 41.23, changedDefectsPer1000: 35.81, deltaDefectsPer1000: { mean: -5.42, p10: -8.1, p90: -2.2 }, deltaUnitsPerH: 0.04, deltaEnergyMWh: 1.27 } }),
    explain_alert: (a) => ({ ok: true, data: { id: a['alert_id'], rule: 'threshold', severity: 'HIGH', state: 'active', asset: 'pump_003', sensor: 'pump_003.vibration_rms_mm_s', value: 7.42, threshold: 7.1, unit: 'mm/s', message: 'vibration_rms_mm_s above 7.1 mm/s', recommendedAction: 'Inspect the bearings.', openedAt: '2026-01-01T09:00:00.000Z' } }),
    search_manuals: (a) => ({ ok: true, data: hits(String(a['topic'] ?? 'pump')) }),
    get_history: (a) => ({ ok: true, data: { sensor: a['sensor'], unit: 'mm/s', hours: a['hours'], from: '2026-01-01T04:00:00.000Z', to: '2026-01-01T10:00:00.000Z', samples: 21600, min: 2.13, mean: 3.87, max: 7.42, last: 7.35 } }),
  };
  const tools: CopilotTools = {
    async run(call, asker) {
      calls.push(call);
      return (overrides[call.tool] ?? defaults[call.tool])(call.args as Record<string, unknown>, asker);
    },
  };
  return { tools, calls };
}

const ask = async (question: string | Turn[], o: { tools?: ReturnType<typeof fakeTools>; asker?: Asker; context?: Record<string, string> } = {}) => {
  const t = o.tools ?? fakeTools();
  const messages: Turn[] = typeof question === 'string' ? [{ role: 'user', content: question }] : question;
  const answer = await plannerAnswer(t.tools, vocabulary, messages, o.context ?? {}, o.asker ?? engineer);
  return { answer, calls: t.calls };
};

describe('the copilot planner', () => {
  it('answers "what is the RUL of compressor_002?" with the RUL tool and the model\'s error as its confidence', async () => {
    const { answer, calls } = await ask("What's the RUL of compressor_002?");
    expect(answer.intent).toBe('predict_rul');
    expect(calls).toEqual([{ tool: 'predict_rul', args: { asset: 'compressor_002' } }]);
    expect(answer.text).toContain('37.5 h');
    expect(answer.text).toContain('± 11.3 h');
    expect(answer.ungrounded).toEqual([]);
  });

  it('explains a high risk with the failure model, the RUL, the graph\'s failure modes and the manual', async () => {
    const { answer, calls } = await ask("Why is pump 3's risk high?");
    expect(answer.intent).toBe('explain_risk');
    expect(calls.map((c) => c.tool)).toEqual(['predict_failure', 'predict_rul', 'root_cause', 'search_manuals']);
    expect(calls[2]!.args).toEqual({ asset: 'pump_003' });
    expect(answer.text).toContain('82 %');
    expect(answer.text).toContain('vibration rms mm s');
    expect(answer.text).toContain('bearing wear');
    expect(answer.sources.map((s) => s.id)).toContain('pump#bearing_wear');
    expect(answer.ungrounded).toEqual([]);
  });

  it('plans maintenance with the teams and horizon named, and states the twin check with its intervals', async () => {
    const { answer, calls } = await ask("Plan next week's maintenance with 2 teams");
    expect(calls).toEqual([{ tool: 'optimize_schedule', args: { teams_available: 2, horizon_days: 7 } }]);
    expect(answer.text).toContain('Plan plan-7 (HiGHS, optimal): 1 jobs over 7 days with 2 teams.');
    expect(answer.text).toContain('95 % intervals');
    expect(answer.text).toContain('-76.0 (-90.0 to -62.0) %');
    expect(answer.ungrounded).toEqual([]);
  });

  it('asks for what a plan lacks instead of guessing, then takes the answer from the next turn', async () => {
    const first = await ask('Plan the maintenance');
    expect(first.calls).toEqual([]);
    expect(first.answer.needs).toEqual(['teams', 'horizonDays']);
    expect(first.answer.text).toMatch(/How many maintenance teams/);
    expect(first.answer.grounded).toBe(true);
    const second = await ask([
      { role: 'user', content: 'Plan the maintenance' },
      { role: 'assistant', content: first.answer.text },
      { role: 'user', content: 'next week' },
      { role: 'assistant', content: 'How many maintenance teams are available?' },
      { role: 'user', content: '3' },
    ]);
    expect(second.calls).toEqual([{ tool: 'optimize_schedule', args: { teams_available: 3, horizon_days: 7 } }]);
  });

  it('carries the machine over to a follow-up and lets a new one replace it', async () => {
    const { calls } = await ask([
      { role: 'user', content: "What's the RUL of pump_003?" },
      { role: 'assistant', content: '…' },
      { role: 'user', content: 'and compressor_002?' },
    ]);
    expect(calls).toEqual([{ tool: 'predict_rul', args: { asset: 'compressor_002' } }]);
    const why = await ask([
      { role: 'user', content: "What's the RUL of pump_003?" },
      { role: 'assistant', content: '…' },
      { role: 'user', content: 'Why is its risk so high?' },
    ]);
    expect(why.calls[0]).toEqual({ tool: 'predict_failure', args: { asset: 'pump_003' } });
  });

  it('takes the machine from what the viewer shows when the question names none', async () => {
    const { calls, answer } = await ask('Why is the risk high?', { context: { asset: 'cnc_001' } });
    expect(answer.intent).toBe('explain_risk');
    expect(calls[0]).toEqual({ tool: 'predict_failure', args: { asset: 'cnc_001' } });
  });

  it('asks which machine when neither the question nor the view names one', async () => {
    const { answer, calls } = await ask('What is the remaining useful life?');
    expect(calls).toEqual([]);
    expect(answer.needs).toEqual(['asset']);
    expect(answer.text).toContain('pump_003');
  });

  it('recommends a manual inspection and cites the manual when a tool fails', async () => {
    const t = fakeTools({ predict_failure: () => ({ ok: false, error: 'the failure-risk model is not loaded' }) });
    const { answer, calls } = await ask('What is the failure risk of pump_003?', { tools: t });
    expect(answer.text).toContain('the failure-risk model is not loaded');
    expect(answer.text).toContain('I recommend a manual inspection of pump_003');
    expect(calls.at(-1)).toMatchObject({ tool: 'search_manuals', args: { topic: 'pump' } });
    expect(answer.sources.length).toBeGreaterThan(0);
    expect(answer.ungrounded).toEqual([]);
  });

  it('recommends a manual inspection when the model has no prediction yet', async () => {
    const t = fakeTools({ predict_failure: (a) => ({ ok: true, data: failure(String(a['asset']), null) }) });
    const { answer } = await ask('How likely is pump_003 to fail?', { tools: t });
    expect(answer.text).toContain('There is no failure-risk prediction for pump_003 yet');
    expect(answer.text.match(/I recommend a manual inspection/g)).toHaveLength(1);
  });

  it('says when the asker may not plan, from the tool\'s refusal', async () => {
    const { answer } = await ask('Plan maintenance for next week with two crews', { asker: { actor: 'op', role: 'viewer' } });
    expect(answer.text).toContain('needs the engineer role');
  });

  it('explains the alert open in the viewer with its reading, the graph and the manual', async () => {
    const { answer, calls } = await ask('Explain this alert', { context: { alert: 'ALT-42' } });
    expect(calls.map((c) => c.tool)).toEqual(['explain_alert', 'root_cause', 'search_manuals']);
    expect(calls[1]!.args).toEqual({ alert_id: 'ALT-42' });
    expect(answer.text).toContain('7.4 mm/s against a limit of 7.1');
    expect(answer.ungrounded).toEqual([]);
  });

  it('runs a what-if of a setpoint change on the twin', async () => {
    const { answer, calls } = await ask('What if I raise the furnace temperature on line A to 1520?');
    expect(calls).toEqual([{ tool: 'what_if', args: { setpoint: 'Line_A.furnace_temp', value: 1520, horizon_h: 4 } }]);
    expect(answer.text).toContain('41.2 → 35.8 per thousand units');
    expect(answer.ungrounded).toEqual([]);
  });

  it('reads a sensor\'s history over the hours asked', async () => {
    const { answer, calls } = await ask('Show me pump_003 vibration over the last 6 hours');
    expect(calls).toEqual([{ tool: 'get_history', args: { sensor: 'pump_003.vibration_rms_mm_s', hours: 6 } }]);
    expect(answer.text).toContain('max 7.4');
  });

  it('finds the root cause of a defect on the only line', async () => {
    const { answer, calls } = await ask('What is causing the cracks?');
    expect(calls[0]).toEqual({ tool: 'root_cause', args: { defect_type: 'crack', line: 'Line_A' } });
    expect(answer.text).toContain('Lower the lehr cooling rate');
  });

  it('answers how-to questions from the manuals of the machine type named', async () => {
    const { answer, calls } = await ask('How do I replace the bearings on a pump?');
    expect(answer.intent).toBe('manual');
    expect(calls).toEqual([{ tool: 'search_manuals', args: { query: 'How do I replace the bearings on a pump?', topic: 'pump' } }]);
    expect(answer.text).toContain('From the manual');
  });

  it('marks an answer ungrounded when a tool result does not hold a number it states', async () => {
    // The template rounds the tool's 37.46 h; a tool that returns nothing numeric for the RMSE is fine,
    // but an error text with a number the answer repeats must still be found in the results.
    const t = fakeTools({ predict_rul: () => ({ ok: false, error: 'model v9 is not loaded' }) });
    const { answer } = await ask('RUL of pump_003?', { tools: t });
    expect(answer.ungrounded).toEqual([]);
    expect(answer.text).toContain('model v9 is not loaded');
  });

  it('help lists what it can do without stating a number', async () => {
    const { answer, calls } = await ask('help');
    expect(answer.intent).toBe('help');
    expect(calls).toEqual([]);
    expect(answer.ungrounded).toEqual([]);
  });
});

describe('reading a conversation', () => {
  it('gives a bare number to the number the copilot asked for', () => {
    const r = readConversation(
      [
        { role: 'user', content: 'What if I change the furnace temp on Line_A?' },
        { role: 'assistant', content: 'To what value?' },
        { role: 'user', content: '1500' },
      ],
      {},
      vocabulary,
    );
    expect(r.intent).toBe('what_if');
    expect(r.slots).toMatchObject({ setpoint: 'Line_A.furnace_temp', value: 1500 });
    expect(r.needs).toEqual([]);
  });

  it('ignores a viewer context naming a machine the plant does not have', () => {
    const r = readConversation([{ role: 'user', content: 'RUL?' }], { asset: 'pump_999' }, vocabulary);
    expect(r.needs).toEqual(['asset']);
  });
});
