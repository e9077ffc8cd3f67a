import { describe, expect, it } from 'vitest';
import type { ChatAnswer } from '../../../protocol/copilot.ts';
import type { Topology } from '../../../protocol/plant.ts';
import { canAsk, chatContext, contextLabel, emptyConversation, MAX_CONTENT, MAX_MESSAGES, suggestions, takeFailed, withAnswer, withError, withQuestion } from './copilot-logic.ts';

const answer = (text: string): ChatAnswer => ({ text, intent: 'predict_rul', engine: 'planner', toolCalls: [], sources: [], grounded: true, ungrounded: [], needs: [], note: null });
const topology = { scenario: 's', start: '2026-01-01T00:00:00Z', stepS: 1, assets: [{ id: 'Line_A', kind: 'line', sensors: [], setpoints: [] }, { id: 'pump_003', kind: 'machine', sensors: [], setpoints: [] }] } as unknown as Topology;

describe('the copilot conversation', () => {
  it('shows a question at once, sends it as the user turn and thinks until the answer comes', () => {
    const asked = withQuestion(emptyConversation(), '  What is the RUL of pump_003? ', { asset: 'pump_003' });
    expect(asked.pending).toBe(true);
    expect(asked.entries).toEqual([{ kind: 'question', n: 1, text: 'What is the RUL of pump_003?', context: { asset: 'pump_003' } }]);
    expect(asked.messages).toEqual([{ role: 'user', content: 'What is the RUL of pump_003?' }]);
    const answered = withAnswer(asked, answer('About 40 h.'));
    expect(answered.pending).toBe(false);
    expect(answered.entries.map((e) => e.kind)).toEqual(['question', 'answer']);
    expect(answered.messages).toEqual([{ role: 'user', content: 'What is the RUL of pump_003?' }, { role: 'assistant', content: 'About 40 h.' }]);
  });

  it('sends only the last 50 messages, each cut to what the server takes', () => {
    let c = emptyConversation();
    for (let i = 0; i < 30; i++) c = withAnswer(withQuestion(c, `question ${i}`, {}), answer(`answer ${i}`));
    c = withQuestion(c, 'x'.repeat(MAX_CONTENT + 10), {});
    expect(c.messages).toHaveLength(MAX_MESSAGES);
    expect(c.messages[0]).toEqual({ role: 'assistant', content: 'answer 5' });
    expect(c.messages.at(-1)!.content).toHaveLength(MAX_CONTENT);
    expect(c.entries).toHaveLength(61); // the list on screen keeps everything
  });

  it('leaves an empty answer out of the messages (the server refuses empty turns)', () => {
    const c = withAnswer(withQuestion(emptyConversation(), 'hi', {}), answer('  '));
    expect(c.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('on an error shows it and takes the unanswered question out of the messages; asking again replaces both', () => {
    const first = withAnswer(withQuestion(emptyConversation(), 'one', {}), answer('1'));
    const failed = withError(withQuestion(first, 'two', { line: 'Line_A' }), 'HTTP 502');
    expect(failed.pending).toBe(false);
    expect(failed.entries.map((e) => e.kind)).toEqual(['question', 'answer', 'question', 'error']);
    expect(failed.messages).toEqual(first.messages);
    const again = takeFailed(failed)!;
    expect(again.text).toBe('two');
    expect(again.context).toEqual({ line: 'Line_A' });
    expect(again.conversation.entries).toEqual(first.entries);
    expect(takeFailed(first)).toBeNull();
  });

  it('asks nothing empty, and nothing while an answer is awaited', () => {
    expect(canAsk(emptyConversation(), '   ')).toBe(false);
    expect(canAsk(emptyConversation(), 'why?')).toBe(true);
    expect(canAsk(withQuestion(emptyConversation(), 'one', {}), 'two')).toBe(false);
  });
});

describe('what the copilot is asked about', () => {
  it('is the selected machine, or the selected line', () => {
    expect(chatContext('pump_003', topology, null)).toEqual({ asset: 'pump_003' });
    expect(chatContext('Line_A', topology, null)).toEqual({ line: 'Line_A' });
    expect(chatContext(null, topology, null)).toEqual({});
  });

  it('carries a pinned alert while its asset is the one looked at (or nothing is), not after another is selected', () => {
    const alert = { id: 'ALT-1', asset: 'pump_003' };
    expect(chatContext('pump_003', topology, alert)).toEqual({ asset: 'pump_003', alert: 'ALT-1' });
    expect(chatContext(null, topology, alert)).toEqual({ asset: 'pump_003', alert: 'ALT-1' });
    expect(chatContext('Line_A', topology, alert)).toEqual({ line: 'Line_A' });
    expect(chatContext('Line_A', topology, { id: 'ALT-2', asset: 'Line_A' })).toEqual({ line: 'Line_A', alert: 'ALT-2' });
  });

  it('reads an asset the topology does not know yet as a machine', () => {
    expect(chatContext('pump_003', null, null)).toEqual({ asset: 'pump_003' });
  });

  it('is labelled for the panel', () => {
    expect(contextLabel({ asset: 'pump_003', alert: 'ALT-1' })).toBe('pump_003 · alert ALT-1');
    expect(contextLabel({ line: 'Line_A' })).toBe('Line_A');
    expect(contextLabel({})).toBe('');
  });

  it('suggests questions about it', () => {
    expect(suggestions({ asset: 'pump_003' })).toEqual(["What's the RUL of pump_003?", "Why is pump_003's risk high?", "Plan next week's maintenance with 2 teams"]);
    expect(suggestions({ asset: 'pump_003', alert: 'ALT-1' })[0]).toBe('Explain alert ALT-1');
    expect(suggestions({})).toEqual(["Plan next week's maintenance with 2 teams", 'What can you do?']);
    expect(suggestions({ line: 'Line_A' })).toEqual(["Plan next week's maintenance with 2 teams", 'What can you do?']);
  });
});
