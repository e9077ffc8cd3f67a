/**
 * The copilot with a language model behind an OpenAI-compatible server — here a local stand-in on
 * 127.0.0.1 that answers from a script — and the planner taking over whenever the model fails.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Copilot } from '../../copilot/copilot.ts';
import type { Vocabulary } from '../../copilot/slots.ts';
import type { CopilotTools, ToolCall } from '../../copilot/tools.ts';
import { ConfigError } from '../config-error.ts';
import { llmConfigFrom, OpenAiChatModel } from './openai-chat.ts';

type Reply = { content?: string | null; tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[] } | 'hang' | { status: number; body: string };

/** Answers each request with the next scripted reply, and keeps what it was sent. */
class StandInLlm {
  readonly requests: { headers: IncomingMessage['headers']; body: { model: string; messages: { role: string; content: string | null; tool_call_id?: string; tool_calls?: unknown[] }[]; tools?: { function: { name: string } }[] } }[] = [];
  script: Reply[] = [];
  private server!: Server;
  url = '';

  async start() {
    this.server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        this.requests.push({ headers: req.headers, body: JSON.parse(data) });
        const next = this.script.shift() ?? { content: 'nothing scripted' };
        if (next === 'hang') return; // never answers
        if ('status' in next) {
          res.writeHead(next.status, { 'content-type': 'text/plain' }).end(next.body);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', ...next }, finish_reason: next.tool_calls ? 'tool_calls' : 'stop' }] }));
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const vocabulary: Vocabulary = { machines: new Map([['pump_003', 'pump']]), lines: ['Line_A'], setpoints: [], sensors: [], defectTypes: ['crack'] };

function tools() {
  const calls: ToolCall[] = [];
  const t: CopilotTools = {
    async run(call) {
      calls.push(call);
      if (call.tool === 'predict_rul') return { ok: true, data: { asset: call.args['asset'], kind: 'pump', status: 'ready', rul: { kind: 'estimate', hours: 41.27, capH: 200 }, rmseH: 9.8, model: { version: 'v1', metrics: { rmse: 9.8 } } } };
      if (call.tool === 'search_manuals') return { ok: true, data: { hits: [{ id: 'pump#inspection-steps', source: 'copilot/manuals/pump.md', title: 'Inspection steps', topic: 'pump', score: 3, excerpt: 'Lock out the pump.' }] } };
      return { ok: false, error: `${call.tool} is not available here` };
    },
  };
  return { t, calls };
}

const rulCall = (args = '{"asset":"pump_003"}') => ({ tool_calls: [{ id: 'call_1', type: 'function' as const, function: { name: 'predict_rul', arguments: args } }] });
const asker = { actor: 'op', role: 'operator' };
const question = [{ role: 'user' as const, content: "What's the RUL of pump_003?" }];

describe('the copilot with a language model', () => {
  const llm = new StandInLlm();
  beforeAll(() => llm.start());
  afterAll(() => llm.stop());

  const copilot = (o: { timeoutMs?: number; maxRounds?: number; apiKey?: string } = {}) => {
    const tt = tools();
    const model = new OpenAiChatModel({ url: llm.url, model: 'stand-in-7b', apiKey: o.apiKey ?? null, timeoutMs: o.timeoutMs ?? 5000 });
    return { c: new Copilot({ tools: tt.t, vocabulary: () => vocabulary, model, timeoutMs: o.timeoutMs ?? 5000, ...(o.maxRounds ? { maxRounds: o.maxRounds } : {}) }), calls: tt.calls };
  };

  it('runs the tools the model calls, gives it their results, and returns its grounded answer', async () => {
    llm.requests.length = 0;
    llm.script = [rulCall(), { content: 'pump_003 has about 41.3 h of useful life left (± 9.8 h, the model\'s held-out RMSE).' }];
    const { c, calls } = copilot({ apiKey: 'sk-test' });
    const a = await c.answer(question, { asset: 'pump_003' }, asker);
    expect(a.engine).toBe('llm');
    expect(a.note).toBeNull();
    expect(a.text).toContain('41.3 h');
    expect(calls).toEqual([{ tool: 'predict_rul', args: { asset: 'pump_003' } }]);
    expect(a.toolCalls[0]!.result.ok).toBe(true);
    // What the server was sent: the model, every tool, the key; then the tool's result under its call id.
    const [first, second] = llm.requests;
    expect(first!.body.model).toBe('stand-in-7b');
    expect(first!.headers.authorization).toBe('Bearer sk-test');
    expect(first!.body.tools!.map((t) => t.function.name)).toContain('optimize_schedule');
    expect(first!.body.messages[0]!.content).toContain('The user is looking at: machine pump_003.');
    const toolMsg = second!.body.messages.at(-1)!;
    expect(toolMsg.role).toBe('tool');
    expect(toolMsg.tool_call_id).toBe('call_1');
    expect(JSON.parse(toolMsg.content!).rul.hours).toBe(41.27);
  });

  it('falls back to the planner when the model states a number no tool returned', async () => {
    llm.script = [rulCall(), { content: 'pump_003 has 120 h left.' }];
    const { c } = copilot();
    const a = await c.answer(question, {}, asker);
    expect(a.engine).toBe('planner');
    expect(a.note).toBe('the language model stated numbers no tool returned (120); the planner answered instead');
    expect(a.text).toContain('41.3 h');
    expect(a.grounded).toBe(true);
  });

  it('falls back to the planner when the model does not answer in time', async () => {
    llm.script = ['hang'];
    const { c } = copilot({ timeoutMs: 300 });
    const a = await c.answer(question, {}, asker);
    expect(a.engine).toBe('planner');
    expect(a.note).toBe('the language model did not answer: timed out after 300 ms; the planner answered instead');
    expect(a.toolCalls.map((x) => x.tool)).toEqual(['predict_rul']);
  });

  it('falls back when the server fails or cannot be reached, naming why', async () => {
    llm.script = [{ status: 503, body: 'model loading' }];
    const a = await copilot().c.answer(question, {}, asker);
    expect(a.note).toBe(`the language model did not answer: ${llm.url} answered HTTP 503: model loading; the planner answered instead`);
    // A port nothing listens on: one just released.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const gone = new Copilot({ tools: tools().t, vocabulary: () => vocabulary, model: new OpenAiChatModel({ url: `http://127.0.0.1:${port}/v1`, model: 'm', apiKey: null, timeoutMs: 2000 }) });
    const b = await gone.answer(question, {}, asker);
    expect(b.engine).toBe('planner');
    expect(b.note).toBe(`the language model did not answer: http://127.0.0.1:${port}/v1 is unreachable (ECONNREFUSED); the planner answered instead`);
  });

  it('tells the model when its arguments are not JSON, and lets it try again', async () => {
    llm.requests.length = 0;
    llm.script = [rulCall('{asset: pump_003'), rulCall(), { content: 'About 41.3 h.' }];
    const { c, calls } = copilot();
    const a = await c.answer(question, {}, asker);
    expect(a.engine).toBe('llm');
    expect(a.toolCalls[0]!.result).toMatchObject({ ok: false });
    expect(JSON.parse(llm.requests[1]!.body.messages.at(-1)!.content!).error).toMatch(/^predict_rul: arguments are not a JSON object/);
    expect(calls).toHaveLength(1);
  });

  it('stops a model that keeps calling tools after the rounds it is allowed', async () => {
    llm.script = [rulCall(), rulCall(), rulCall()];
    const a = await copilot({ maxRounds: 2 }).c.answer(question, {}, asker);
    expect(a.engine).toBe('planner');
    expect(a.note).toBe('the language model still called tools after 2 rounds; the planner answered instead');
  });
});

describe('the language model settings', () => {
  const read = (files: Record<string, string>) => (p: string) => {
    if (!(p in files)) throw new Error('ENOENT: no such file');
    return files[p]!;
  };

  it('needs no model by default', () => {
    expect(llmConfigFrom({}, read({}))).toBeNull();
  });

  it('reads the address, model, key file and timeout', () => {
    expect(llmConfigFrom({ TWIN_LLM_URL: 'http://127.0.0.1:8080/v1/', TWIN_LLM_MODEL: 'qwen2.5-7b', TWIN_LLM_API_KEY_FILE: '/run/key', TWIN_LLM_TIMEOUT_MS: '5000' }, read({ '/run/key': 'sk-1\n' }))).toEqual({ url: 'http://127.0.0.1:8080/v1', model: 'qwen2.5-7b', apiKey: 'sk-1', timeoutMs: 5000 });
  });

  it.each([
    [{ TWIN_LLM_MODEL: 'm' }, 'TWIN_LLM_URL: not set, but TWIN_LLM_MODEL is: set TWIN_LLM_URL to use a language model, or unset TWIN_LLM_MODEL'],
    [{ TWIN_LLM_URL: 'localhost:8080' }, 'TWIN_LLM_URL: "localhost:8080" is not an http(s) address (e.g. http://127.0.0.1:8080/v1)'],
    [{ TWIN_LLM_URL: 'http://x/v1' }, 'TWIN_LLM_MODEL: is required with TWIN_LLM_URL (the model name the server serves)'],
    [{ TWIN_LLM_URL: 'http://x/v1', TWIN_LLM_MODEL: 'm', TWIN_LLM_API_KEY_FILE: '/nope' }, 'TWIN_LLM_API_KEY_FILE: cannot read "/nope": ENOENT: no such file'],
    [{ TWIN_LLM_URL: 'http://x/v1', TWIN_LLM_MODEL: 'm', TWIN_LLM_TIMEOUT_MS: '5s' }, 'TWIN_LLM_TIMEOUT_MS: "5s" must be a whole number of milliseconds from 100 to 600000'],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => llmConfigFrom(env, read({}))).toThrow(new ConfigError(message));
  });
});
