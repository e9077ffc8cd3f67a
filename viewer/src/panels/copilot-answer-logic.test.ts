import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../api/rest-client.ts';
import { engineBadge, errorText, groundingWarning, needsPrompt, resultText, sourceLine, sourcesOf, textRuns, toolCallsLine, toolCallSummary } from './copilot-answer-logic.ts';

describe('how an answer is shown', () => {
  it('sums up a tool call: one argument bare, several named, ✓ or ✗', () => {
    expect(toolCallSummary({ tool: 'predict_rul', args: { asset: 'pump_003' }, ok: true })).toBe('predict_rul(pump_003) ✓');
    expect(toolCallSummary({ tool: 'optimize_schedule', args: { teams_available: 2, horizon_days: 7 }, ok: false })).toBe('optimize_schedule(teams_available=2, horizon_days=7) ✗');
    expect(toolCallSummary({ tool: 'search_manuals', args: { query: 'How do I replace the bearings on a pump quickly and safely?' }, ok: true })).toBe('search_manuals(How do I replace the bearings on a pump…) ✓');
    expect(toolCallSummary({ tool: 'help', args: {}, ok: true })).toBe('help() ✓');
    expect(toolCallsLine({ toolCalls: [{ tool: 'explain_alert', args: { alert_id: 'ALT-1' }, ok: true, result: {}, error: null }, { tool: 'root_cause', args: { asset: 'pump_003' }, ok: false, result: null, error: 'no graph' }] })).toBe('explain_alert(ALT-1) ✓ · root_cause(pump_003) ✗');
  });

  it('cuts a long result', () => {
    expect(resultText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(resultText('x'.repeat(50), 10)).toBe(`"${'x'.repeat(9)}\n…`);
    expect(resultText(undefined)).toBe('null');
  });

  it('lists each source once, with where it comes from', () => {
    const s = { id: 'pump#bearings', title: 'Pump — bearings', source: 'copilot/manuals/pump.md' };
    expect(sourcesOf({ sources: [s, s, { ...s, id: 'INC-1', title: 'INC-1', source: 'INC-1' }] }).map(sourceLine)).toEqual(['Pump — bearings — copilot/manuals/pump.md', 'INC-1']);
  });

  it('sets the ids the planner quotes apart from the words', () => {
    expect(textRuns('shows `vibration_rms_mm_s` above 1.8 mm/s')).toEqual([{ code: false, text: 'shows ' }, { code: true, text: 'vibration_rms_mm_s' }, { code: false, text: ' above 1.8 mm/s' }]);
    expect(textRuns('`a` and `b`').map((r) => r.code)).toEqual([true, false, true]);
    expect(textRuns("it's a `lone backtick")).toEqual([{ code: false, text: "it's a `lone backtick" }]);
  });

  it('names who wrote it', () => {
    expect(engineBadge('planner').label).toBe('Planner');
    expect(engineBadge('llm').label).toBe('LLM');
  });

  it('warns when a number could not be checked against a tool', () => {
    expect(groundingWarning({ grounded: true, ungrounded: [] })).toBeNull();
    expect(groundingWarning({ grounded: false, ungrounded: ['41.5', '3'] })).toBe("Check before acting: not every number in this answer comes from a tool's result: 41.5, 3.");
  });

  it('says what a question back waits for', () => {
    expect(needsPrompt({ needs: [] })).toBeNull();
    expect(needsPrompt({ needs: ['asset'] })).toBe('Reply with the machine.');
    expect(needsPrompt({ needs: ['teams', 'horizonDays'] })).toBe('Reply with the number of teams and the days to plan.');
    expect(needsPrompt({ needs: ['teams', 'horizonDays', 'flux'] })).toBe('Reply with the number of teams, the days to plan and flux.');
  });

  it("shows the server's error text, with what a status means", () => {
    expect(errorText(new ApiCallError('HTTP_502', 'POST /api/copilot/chat: HTTP 502', 502))).toBe('POST /api/copilot/chat: HTTP 502');
    expect(errorText(new ApiCallError('TWIN_ERR_UNAUTHORIZED', 'an API key is needed', 401))).toBe('an API key is needed — enter an API key to ask the copilot');
    expect(errorText(new ApiCallError('TWIN_ERR_NOT_FOUND', 'no route POST /api/copilot/chat', 404))).toBe('no route POST /api/copilot/chat — this server has no copilot');
    expect(errorText(new Error('boom'))).toBe('boom');
  });
});
