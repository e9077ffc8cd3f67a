/**
 * `twin ask "question"`: the running twin's copilot from a terminal (POST /api/copilot/chat). One
 * question per call; --asset, --line and --alert say what it is about, as the viewer's selection does.
 */
import type { ChatAnswer, ChatRequest } from '../../protocol/copilot.ts';
import { parseCommandArgs } from '../args.ts';
import { callTwin, TWIN_CONNECTION_FLAGS, twinApiKey } from '../twin-client.ts';
import { UsageError } from '../usage-error.ts';

export const ASK_USAGE = `twin ask "<question>" [--asset id] [--line id] [--alert id] [--json] [--url …] [--api-key-file F | TWIN_API_KEY]: ask the running twin's copilot`;

/** The answer as a terminal shows it: the text, then how it was reached. */
export function formatAnswer(a: ChatAnswer): string {
  const out = [a.text, ''];
  out.push(`(${a.engine}${a.note ? `: ${a.note}` : ''}; intent ${a.intent}; ${a.grounded ? 'every number from a tool' : `NOT grounded: ${a.ungrounded.join(', ')}`})`);
  for (const c of a.toolCalls) out.push(`  tool ${c.tool}(${JSON.stringify(c.args)}) ${c.ok ? 'ok' : `failed: ${c.error}`}`);
  for (const s of a.sources) out.push(`  source ${s.title} — ${s.source}`);
  return out.join('\n');
}

export async function ask(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('ask', argv, { ...TWIN_CONNECTION_FLAGS, asset: { type: 'string' }, line: { type: 'string' }, alert: { type: 'string' } }, true);
  const question = positionals.join(' ').trim();
  if (question === '') throw new UsageError(`ask: give a question, e.g. twin ask "what's the RUL of pump_003?"`);
  const context = { ...(values.asset ? { asset: values.asset } : {}), ...(values.line ? { line: values.line } : {}), ...(values.alert ? { alert: values.alert } : {}) };
  const body: ChatRequest = { messages: [{ role: 'user', content: question }], ...(Object.keys(context).length ? { context } : {}) };
  const answer = (await callTwin('ask', values.url, twinApiKey('ask', values['api-key-file']), 'POST', '/api/copilot/chat', body)) as ChatAnswer;
  console.log(values.json ? JSON.stringify(answer) : formatAnswer(answer));
  return 0;
}
