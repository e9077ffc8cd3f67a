/**
 * The copilot panel's conversation and what it asks about: pure, so the panel and the "AI diagnosis"
 * buttons share one tested reading. The rendering of an answer is in copilot-answer-logic.ts.
 */
import type { ChatAnswer, ChatContext, ChatMessage } from '../../../protocol/copilot.ts';
import type { Topology } from '../../../protocol/plant.ts';

/** The server takes at most 50 messages (protocol ChatRequest) of at most 4000 characters each. */
export const MAX_MESSAGES = 50;
export const MAX_CONTENT = 4000;

/** One item of the message list: a question as asked, the copilot's answer, or why no answer came. */
export type ChatEntry =
  | { readonly kind: 'question'; readonly n: number; readonly text: string; readonly context: ChatContext }
  | { readonly kind: 'answer'; readonly n: number; readonly answer: ChatAnswer }
  | { readonly kind: 'error'; readonly n: number; readonly text: string };

export interface Conversation {
  /** Changes when the conversation is cleared: an answer to an older one is dropped. */
  readonly id: number;
  readonly entries: readonly ChatEntry[];
  /** What the server is sent: the answered turns and the question waiting, the last MAX_MESSAGES. */
  readonly messages: readonly ChatMessage[];
  /** A question is on its way ("thinking"). */
  readonly pending: boolean;
}

/** An alert the operator asked about, kept as context while its machine is the one looked at. */
export interface PinnedAlert {
  readonly id: string;
  readonly asset: string;
}

export function emptyConversation(id = 0): Conversation {
  return { id, entries: [], messages: [], pending: false };
}

const keepLast = (messages: readonly ChatMessage[]): readonly ChatMessage[] => messages.slice(-MAX_MESSAGES);
const nextN = (c: Conversation): number => (c.entries.at(-1)?.n ?? 0) + 1;

/** The question asked: shown at once, sent with the conversation; the copilot is then thinking. */
export function withQuestion(c: Conversation, text: string, context: ChatContext): Conversation {
  const content = text.trim().slice(0, MAX_CONTENT);
  return {
    ...c,
    entries: [...c.entries, { kind: 'question', n: nextN(c), text: content, context }],
    messages: keepLast([...c.messages, { role: 'user', content }]),
    pending: true,
  };
}

/** The answer arrived: shown, and its text is the assistant's turn the next question is read after. */
export function withAnswer(c: Conversation, answer: ChatAnswer): Conversation {
  const content = answer.text.trim().slice(0, MAX_CONTENT);
  return {
    ...c,
    entries: [...c.entries, { kind: 'answer', n: nextN(c), answer }],
    // An empty answer cannot be sent back (content has minLength 1): the turn is left out.
    messages: content ? keepLast([...c.messages, { role: 'assistant', content }]) : c.messages,
    pending: false,
  };
}

/**
 * No answer: the error is shown under the question, and the question leaves the messages so the
 * next one is not read as a follow-up of a question that was never answered.
 */
export function withError(c: Conversation, text: string): Conversation {
  const last = c.messages.at(-1);
  return {
    ...c,
    entries: [...c.entries, { kind: 'error', n: nextN(c), text }],
    messages: last?.role === 'user' ? c.messages.slice(0, -1) : c.messages,
    pending: false,
  };
}

/** The question that failed last (to ask again), with the conversation without it and its error; null when the last entry is no error. */
export function takeFailed(c: Conversation): { readonly conversation: Conversation; readonly text: string; readonly context: ChatContext } | null {
  const [q, e] = c.entries.slice(-2);
  if (c.pending || q?.kind !== 'question' || e?.kind !== 'error') return null;
  return { conversation: { ...c, entries: c.entries.slice(0, -2) }, text: q.text, context: q.context };
}

/** Whether `text` may be sent now: something to ask, and no answer awaited. */
export function canAsk(c: Conversation, text: string): boolean {
  return !c.pending && text.trim().length > 0;
}

/**
 * What the viewer is looking at, as the copilot reads it: the selected machine (or line), and a
 * pinned alert while nothing else is selected or its own asset is.
 * @example chatContext('pump_003', topology, { id: 'ALT-1', asset: 'pump_003' }) // { asset: 'pump_003', alert: 'ALT-1' }
 */
export function chatContext(selected: string | null, topology: Topology | null, alert: PinnedAlert | null): ChatContext {
  const focus = selected ?? alert?.asset ?? null;
  const kind = focus === null ? null : topology?.assets.find((a) => a.id === focus)?.kind ?? 'machine';
  const ctx: { asset?: string; line?: string; alert?: string } = {};
  if (focus !== null && kind === 'line') ctx.line = focus;
  else if (focus !== null) ctx.asset = focus;
  if (alert && alert.asset === focus) ctx.alert = alert.id;
  return ctx;
}

/** "pump_003 · alert ALT-1"; '' for no context. */
export function contextLabel(ctx: ChatContext): string {
  return [ctx.asset ?? ctx.line, ctx.alert !== undefined ? `alert ${ctx.alert}` : undefined].filter(Boolean).join(' · ');
}

/** The question the inspector's "AI diagnosis" asks about a machine. */
export const riskQuestion = (asset: string): string => `Why is ${asset}'s risk high?`;
/** The question an alert's "AI diagnosis" asks. */
export const alertQuestion = (id: string): string => `Explain alert ${id}`;

/** Questions offered for the context: the machine's RUL and risk, the pinned alert, a maintenance plan. */
export function suggestions(ctx: ChatContext): readonly string[] {
  return [
    ...(ctx.alert !== undefined ? [alertQuestion(ctx.alert)] : []),
    ...(ctx.asset !== undefined ? [`What's the RUL of ${ctx.asset}?`, riskQuestion(ctx.asset)] : []),
    "Plan next week's maintenance with 2 teams",
    ...(ctx.asset === undefined ? ['What can you do?'] : []),
  ];
}
