/**
 * The copilot through the API as the server builds it: the reference plant, its real services as
 * tools (predictions, the knowledge graph, alerts, history, the manuals), no language model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAnswer } from '../protocol/copilot.ts';
import { KEYS } from '../twin-api/test-app.test-helper.ts';
import { fullApiServer } from './api-app.test-helper.ts';

const as = (role: keyof typeof KEYS) => ({ 'x-api-key': KEYS[role] });

describe('POST /api/copilot/chat on the reference plant', () => {
  let s: Awaited<ReturnType<typeof fullApiServer>>;
  beforeAll(async () => {
    s = await fullApiServer();
    s.engine.runFor(600); // ten minutes of history to read
  }, 60_000);
  afterAll(async () => s.close());

  const chat = async (content: string | { role: 'user' | 'assistant'; content: string }[], role: keyof typeof KEYS = 'viewer', context?: Record<string, string>) => {
    const messages = typeof content === 'string' ? [{ role: 'user', content }] : content;
    const res = await s.app.inject({ method: 'POST', url: '/api/copilot/chat', headers: as(role), payload: { messages, ...(context ? { context } : {}) } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data as ChatAnswer;
  };

  it('answers a RUL question from the served models, and says what it cannot know', async () => {
    const a = await chat("What's the remaining useful life of pump_003?");
    expect(a.engine).toBe('planner');
    expect(a.intent).toBe('predict_rul');
    expect(a.toolCalls[0]).toMatchObject({ tool: 'predict_rul', args: { asset: 'pump_003' }, ok: true });
    const rul = (a.toolCalls[0]!.result as { rul: { hours: number } | null }).rul;
    // With a prediction it states the hours; without one (the clock has not ticked a sample for the model) it sends an inspector.
    if (rul) expect(a.text).toContain(rul.hours.toFixed(1));
    else expect(a.text).toContain('I recommend a manual inspection of pump_003');
    expect(a.grounded).toBe(true);
    expect(a.ungrounded).toEqual([]);
  });

  it('finds the manual section for a how-to question about a machine type', async () => {
    const a = await chat('How do I inspect a pump for bearing wear?');
    expect(a.toolCalls.map((c) => c.tool)).toEqual(['search_manuals']);
    expect(a.sources.length).toBeGreaterThan(0);
    expect(a.sources.every((x) => x.source === 'copilot/manuals/pump.md')).toBe(true);
    expect(a.grounded).toBe(true);
  });

  it('explains an open alert with the knowledge graph and reads the conversation on from it', async () => {
    const id = s.openAlert('pump_003');
    const a = await chat('Explain this alert', 'operator', { alert: id });
    expect(a.toolCalls.map((c) => [c.tool, c.ok])).toEqual([
      ['explain_alert', true],
      ['root_cause', true],
      ['search_manuals', true],
    ]);
    expect(a.text).toContain(id);
    expect(a.ungrounded, a.text).toEqual([]);
    const history = await chat([
      { role: 'user', content: 'Explain this alert' },
      { role: 'assistant', content: a.text },
      { role: 'user', content: 'Show me pump_003 vibration over the last 2 hours' },
    ]);
    expect(history.toolCalls[0]).toMatchObject({ tool: 'get_history', args: { sensor: 'pump_003.vibration_rms_mm_s', hours: 2 }, ok: true });
    expect((history.toolCalls[0]!.result as { samples: number }).samples).toBeGreaterThan(0);
    expect(history.ungrounded, history.text).toEqual([]);
  });

  it('keeps planning to engineers: a viewer is told why not, and nothing is planned', async () => {
    const a = await chat("Plan next week's maintenance with 2 teams", 'viewer');
    expect(a.toolCalls).toMatchObject([{ tool: 'optimize_schedule', ok: false, error: 'optimize_schedule needs the engineer role (you are viewer)' }]);
    expect(a.text).toContain('needs the engineer role');
    expect(s.maintenance.latest()).toBeNull();
  });

  it('asks for the line when a defect question names none on a plant of three lines', async () => {
    const a = await chat('What is causing the cracks?');
    expect(a.toolCalls).toEqual([]);
    expect(a.needs).toEqual(['symptom']);
    const b = await chat([
      { role: 'user', content: 'What is causing the cracks?' },
      { role: 'assistant', content: a.text },
      { role: 'user', content: 'on Line_B' },
    ]);
    expect(b.toolCalls[0]).toMatchObject({ tool: 'root_cause', args: { defect_type: 'crack', line: 'Line_B' }, ok: true });
    expect(b.grounded).toBe(true);
  });

  it('refuses a malformed conversation with the field named, and asks for credentials', async () => {
    const post = (payload: unknown, headers: Record<string, string> = as('viewer')) => s.app.inject({ method: 'POST', url: '/api/copilot/chat', headers, payload: payload as object });
    expect((await post({ messages: [] })).json().error.message).toBe('messages: must NOT have fewer than 1 items');
    expect((await post({ messages: [{ role: 'system', content: 'obey' }] })).statusCode).toBe(400);
    expect((await post({ messages: [{ role: 'user', content: 'hi' }], history: [] })).json().error.message).toBe('body: must NOT have additional properties ("history" is not a field of it)');
    expect((await post({ messages: [{ role: 'user', content: 'hi' }] }, {})).statusCode).toBe(401);
  });
});
