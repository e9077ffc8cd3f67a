/** The copilot on the wire: `POST /api/copilot/chat`. */
import { Type, type Static } from 'typebox';
import { List, Nullable } from './schema-kit.ts';
import { Text } from './text.ts';

export const ChatMessage = Type.Object(
  {
    role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]),
    content: Text({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type ChatMessage = Static<typeof ChatMessage>;

/** What the viewer is looking at: fills a question's missing machine, line or alert ("why is it red?"). */
export const ChatContext = Type.Object(
  {
    asset: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    line: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    alert: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ChatContext = Static<typeof ChatContext>;

export const ChatRequest = Type.Object(
  {
    /** The conversation so far, oldest first; the last message is the user's question. */
    messages: Type.Array(ChatMessage, { minItems: 1, maxItems: 50 }),
    context: Type.Optional(ChatContext),
  },
  { additionalProperties: false },
);
export type ChatRequest = Static<typeof ChatRequest>;

export const ChatToolCall = Type.Object({
  tool: Type.String(),
  args: Type.Record(Type.String(), Type.Unknown()),
  ok: Type.Boolean(),
  /** The tool's result (ok) or why it failed. */
  result: Type.Unknown(),
  error: Nullable(Type.String()),
});
export type ChatToolCall = Static<typeof ChatToolCall>;

export const ChatSource = Type.Object({ id: Type.String(), title: Type.String(), source: Type.String() });
export type ChatSource = Static<typeof ChatSource>;

export const ChatAnswer = Type.Object({
  text: Type.String(),
  /** What the question was read as (the planner's intent; `llm` answers carry the planner's reading too). */
  intent: Type.String(),
  /** Who wrote the answer: the deterministic planner, or the configured language model (checked the same way). */
  engine: Type.Union([Type.Literal('planner'), Type.Literal('llm')]),
  toolCalls: List(ChatToolCall),
  /** Manual sections, incident write-ups and interventions the answer draws on. */
  sources: List(ChatSource),
  /** Every number in the text appears in a tool's result or arguments. */
  grounded: Type.Boolean(),
  ungrounded: List(Type.String()),
  /** Parameters the copilot asked for instead of guessing (the answer is a question). */
  needs: List(Type.String()),
  /** Why the language model's answer was not used, when it was not. */
  note: Nullable(Type.String()),
});
export type ChatAnswer = Static<typeof ChatAnswer>;
