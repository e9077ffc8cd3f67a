/**
 * The copilot: a language model that calls the tools when one is configured, the deterministic
 * planner otherwise — and the planner again whenever the model fails, times out, loops, or states a
 * number no tool returned. The model sees the same tools the planner uses; its answer is held to the
 * same grounding rule, so what reaches a user is either grounded or says that it is not.
 */
import { ungroundedNumbers } from './grounding.ts';
import { groundsOf, plannerAnswer, readConversation, type ChatContext, type CopilotAnswer, type Source, type Turn } from './planner.ts';
import type { Vocabulary } from './slots.ts';
import { TOOL_NAMES, TOOL_SPECS, type Asker, type CopilotTools, type SearchToolData, type ToolCallRecord, type ToolName } from './tools.ts';

/** A message of an OpenAI-style chat with tools. */
export type LlmMessage =
  | { readonly role: 'system' | 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string | null; readonly toolCalls?: readonly LlmToolCall[] }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

export interface LlmToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON text, as the model wrote it (it may not parse). */
  readonly arguments: string;
}

export interface LlmTool {
  readonly name: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** The port a chat-completions client implements (twin-api/copilot/openai-chat.ts). */
export interface ChatModel {
  readonly name: string;
  complete(messages: readonly LlmMessage[], tools: readonly LlmTool[], signal: AbortSignal): Promise<{ readonly content: string | null; readonly toolCalls: readonly LlmToolCall[] }>;
}

export interface CopilotOptions {
  readonly tools: CopilotTools;
  readonly vocabulary: () => Vocabulary;
  readonly model?: ChatModel | null;
  /** Tool rounds the model may take before the planner answers instead (default 4). */
  readonly maxRounds?: number;
  /** The model's whole answer, tool calls included (default 20 s). */
  readonly timeoutMs?: number;
}

const LLM_TOOLS: readonly LlmTool[] = TOOL_NAMES.map((name) => ({ name, ...TOOL_SPECS[name] }));

function systemPrompt(context: ChatContext): string {
  const looking = [context.asset && `machine ${context.asset}`, context.line && `line ${context.line}`, context.alert && `alert ${context.alert}`].filter(Boolean).join(', ');
  return [
    "You are the maintenance and process copilot of a manufacturing plant's digital twin.",
    'Answer only from the tools: call them for every figure. State no number that a tool did not return; round as the tool gave it or coarser.',
    'Say how far a figure can be trusted (the model metrics the tools return). When a tool fails or has no data, say so and recommend a manual inspection, citing the manuals (search_manuals).',
    'If the question lacks a parameter a tool needs (a machine, the number of teams, a value), ask for it instead of guessing.',
    'Plans and what-ifs change nothing on the plant; say so.',
    looking ? `The user is looking at: ${looking}.` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function sourcesOf(records: readonly ToolCallRecord[]): Source[] {
  const out = new Map<string, Source>();
  for (const r of records) {
    if (r.tool !== 'search_manuals' || !r.result.ok) continue;
    for (const h of (r.result.data as SearchToolData).hits) out.set(h.id, { id: h.id, title: h.title, source: h.source });
  }
  return [...out.values()];
}

class ModelFailed extends Error {}

export class Copilot {
  private readonly maxRounds: number;
  private readonly timeoutMs: number;

  constructor(private readonly o: CopilotOptions) {
    this.maxRounds = o.maxRounds ?? 4;
    this.timeoutMs = o.timeoutMs ?? 20_000;
  }

  get engine(): { readonly kind: 'planner' | 'llm'; readonly model: string | null } {
    return { kind: this.o.model ? 'llm' : 'planner', model: this.o.model?.name ?? null };
  }

  async answer(messages: readonly Turn[], context: ChatContext, asker: Asker): Promise<CopilotAnswer> {
    const planner = () => plannerAnswer(this.o.tools, this.o.vocabulary(), messages, context, asker);
    const model = this.o.model;
    if (!model) return planner();
    let records: ToolCallRecord[] = [];
    try {
      const r = await this.ask(model, messages, context, asker);
      records = r.records;
      const ungrounded = ungroundedNumbers(r.text, groundsOf(records));
      if (ungrounded.length > 0) throw new ModelFailed(`the language model stated numbers no tool returned (${ungrounded.join(', ')})`);
      const reading = readConversation(messages, context, this.o.vocabulary());
      return { text: r.text, intent: reading.intent, engine: 'llm', toolCalls: records, sources: sourcesOf(records), grounded: true, ungrounded: [], needs: [], note: null };
    } catch (e) {
      const why = e instanceof ModelFailed ? e.message : `the language model did not answer: ${e instanceof Error ? e.message : String(e)}`;
      const a = await planner();
      return { ...a, note: `${why}; the planner answered instead` };
    }
  }

  private async ask(model: ChatModel, messages: readonly Turn[], context: ChatContext, asker: Asker): Promise<{ text: string; records: ToolCallRecord[] }> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const chat: LlmMessage[] = [{ role: 'system', content: systemPrompt(context) }, ...messages.map((m) => ({ role: m.role, content: m.content }) as LlmMessage)];
    const records: ToolCallRecord[] = [];
    for (let round = 0; round <= this.maxRounds; round++) {
      const reply = await abortable(model.complete(chat, round < this.maxRounds ? LLM_TOOLS : [], signal), signal, `timed out after ${this.timeoutMs} ms`);
      if (reply.toolCalls.length === 0) {
        const text = reply.content?.trim() ?? '';
        if (text === '') throw new ModelFailed('the language model returned an empty answer');
        return { text, records };
      }
      if (round === this.maxRounds) break;
      chat.push({ role: 'assistant', content: reply.content, toolCalls: reply.toolCalls });
      for (const call of reply.toolCalls) {
        const result = await this.runCall(call, asker);
        records.push(result.record);
        chat.push({ role: 'tool', toolCallId: call.id, content: JSON.stringify(result.record.result.ok ? result.record.result.data : { error: result.record.result.error }) });
      }
    }
    throw new ModelFailed(`the language model still called tools after ${this.maxRounds} rounds`);
  }

  private async runCall(call: LlmToolCall, asker: Asker): Promise<{ record: ToolCallRecord }> {
    const tool = call.name as ToolName;
    let args: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(call.arguments || '{}');
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      args = parsed as Record<string, unknown>;
    } catch (e) {
      return { record: { tool, args: {}, result: { ok: false, error: `${call.name}: arguments are not a JSON object (${(e as Error).message})` } } };
    }
    const result = await this.o.tools.run({ tool, args }, asker).catch((e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }));
    return { record: { tool, args, result } };
  }
}

/** A model client that ignores the signal still gives up when it fires. */
function abortable<T>(p: Promise<T>, signal: AbortSignal, timedOut: string): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error(timedOut));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error(timedOut));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError') ? new Error(timedOut) : e);
      },
    );
  });
}
