/**
 * The copilot's conversation, outside React: it lives on while the dock is closed or the view
 * changes, and the "AI diagnosis" buttons of other panels ask through it.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ChatAnswer, ChatContext, ChatRequest } from '../../../protocol/copilot.ts';
import type { RestClient } from '../api/rest-client.ts';
import { uiStore } from '../shell/ui-store.ts';
import { errorText } from './copilot-answer-logic.ts';
import { canAsk, emptyConversation, takeFailed, withAnswer, withError, withQuestion, type Conversation, type PinnedAlert } from './copilot-logic.ts';

export const CHAT_PATH = '/api/copilot/chat';

export interface CopilotState {
  readonly conversation: Conversation;
  /** The alert last asked about from the alerts panel (context while its asset is looked at). */
  readonly alert: PinnedAlert | null;
}

export const copilotStore = createStore<CopilotState>()(() => ({ conversation: emptyConversation(), alert: null }));

/** Selects a slice of the copilot's state. */
export function useCopilot<T>(selector: (s: CopilotState) => T): T {
  return useStore(copilotStore, selector);
}

async function send(rest: RestClient): Promise<void> {
  const { conversation: sent } = copilotStore.getState();
  const context = contextOf(sent);
  const body: ChatRequest = { messages: [...sent.messages], ...(Object.keys(context).length > 0 ? { context } : {}) };
  let next: (c: Conversation) => Conversation;
  try {
    const answer = await rest.post<ChatAnswer>(CHAT_PATH, body);
    next = (c) => withAnswer(c, answer);
  } catch (err) {
    next = (c) => withError(c, errorText(err));
  }
  // Cleared while it was thinking: the answer belongs to a conversation that is gone.
  copilotStore.setState((s) => (s.conversation.id === sent.id ? { conversation: next(s.conversation) } : s));
}

const contextOf = (c: Conversation): ChatContext => {
  const last = c.entries.at(-1);
  return last?.kind === 'question' ? last.context : {};
};

/**
 * Asks the copilot (opening the dock): the question is shown at once, the answer or the error when
 * it comes. Returns false, asking nothing, while another question is awaited or for an empty one.
 */
export function askCopilot(rest: RestClient, question: string, context: ChatContext): boolean {
  const { conversation } = copilotStore.getState();
  uiStore.setState({ copilotOpen: true });
  if (!canAsk(conversation, question)) return false;
  copilotStore.setState({ conversation: withQuestion(conversation, question, context) });
  void send(rest);
  return true;
}

/** Asks the question that failed last again, in place of it and its error. */
export function retryCopilot(rest: RestClient): boolean {
  const failed = takeFailed(copilotStore.getState().conversation);
  if (!failed) return false;
  copilotStore.setState({ conversation: failed.conversation });
  return askCopilot(rest, failed.text, failed.context);
}

/** Starts over: a new conversation (an answer still on its way is dropped) and no pinned alert. */
export function clearCopilot(): void {
  copilotStore.setState((s) => ({ conversation: emptyConversation(s.conversation.id + 1), alert: null }));
}

/** Keeps an alert as the copilot's context (null: none). */
export function pinCopilotAlert(alert: PinnedAlert | null): void {
  copilotStore.setState({ alert });
}
