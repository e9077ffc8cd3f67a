/**
 * The deterministic copilot: reads a conversation (intent by rules, parameters against the plant's
 * vocabulary, carried over from earlier turns), asks for what is missing instead of guessing, runs
 * the intent's tools and writes the answer from their results with the templates. It is the answer
 * when no language model is configured, and the fallback when one fails. Every answer is checked:
 * each number it states is in a tool's result or arguments.
 */
import type { ChatContext, ChatSource as Source } from '../protocol/copilot.ts';
import type { SchedulePlan } from '../protocol/maintenance.ts';
import type { RootCauseAnswer } from '../protocol/knowledge.ts';
import { failureText, f1, pct, rulText, scheduleText, whatIfText } from './answer-text.ts';
import { ungroundedNumbers } from './grounding.ts';
import { classifyRule, type Intent } from './intents.ts';
import { extractSlots, type Slots, type Vocabulary } from './slots.ts';
import type { AlertToolData, Asker, CopilotTools, FailureToolData, HistoryToolData, RulToolData, SearchToolData, ToolCall, ToolCallRecord, ToolName, WhatIfToolData } from './tools.ts';

export interface Turn {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/** What the viewer is looking at, and a section an answer cites: as on the wire. */
export type { ChatContext, ChatSource as Source } from '../protocol/copilot.ts';

export interface CopilotAnswer {
  readonly text: string;
  readonly intent: Intent;
  readonly engine: 'planner' | 'llm';
  readonly toolCalls: readonly ToolCallRecord[];
  readonly sources: readonly Source[];
  readonly grounded: boolean;
  readonly ungrounded: readonly string[];
  readonly needs: readonly string[];
  readonly note: string | null;
}

type Need = 'asset' | 'teams' | 'horizonDays' | 'setpoint' | 'value' | 'alertId' | 'sensor' | 'symptom';

/** The question read: what is asked, with which parameters, and what is still missing. */
export interface Reading {
  readonly intent: Intent;
  readonly slots: Slots;
  readonly needs: readonly Need[];
  readonly question: string;
}

const NUMERIC_NEEDS: readonly Need[] = ['teams', 'horizonDays', 'value'];

function needsOf(intent: Intent, s: Slots): Need[] {
  switch (intent) {
    case 'plan_maintenance':
      return [...(s.teams === undefined ? (['teams'] as const) : []), ...(s.horizonDays === undefined ? (['horizonDays'] as const) : [])];
    case 'what_if':
      return [...(s.setpoint === undefined ? (['setpoint'] as const) : []), ...(s.value === undefined ? (['value'] as const) : [])];
    case 'explain_alert':
      return s.alertId === undefined ? ['alertId'] : [];
    case 'explain_risk':
    case 'predict_rul':
    case 'predict_failure':
    case 'machine_status':
      return s.asset === undefined ? ['asset'] : [];
    case 'root_cause':
      return s.asset === undefined && s.alertId === undefined && (s.defectType === undefined || s.line === undefined) ? ['symptom'] : [];
    case 'get_history':
      return s.sensor === undefined ? ['sensor'] : [];
    default:
      return [];
  }
}

const bareNumber = (text: string): number | undefined => {
  const m = /^\s*(?:to\s+|about\s+)?(-?\d+(?:\.\d+)?)\s*(?:[a-z%°/]+\s*)?[.!]?\s*$/i.exec(text);
  return m ? Number(m[1]) : undefined;
};

/**
 * Reads the conversation. A turn that matches no rule ("2 teams", "and compressor_002?") continues
 * the last question that did; parameters are those of the whole conversation, the latest winning,
 * on top of the viewer's context; a bare number answers the number the copilot asked for.
 */
export function readConversation(messages: readonly Turn[], context: ChatContext, vocabulary: Vocabulary): Reading {
  const users = messages.filter((m) => m.role === 'user').map((m) => m.content);
  const question = users.at(-1) ?? '';
  let intent: Intent | null = null;
  for (let i = users.length - 1; i >= 0 && intent === null; i--) intent = classifyRule(users[i]!);
  intent ??= question.trim() === '' ? 'help' : 'manual';

  const fromContext: Record<string, unknown> = {};
  if (context.asset !== undefined && vocabulary.machines.has(context.asset)) Object.assign(fromContext, { asset: context.asset, topic: vocabulary.machines.get(context.asset) });
  if (context.line !== undefined && vocabulary.lines.includes(context.line)) Object.assign(fromContext, { line: context.line, topic: fromContext['topic'] ?? 'glass_line' });
  if (context.alert !== undefined) fromContext['alertId'] = context.alert;
  let slots: Slots = fromContext as Slots;
  for (let i = 0; i < users.length; i++) {
    const before = slots;
    slots = { ...slots, ...extractSlots(users[i]!, vocabulary) };
    // An answer to the copilot's question for a number: the first number it lacked.
    const n = bareNumber(users[i]!);
    if (n !== undefined && i > 0) {
      const asked = needsOf(intent, before).find((k) => NUMERIC_NEEDS.includes(k));
      if (asked) slots = { ...slots, [asked]: n };
    }
  }
  // One line in the plant: a defect question needs no line named.
  if (slots.defectType !== undefined && slots.line === undefined && vocabulary.lines.length === 1) slots = { ...slots, line: vocabulary.lines[0]! };
  return { intent, slots, needs: needsOf(intent, slots), question };
}

const exampleOf = (xs: readonly string[], fallback: string) => xs[0] ?? fallback;

function askFor(needs: readonly Need[], v: Vocabulary): string {
  const q: Record<Need, string> = {
    asset: `Which machine do you mean? Give its id (for example ${exampleOf([...v.machines.keys()], 'pump_003')}).`,
    teams: 'How many maintenance teams are available?',
    horizonDays: 'Over how many days should I plan (a week is seven)?',
    setpoint: `Which setpoint should the twin change? (for example ${exampleOf(v.setpoints, 'Line_A.furnace_temp')})`,
    value: 'To what value?',
    alertId: 'Which alert? Give its id (it starts with ALT-), or open the alert and ask from there.',
    sensor: `Which sensor? Give its id (for example ${exampleOf(v.sensors, 'pump_003.vibration_rms')}).`,
    symptom: `What should I explain: a machine (its id), an alert (its id) or a defect type on a line (one of ${v.defectTypes.map((d) => d.replaceAll('_', ' ')).join(', ')})?`,
  };
  return needs.map((n) => q[n]).join(' ');
}

const HELP =
  'I answer from the twin\'s own tools: failure risk and remaining useful life of a machine ("what\'s the RUL of pump_003?"), why a risk is high or an alert fired, root causes of defects on a line, what-if runs of a setpoint change on forks of the twin, a maintenance plan for your crews ("plan next week\'s maintenance with two teams"), a sensor\'s history, and the maintenance manuals. Each answer lists the tools it called and the sections it cites.';

/** Tool calls of one answer, in order, with their results. */
class Calls {
  readonly records: ToolCallRecord[] = [];
  constructor(
    private readonly tools: CopilotTools,
    private readonly asker: Asker,
  ) {}

