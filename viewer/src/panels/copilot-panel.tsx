import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ChatAnswer } from '../../../protocol/copilot.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { uiStore } from '../shell/ui-store.ts';
import { engineBadge, groundingWarning, needsPrompt, resultText, sourceLine, sourcesOf, textRuns, toolCallSummary, toolCallsLine } from './copilot-answer-logic.ts';
import { chatContext, contextLabel, MAX_CONTENT, suggestions, type ChatEntry } from './copilot-logic.ts';
import { askCopilot, clearCopilot, pinCopilotAlert, retryCopilot, useCopilot } from './copilot-store.ts';

/** The tools the answer called, with their arguments and results, and the sections it cites. */
function HowIAnswered({ answer }: { answer: ChatAnswer }) {
  const sources = sourcesOf(answer);
  if (answer.toolCalls.length === 0 && sources.length === 0) return <p className="muted small">Read as {answer.intent}; no tool called.</p>;
  return (
    <details className="chat-how small" data-testid="copilot-how">
      <summary>How I answered <span className="muted">{toolCallsLine(answer)}</span></summary>
      <p className="muted">Read as <span className="mono">{answer.intent}</span>.</p>
      {answer.toolCalls.length ? (
        <ol className="chat-tools" data-testid="copilot-tools">
          {answer.toolCalls.map((c, i) => (
            <li key={i} className={c.ok ? undefined : 'chat-tool-failed'}>
              <span className="mono">{toolCallSummary(c)}</span>
              {c.ok ? <details><summary className="muted">result</summary><pre className="chat-result">{resultText(c.result)}</pre></details> : <span className="error"> {c.error}</span>}
            </li>
          ))}
        </ol>
      ) : null}
      {sources.length ? (
        <>
          <p className="muted">Sources</p>
          <ul className="chat-sources" data-testid="copilot-sources">{sources.map((s) => <li key={s.id}>{sourceLine(s)}</li>)}</ul>
        </>
      ) : null}
    </details>
  );
}

function Answer({ answer }: { answer: ChatAnswer }) {
  const badge = engineBadge(answer.engine);
  const needs = needsPrompt(answer);
  const warning = groundingWarning(answer);
  return (
    <li className={`chat-a${needs ? ' chat-asks' : ''}`} data-testid="copilot-answer">
      <div className="chat-a-head">
        <span className={`engine-badge engine-${answer.engine}`} title={badge.title} data-testid="copilot-engine">{badge.label}</span>
        {needs ? <span className="muted small">asks back</span> : null}
      </div>
      <p className="chat-text">{textRuns(answer.text).map((r, i) => (r.code ? <code key={i}>{r.text}</code> : r.text))}</p>
      {needs ? <p className="chat-needs small" data-testid="copilot-needs">{needs}</p> : null}
      {warning ? <p className="small warn" role="note" data-testid="copilot-ungrounded">{warning}</p> : null}
      {answer.note ? <p className="muted small" data-testid="copilot-note">{answer.note}</p> : null}
      <HowIAnswered answer={answer} />
    </li>
  );
}

function Entry({ entry, last }: { entry: ChatEntry; last: boolean }) {
  const rt = useRuntime();
  if (entry.kind === 'answer') return <Answer answer={entry.answer} />;
  if (entry.kind === 'error') {
    return (
      <li className="chat-error" data-testid="copilot-error">
        <p className="error" role="alert">{entry.text}</p>
        {last ? <button className="btn btn-xs" onClick={() => retryCopilot(rt.rest)} data-testid="copilot-retry">Ask again</button> : null}
      </li>
    );
  }
  const about = contextLabel(entry.context);
  return (
    <li className="chat-q" data-testid="copilot-question">
      <p className="chat-text">{entry.text}</p>
      {about ? <span className="muted small">about {about}</span> : null}
    </li>
  );
}

/** The copilot: questions in words about what the operator looks at, answered from the twin's tools. */
export function CopilotPanel() {
  const rt = useRuntime();
  const selected = useTwin((s) => s.selectedAsset);
  const topology = useTwin((s) => s.topology);
  const conversation = useCopilot((s) => s.conversation);
  const alert = useCopilot((s) => s.alert);
  const [draft, setDraft] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const ctx = chatContext(selected, topology, alert);
  const about = contextLabel(ctx);
  const { entries, pending } = conversation;
  // Ready to type, without scrolling the page to the dock.
  useEffect(() => input.current?.focus({ preventScroll: true }), []);
  // The newest turn in view, as in any chat.
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [entries.length, pending]);
  const ask = (text: string) => {
    if (askCopilot(rt.rest, text, ctx)) setDraft('');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask(draft);
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter is a new line; not while an input method is composing a word.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      ask(draft);
    }
  };
  const close = () => {
    uiStore.setState({ copilotOpen: false });
    document.querySelector<HTMLElement>('[data-testid="copilot-toggle"]')?.focus();
  };
  return (
    <section className="panel copilot" aria-labelledby="copilot-title" data-testid="copilot" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <header className="panel-head">
        <h2 id="copilot-title">Copilot</h2>
        <div className="btn-row">
          <button className="btn btn-xs btn-ghost" onClick={clearCopilot} disabled={entries.length === 0 && !pending} data-testid="copilot-clear">New conversation</button>
          <button className="btn btn-xs btn-ghost" onClick={close} aria-label="Close the copilot" data-testid="copilot-close">✕</button>
        </div>
      </header>
      <p className="small muted copilot-context" data-testid="copilot-context">
        {about ? <>About <strong>{about}</strong></> : 'Nothing selected: name a machine or select one in the plant.'}
        {ctx.alert !== undefined ? <button className="btn btn-xs btn-ghost" onClick={() => pinCopilotAlert(null)} aria-label={`Stop asking about alert ${ctx.alert}`} data-testid="copilot-unpin">✕</button> : null}
      </p>
      <ol className="chat-list" ref={list} aria-live="polite" aria-label="Conversation" data-testid="copilot-messages">
        {entries.length === 0 && !pending ? <li className="empty">Ask about a machine's failure risk or remaining life, an alert, a root cause, a what-if or a maintenance plan. Every answer lists the tools it used.</li> : null}
        {entries.map((e, i) => <Entry key={`${conversation.id}-${e.n}`} entry={e} last={i === entries.length - 1} />)}
        {pending ? <li className="chat-thinking" role="status" data-testid="copilot-thinking">Thinking…</li> : null}
      </ol>
      {/* Once talking, the suggestions take one scrolling row: the conversation gets the height. */}
      <div className={`chat-suggestions${entries.length > 0 ? ' chat-suggestions-row' : ''}`} aria-label="Suggested questions" role="group">
        {suggestions(ctx).map((q) => <button key={q} className="chip" disabled={pending} onClick={() => ask(q)} data-testid="copilot-suggestion">{q}</button>)}
      </div>
      <form className="chat-form" onSubmit={submit}>
        <label className="sr-only" htmlFor="copilot-input">Question</label>
        <textarea id="copilot-input" ref={input} rows={2} maxLength={MAX_CONTENT} value={draft} placeholder={pending ? 'Thinking…' : 'Ask the copilot (Enter sends, Shift+Enter: new line)'} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKey} data-testid="copilot-input" />
        <button type="submit" className="btn btn-primary" disabled={pending || draft.trim() === ''} data-testid="copilot-send">{pending ? 'Thinking…' : 'Ask'}</button>
      </form>
    </section>
  );
}

