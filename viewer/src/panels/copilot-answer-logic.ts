/** How the copilot panel says an answer: who wrote it, what it called, what it cites, what it could not check. */
import type { ChatAnswer, ChatSource, ChatToolCall } from '../../../protocol/copilot.ts';
import { ApiCallError } from '../api/rest-client.ts';

const MAX_ARG = 40;

function argText(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > MAX_ARG ? `${s.slice(0, MAX_ARG - 1)}…` : s;
}

/**
 * A tool call in one line: its one argument bare, several as name=value, ✓ or ✗.
 * @example toolCallSummary({ tool: 'predict_rul', args: { asset: 'pump_003' }, ok: true, … }) // "predict_rul(pump_003) ✓"
 */
export function toolCallSummary(call: Pick<ChatToolCall, 'tool' | 'args' | 'ok'>): string {
  const entries = Object.entries(call.args);
  const args = entries.length === 1 ? argText(entries[0]![1]) : entries.map(([k, v]) => `${k}=${argText(v)}`).join(', ');
  return `${call.tool}(${args}) ${call.ok ? '✓' : '✗'}`;
}

/** The tools called, in order, one summary each joined by " · "; '' for none. */
export function toolCallsLine(answer: Pick<ChatAnswer, 'toolCalls'>): string {
  return answer.toolCalls.map(toolCallSummary).join(' · ');
}

/** A tool's result for the "how I answered" details: indented JSON, cut to `maxChars`. */
export function resultText(result: unknown, maxChars = 2000): string {
  const s = JSON.stringify(result, null, 2) ?? 'null';
  return s.length > maxChars ? `${s.slice(0, maxChars)}\n…` : s;
}

/** "Pump bearings — copilot/manuals/pump.md"; the title alone when it is the source. */
export function sourceLine(s: ChatSource): string {
  return s.title === s.source ? s.title : `${s.title} — ${s.source}`;
}

/** The sources once each (an answer may cite a section through two tools). */
export function sourcesOf(answer: Pick<ChatAnswer, 'sources'>): readonly ChatSource[] {
  const seen = new Set<string>();
  return answer.sources.filter((s) => !seen.has(s.id) && (seen.add(s.id), true));
}

/** The answer's text in runs, its `code` spans (sensor ids, as the planner quotes them) apart; a lone backtick stays text. */
export function textRuns(text: string): readonly { readonly code: boolean; readonly text: string }[] {
  return text.split(/`([^`\n]+)`/).map((t, i) => ({ code: i % 2 === 1, text: t })).filter((r) => r.text !== '');
}

/** The badge naming who wrote the answer. */
export function engineBadge(engine: ChatAnswer['engine']): { readonly label: string; readonly title: string } {
  return engine === 'llm'
    ? { label: 'LLM', title: "Written by the language model from the twin's tools; its numbers checked against the tools' results" }
    : { label: 'Planner', title: "Written by the deterministic planner from the twin's tools" };
}

/** A warning when not every number in the text came from a tool; null when all did. */
export function groundingWarning(answer: Pick<ChatAnswer, 'grounded' | 'ungrounded'>): string | null {
  if (answer.grounded) return null;
  const which = answer.ungrounded.length ? `: ${answer.ungrounded.join(', ')}` : '';
  return `Check before acting: not every number in this answer comes from a tool's result${which}.`;
}

const NEED_NAMES: Readonly<Record<string, string>> = {
  asset: 'the machine',
  teams: 'the number of teams',
  horizonDays: 'the days to plan',
  setpoint: 'the setpoint',
  value: 'the value',
  alertId: 'the alert',
  sensor: 'the sensor',
  symptom: 'what to explain',
};

/** When the answer is a question back: what the copilot waits for ("Reply with the number of teams and the days to plan."); null otherwise. */
export function needsPrompt(answer: Pick<ChatAnswer, 'needs'>): string | null {
  if (answer.needs.length === 0) return null;
  const names = answer.needs.map((n) => NEED_NAMES[n] ?? n);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return `Reply with ${list}.`;
}

/** An error as the panel shows it: the server's message, with what a status means to the operator. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiCallError)) return err instanceof Error ? err.message : String(err);
  if (err.status === 401) return `${err.message} — enter an API key to ask the copilot`;
  if (err.status === 404) return `${err.message} — this server has no copilot`;
  return err.message;
}