  async run<T>(tool: ToolName, args: Record<string, unknown>): Promise<{ ok: true; data: T } | { ok: false; error: string }> {
    const call: ToolCall = { tool, args };
    let result;
    try {
      result = await this.tools.run(call, this.asker);
    } catch (e) {
      result = { ok: false as const, error: e instanceof Error ? e.message : String(e) };
    }
    this.records.push({ ...call, result });
    return result as { ok: true; data: T } | { ok: false; error: string };
  }
}

const sentenceOf = (error: string) => error.replace(/\.$/, '');

/** The manual's best sections for a question, as a sentence and as sources. */
async function manualSays(calls: Calls, query: string, topic: string | undefined, sources: Source[], k = 2): Promise<string> {
  const r = await calls.run<SearchToolData>('search_manuals', topic ? { query, topic } : { query });
  if (!r.ok || r.data.hits.length === 0) return '';
  const hits = r.data.hits.slice(0, k);
  for (const h of hits) sources.push({ id: h.id, title: h.title, source: h.source });
  return hits.map((h) => `From the manual (${h.title}): ${h.excerpt}`).join('\n');
}

const inspectAdvice = (asset: string) => `I recommend a manual inspection of ${asset} meanwhile.`;

function rootCauseText(rc: RootCauseAnswer): string {
  const parts = [rc.diagnosis];
  const actions = [...rc.causes.flatMap((c) => c.interventions), ...rc.failure_modes.flatMap((m) => m.interventions)];
  const first = rc.causes[0]?.recommended_action;
  if (first) parts.push(`Recommended: ${first}`);
  else if (actions[0]) parts.push(`Recommended: ${actions[0].label}.`);
  return parts.join(' ');
}

function planSummaryText(p: SchedulePlan & { readonly intervalLevelPct?: number }): string {
  const iv = (m: { mean: number; lo: number; hi: number }) => `${f1(m.mean)} (${f1(m.lo)} to ${f1(m.hi)})`;
  const t = p.twinCheck;
  return scheduleText({
    id: p.id,
    solverLine: p.source === 'mip' ? `${p.solver}, ${p.status}${p.gap !== null && p.gap > 0 ? `, gap ${pct(p.gap)}` : ''}` : `greedy fallback: ${p.fallbackReason ?? 'the solver failed'}`,
    horizonDays: p.horizonDays,
    teams: p.teams,
    jobs: p.jobs,
    costs: p.costs,
    twin:
      t && p.intervalLevelPct !== undefined
        ? {
            seeds: t.seeds.length,
            intervalLevelPct: p.intervalLevelPct,
            failuresNothing: iv(t.nothing.failures),
            failuresPlan: iv(t.plan.failures),
            costChangePct: t.plan.costChangePct ? `${iv(t.plan.costChangePct)} %` : 'not defined (nothing fails doing nothing)',
          }
        : null,
    twinCheckError: p.twinCheckError ?? (t ? 'its interval level was not given' : 'no check was run'),
    unschedulable: p.unschedulable,
    skipped: p.skipped.length,
  });
}

function historyText(h: HistoryToolData): string {
  if (h.samples === 0 || h.mean === null) return `${h.sensor} has no stored samples in the last ${h.hours} h.`;
  return `${h.sensor} over the last ${h.hours} h (${h.samples} samples from ${h.from.slice(0, 16).replace('T', ' ')} to ${h.to.slice(0, 16).replace('T', ' ')} UTC): min ${f1(h.min!)}, mean ${f1(h.mean)}, max ${f1(h.max!)} ${h.unit}${h.last !== null ? `; last ${f1(h.last)} ${h.unit}` : ''}.`;
}

function alertText(a: AlertToolData): string {
  const reading = a.value !== null ? ` The reading was ${f1(a.value)}${a.unit ? ` ${a.unit}` : ''}${a.threshold !== null ? ` against a limit of ${f1(a.threshold)}` : ''}.` : '';
  return `Alert ${a.id} (${a.severity}, ${a.rule.replaceAll('_', ' ')}, ${a.state}) on ${a.asset}: ${a.message}.${reading} Recommended action: ${a.recommendedAction}`.replace(/\.\./g, '.');
}

/** The answer for a reading, from the tools. */
async function answerReading(r: Reading, v: Vocabulary, calls: Calls, sources: Source[]): Promise<string> {
  const s = r.slots;
  const kindOf = (asset: string) => v.machines.get(asset);
  switch (r.intent) {
    case 'help':
      return HELP;
    case 'predict_failure':
    case 'predict_rul':
    case 'machine_status': {
      const asset = s.asset!;
      const out: string[] = [];
      let missing = false;
      if (r.intent !== 'predict_rul') {
        const f = await calls.run<FailureToolData>('predict_failure', { asset });
        out.push(f.ok ? failureText(f.data) : `I could not get the failure risk of ${asset}: ${sentenceOf(f.error)}.`);
        missing ||= !f.ok || f.data.probability === null;
      }
      if (r.intent !== 'predict_failure') {
        const u = await calls.run<RulToolData>('predict_rul', { asset });
        out.push(u.ok ? rulText(u.data) : `I could not get the RUL of ${asset}: ${sentenceOf(u.error)}.`);
        missing ||= !u.ok || u.data.rul === null;
      }
      if (missing) return [...out, inspectAdvice(asset), await manualSays(calls, `${kindOf(asset) ?? ''} inspection checks symptoms`, kindOf(asset), sources)].filter(Boolean).join('\n');
      return out.join('\n');
    }
    case 'explain_risk': {
      const asset = s.asset!;
      const f = await calls.run<FailureToolData>('predict_failure', { asset });
      const u = await calls.run<RulToolData>('predict_rul', { asset });
      const rc = await calls.run<RootCauseAnswer>('root_cause', { asset });
      const out = [f.ok ? failureText(f.data) : `I could not get the failure risk of ${asset}: ${sentenceOf(f.error)}.`];
      if (u.ok) out.push(rulText(u.data));
      if (rc.ok) out.push(rootCauseText(rc.data));
      else out.push(`The knowledge graph could not explain it: ${sentenceOf(rc.error)}.`);
      const drivers = f.ok ? f.data.topFactors.filter((x) => x.contribution > 0).slice(0, 2).map((x) => x.feature.split('.').at(-1)!.replaceAll('_', ' ')) : [];
      const modes = rc.ok ? rc.data.failure_modes.map((m) => m.mode.replaceAll('_', ' ')).slice(0, 1) : [];
      if (!f.ok || f.data.probability === null || !rc.ok) out.push(inspectAdvice(asset));
      out.push(await manualSays(calls, [...modes, ...drivers, 'symptom'].join(' '), kindOf(asset), sources));
      return out.filter(Boolean).join('\n');
    }
    case 'explain_alert': {
      const a = await calls.run<AlertToolData>('explain_alert', { alert_id: s.alertId! });
      if (!a.ok) return `I could not find alert ${s.alertId}: ${sentenceOf(a.error)}.`;
      const out = [alertText(a.data)];
      const rc = await calls.run<RootCauseAnswer>('root_cause', { alert_id: a.data.id });
      out.push(rc.ok ? rootCauseText(rc.data) : `The knowledge graph could not explain it: ${sentenceOf(rc.error)}.`);
      if (!rc.ok && v.machines.has(a.data.asset)) out.push(inspectAdvice(a.data.asset));
      const topic = kindOf(a.data.asset) ?? (v.lines.includes(a.data.asset) ? 'glass_line' : undefined);
      out.push(await manualSays(calls, `${a.data.sensor?.split('.').at(-1)?.replaceAll('_', ' ') ?? ''} ${a.data.rule.replaceAll('_', ' ')} ${a.data.message}`, topic, sources));
      return out.filter(Boolean).join('\n');
    }
    case 'root_cause': {
      if (s.asset !== undefined && (s.defectType === undefined || s.line === undefined)) return answerReading({ ...r, intent: 'explain_risk' }, v, calls, sources);
      if (s.alertId !== undefined && s.defectType === undefined) return answerReading({ ...r, intent: 'explain_alert' }, v, calls, sources);
      const rc = await calls.run<RootCauseAnswer>('root_cause', { defect_type: s.defectType!, line: s.line! });
      const out = [rc.ok ? rootCauseText(rc.data) : `The knowledge graph could not explain ${s.defectType!.replaceAll('_', ' ')} on ${s.line}: ${sentenceOf(rc.error)}. I recommend inspecting the line's product and forming settings directly.`];
      out.push(await manualSays(calls, `${s.defectType!.replaceAll('_', ' ')} defect cause`, 'glass_line', sources));
      return out.filter(Boolean).join('\n');
    }
    case 'what_if': {
      const w = await calls.run<WhatIfToolData>('what_if', { setpoint: s.setpoint!, value: s.value!, horizon_h: 4 });
      return w.ok ? whatIfText(w.data) : `I could not run that on the twin: ${sentenceOf(w.error)}.`;
    }
    case 'plan_maintenance': {
      const p = await calls.run<SchedulePlan & { intervalLevelPct?: number }>('optimize_schedule', { teams_available: s.teams!, horizon_days: s.horizonDays! });
      return p.ok ? planSummaryText(p.data) : `I could not plan: ${sentenceOf(p.error)}.`;
    }
    case 'get_history': {
      const h = await calls.run<HistoryToolData>('get_history', { sensor: s.sensor!, hours: s.hours ?? 24 });
      return h.ok ? historyText(h.data) : `I could not read the history of ${s.sensor}: ${sentenceOf(h.error)}.`;
    }
    case 'manual': {
      const text = await manualSays(calls, r.question, s.topic, sources, 3);
      return text || `I found nothing in the manuals about that. ${HELP}`;
    }
  }
}

/** Answers a conversation with the tools; never throws for a tool's failure (the answer says so). */
export async function plannerAnswer(tools: CopilotTools, vocabulary: Vocabulary, messages: readonly Turn[], context: ChatContext, asker: Asker): Promise<CopilotAnswer> {
  const reading = readConversation(messages, context, vocabulary);
  const calls = new Calls(tools, asker);
  const sources: Source[] = [];
  const text = reading.needs.length > 0 ? askFor(reading.needs, vocabulary) : await answerReading(reading, vocabulary, calls, sources);
  const ungrounded = ungroundedNumbers(text, groundsOf(calls.records));
  return { text, intent: reading.intent, engine: 'planner', toolCalls: calls.records, sources: dedupe(sources), grounded: ungrounded.length === 0, ungrounded, needs: reading.needs, note: null };
}

/** What an answer's numbers may come from: the tools' arguments and results. */
export function groundsOf(records: readonly ToolCallRecord[]): unknown[] {
  return records.map((c) => [c.args, c.result.ok ? c.result.data : c.result.error]);
}

function dedupe(sources: readonly Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((s) => !seen.has(s.id) && (seen.add(s.id), true));
}
