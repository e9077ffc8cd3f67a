/**
 * A chat-completions client for any OpenAI-compatible server (a local llama.cpp, vLLM or Ollama
 * server, or a hosted one): POST {url}/chat/completions with the tools, temperature 0. Configured by
 * TWIN_LLM_URL, TWIN_LLM_MODEL and TWIN_LLM_API_KEY_FILE (a secret mounted as a file), TWIN_LLM_TIMEOUT_MS;
 * without TWIN_LLM_URL the copilot's planner answers alone.
 */
import type { ChatModel, LlmMessage, LlmTool, LlmToolCall } from '../../copilot/copilot.ts';
import { ConfigError } from '../config-error.ts';

export interface LlmConfig {
  /** Base URL, e.g. http://127.0.0.1:8080/v1 */
  readonly url: string;
  readonly model: string;
  readonly apiKey: string | null;
  readonly timeoutMs: number;
}

/** Null when TWIN_LLM_URL is unset or empty; throws ConfigError naming the variable at fault (the key is never shown). */
export function llmConfigFrom(env: Readonly<Record<string, string | undefined>>, readFile: (path: string) => string): LlmConfig | null {
  const url = (env['TWIN_LLM_URL'] ?? '').trim();
  if (url === '') {
    const stray = ['TWIN_LLM_MODEL', 'TWIN_LLM_API_KEY_FILE', 'TWIN_LLM_TIMEOUT_MS'].find((v) => env[v]);
    if (stray) throw new ConfigError(`TWIN_LLM_URL: not set, but ${stray} is: set TWIN_LLM_URL to use a language model, or unset ${stray}`);
    return null;
  }
  if (!/^https?:\/\/[^\s/?#]+/.test(url)) throw new ConfigError(`TWIN_LLM_URL: "${url}" is not an http(s) address (e.g. http://127.0.0.1:8080/v1)`);
  const model = (env['TWIN_LLM_MODEL'] ?? '').trim();
  if (model === '') throw new ConfigError('TWIN_LLM_MODEL: is required with TWIN_LLM_URL (the model name the server serves)');
  let apiKey: string | null = null;
  const file = env['TWIN_LLM_API_KEY_FILE'];
  if (file) {
    try {
      apiKey = readFile(file).trim();
    } catch (e) {
      throw new ConfigError(`TWIN_LLM_API_KEY_FILE: cannot read "${file}": ${(e as Error).message}`);
    }
    if (apiKey === '') throw new ConfigError(`TWIN_LLM_API_KEY_FILE: "${file}" is empty`);
  }
  const t = env['TWIN_LLM_TIMEOUT_MS'];
  const timeoutMs = t === undefined || t === '' ? 20_000 : Number(t);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000) throw new ConfigError(`TWIN_LLM_TIMEOUT_MS: "${t}" must be a whole number of milliseconds from 100 to 600000`);
  return { url: url.replace(/\/+$/, ''), model, apiKey, timeoutMs };
}

interface WireToolCall {
  id?: unknown;
  type?: unknown;
  function?: { name?: unknown; arguments?: unknown };
}

function toWire(m: LlmMessage): Record<string, unknown> {
  if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
  if (m.role === 'assistant' && m.toolCalls?.length) return { role: 'assistant', content: m.content, tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) };
  return { role: m.role, content: m.content };
}

export class OpenAiChatModel implements ChatModel {
  readonly name: string;

  constructor(
    private readonly c: LlmConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.name = c.model;
  }

  async complete(messages: readonly LlmMessage[], tools: readonly LlmTool[], signal: AbortSignal): Promise<{ content: string | null; toolCalls: LlmToolCall[] }> {
    const body = {
      model: this.c.model,
      temperature: 0,
      messages: messages.map(toWire),
      ...(tools.length ? { tools: tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } })), tool_choice: 'auto' } : {}),
    };
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.c.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.c.apiKey ? { authorization: `Bearer ${this.c.apiKey}` } : {}) },
        body: JSON.stringify(body),
        signal,
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      if (err.name === 'TimeoutError' || err.name === 'AbortError') throw err;
      throw new Error(`${this.c.url} is unreachable (${err.cause?.code ?? err.cause?.message ?? err.message})`);
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${this.c.url} answered HTTP ${res.status}: ${text.slice(0, 200)}`);
    let json: { choices?: { message?: { content?: unknown; tool_calls?: WireToolCall[] } }[] };
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${this.c.url} answered with something that is not JSON: ${text.slice(0, 120)}`);
    }
    const msg = json.choices?.[0]?.message;
    if (!msg) throw new Error(`${this.c.url} answered without choices[0].message`);
    const toolCalls = (msg.tool_calls ?? []).map((c, i) => ({
      id: typeof c.id === 'string' ? c.id : `call_${i}`,
      name: String(c.function?.name ?? ''),
      arguments: typeof c.function?.arguments === 'string' ? c.function.arguments : JSON.stringify(c.function?.arguments ?? {}),
    }));
    return { content: typeof msg.content === 'string' ? msg.content : null, toolCalls };
  }
}
