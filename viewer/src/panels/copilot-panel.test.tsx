// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { AlertView } from '../../../protocol/alerts.ts';
import type { ChatAnswer } from '../../../protocol/copilot.ts';
import type { Topology } from '../../../protocol/plant.ts';
import { ApiCallError } from '../api/rest-client.ts';
import { DEFAULT_SETTINGS } from '../live/settings.ts';
import type { TwinState } from '../live/store-types.ts';
import { createTwinStore } from '../live/twin-store.ts';
import type { TwinRuntime } from '../live/twin-runtime.ts';
import { RuntimeContext } from '../shell/runtime-context.tsx';
import { uiStore } from '../shell/ui-store.ts';
import { AlertsPanel } from './alerts-panel.tsx';
import { AssetView } from './asset-view.tsx';
import { CopilotPanel } from './copilot-panel.tsx';
import { clearCopilot } from './copilot-store.ts';

const topology = { scenario: 'reference', start: '2026-01-01T00:00:00Z', stepS: 1, assets: [{ id: 'Line_A', kind: 'line', sensors: [], setpoints: [] }, { id: 'pump_003', kind: 'machine', sensors: [], setpoints: [] }] } as unknown as Topology;
const RUL: ChatAnswer = {
  text: 'pump_003 has about 41.5 h of remaining useful life.',
  intent: 'predict_rul',
  engine: 'planner',
  toolCalls: [{ tool: 'predict_rul', args: { asset: 'pump_003' }, ok: true, result: { rul: { hours: 41.5 } }, error: null }],
  sources: [{ id: 'pump#bearings', title: 'Pump — bearings', source: 'copilot/manuals/pump.md' }],
  grounded: true,
  ungrounded: [],
  needs: [],
  note: null,
};
const alert = { id: 'ALT-1', rule: 'threshold', severity: 'CRITICAL', state: 'active', asset: 'pump_003', sensor: 'pump_003.vib', openedAt: '2024-03-14T00:00:00.000Z', value: 7.1, threshold: 7, unit: 'mm/s', message: 'pump_003 vibration above critical limit', recommendedAction: 'inspect the bearing', reopenCount: 0, contributors: [], acknowledgedBy: null, acknowledgedAt: null, dismissedAt: null } as unknown as AlertView;

/** A promise the test settles when it wants the copilot to answer. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

function mount(ui: React.ReactNode, post: (path: string, body?: unknown) => Promise<unknown>, state: Partial<TwinState> = {}) {
  const runtime = { store: createTwinStore({ topology, selectedAsset: 'pump_003', ...state }), settings: createStore(() => DEFAULT_SETTINGS), rest: { get: vi.fn(() => new Promise(() => {})), post: vi.fn(post), put: vi.fn(), delete: vi.fn() } } as unknown as TwinRuntime;
  render(<RuntimeContext.Provider value={runtime}>{ui}</RuntimeContext.Provider>);
  return { runtime, post: runtime.rest.post as ReturnType<typeof vi.fn> };
}

const ask = (text: string) => {
  fireEvent.change(screen.getByTestId('copilot-input'), { target: { value: text } });
  fireEvent.keyDown(screen.getByTestId('copilot-input'), { key: 'Enter' });
};

beforeEach(() => {
  clearCopilot();
  uiStore.setState({ copilotOpen: false });
});
afterEach(cleanup);

describe('the copilot panel', () => {
  it('sends the question on Enter with what the operator looks at, thinks, then answers with who wrote it and how', async () => {
    const reply = deferred<ChatAnswer>();
    const { post } = mount(<CopilotPanel />, () => reply.promise);
    expect(screen.getByTestId('copilot-context').textContent).toBe('About pump_003');
    ask("What's the RUL of pump_003?");
    expect(post).toHaveBeenCalledWith('/api/copilot/chat', { messages: [{ role: 'user', content: "What's the RUL of pump_003?" }], context: { asset: 'pump_003' } });
    expect(screen.getByTestId('copilot-question').textContent).toBe("What's the RUL of pump_003?about pump_003");
    expect(screen.getByTestId('copilot-thinking').textContent).toBe('Thinking…');
    expect((screen.getByTestId('copilot-send') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('copilot-input') as HTMLTextAreaElement).value).toBe('');
    await act(async () => reply.resolve(RUL));
    expect(screen.queryByTestId('copilot-thinking')).toBeNull();
    expect(screen.getByTestId('copilot-answer').textContent).toContain('pump_003 has about 41.5 h of remaining useful life.');
    expect(screen.getByTestId('copilot-engine').textContent).toBe('Planner');
    expect(screen.queryByTestId('copilot-ungrounded')).toBeNull();
    const how = screen.getByTestId('copilot-how') as HTMLDetailsElement;
    expect(how.open).toBe(false);
    expect(how.querySelector('summary')!.textContent).toBe('How I answered predict_rul(pump_003) ✓');
    fireEvent.click(how.querySelector('summary')!);
    expect(how.open).toBe(true);
    expect(screen.getByTestId('copilot-tools').textContent).toContain('"hours": 41.5');
    expect(screen.getByTestId('copilot-sources').textContent).toBe('Pump — bearings — copilot/manuals/pump.md');
  });

  it('sends the conversation so far with a follow-up, and a new line on Shift+Enter', async () => {
    const { post } = mount(<CopilotPanel />, async () => RUL, { selectedAsset: null });
    expect(screen.getByTestId('copilot-context').textContent).toBe('Nothing selected: name a machine or select one in the plant.');
    await act(async () => ask('RUL of pump_003?'));
    fireEvent.change(screen.getByTestId('copilot-input'), { target: { value: 'and its risk?' } });
    fireEvent.keyDown(screen.getByTestId('copilot-input'), { key: 'Enter', shiftKey: true });
    expect(post).toHaveBeenCalledTimes(1);
    await act(async () => fireEvent.click(screen.getByTestId('copilot-send')));
    expect(post).toHaveBeenLastCalledWith('/api/copilot/chat', { messages: [{ role: 'user', content: 'RUL of pump_003?' }, { role: 'assistant', content: RUL.text }, { role: 'user', content: 'and its risk?' }] });
  });

  it("shows the server's error text and asks the same question again", async () => {
    let calls = 0;
    const { post } = mount(<CopilotPanel />, async () => {
      if (calls++ === 0) throw new ApiCallError('HTTP_502', 'POST /api/copilot/chat: HTTP 502', 502);
      return RUL;
    });
    await act(async () => ask('RUL?'));
    expect(screen.getByRole('alert').textContent).toBe('POST /api/copilot/chat: HTTP 502');
    await act(async () => fireEvent.click(screen.getByTestId('copilot-retry')));
    expect(post).toHaveBeenLastCalledWith('/api/copilot/chat', { messages: [{ role: 'user', content: 'RUL?' }], context: { asset: 'pump_003' } });
    expect(screen.queryByTestId('copilot-error')).toBeNull();
    expect(screen.getAllByTestId('copilot-question')).toHaveLength(1);
    expect(screen.getAllByTestId('copilot-answer')).toHaveLength(1);
  });

  it('warns of numbers no tool gave, shows why the language model was not used, and what a question back waits for', async () => {
    mount(<CopilotPanel />, async () => ({ ...RUL, engine: 'llm', grounded: false, ungrounded: ['12'], note: 'the language model timed out; the planner answered' }));
    await act(async () => ask('RUL?'));
    expect(screen.getByTestId('copilot-engine').textContent).toBe('LLM');
    expect(screen.getByTestId('copilot-ungrounded').textContent).toBe("Check before acting: not every number in this answer comes from a tool's result: 12.");
    expect(screen.getByTestId('copilot-note').textContent).toBe('the language model timed out; the planner answered');
    cleanup();
    clearCopilot();
    mount(<CopilotPanel />, async () => ({ ...RUL, text: 'How many maintenance teams are available?', intent: 'plan_maintenance', toolCalls: [], sources: [], needs: ['teams'] }));
    await act(async () => ask('Plan the maintenance'));
    expect(screen.getByTestId('copilot-needs').textContent).toBe('Reply with the number of teams.');
    expect(screen.getByTestId('copilot-answer').textContent).toContain('Read as plan_maintenance; no tool called.');
  });

  it('offers questions about the selected machine and asks one on a click', async () => {
    const { post } = mount(<CopilotPanel />, async () => RUL);
    expect(screen.getAllByTestId('copilot-suggestion').map((b) => b.textContent)).toEqual(["What's the RUL of pump_003?", "Why is pump_003's risk high?", "Plan next week's maintenance with 2 teams"]);
    await act(async () => fireEvent.click(screen.getByText("Why is pump_003's risk high?")));
    expect(post).toHaveBeenCalledWith('/api/copilot/chat', { messages: [{ role: 'user', content: "Why is pump_003's risk high?" }], context: { asset: 'pump_003' } });
  });

  it('drops an answer that arrives after the conversation was started over', async () => {
    const reply = deferred<ChatAnswer>();
    mount(<CopilotPanel />, () => reply.promise);
    ask('RUL?');
    fireEvent.click(screen.getByTestId('copilot-clear'));
    await act(async () => reply.resolve(RUL));
    expect(screen.queryByTestId('copilot-answer')).toBeNull();
    expect(screen.queryByTestId('copilot-question')).toBeNull();
  });
});

describe('AI diagnosis', () => {
  it("on an alert opens the copilot, selects the alert's machine and asks to explain it with the alert as context", async () => {
    const { runtime, post } = mount(<><AlertsPanel /><CopilotPanel /></>, async () => RUL, { selectedAsset: null, alerts: { 'ALT-1': alert } });
    await act(async () => fireEvent.click(screen.getByTestId('alert-ai-diagnosis')));
    expect(uiStore.getState().copilotOpen).toBe(true);
    expect(runtime.store.getState().selectedAsset).toBe('pump_003');
    expect(post).toHaveBeenCalledWith('/api/copilot/chat', { messages: [{ role: 'user', content: 'Explain alert ALT-1' }], context: { asset: 'pump_003', alert: 'ALT-1' } });
    expect(screen.getByTestId('copilot-context').textContent).toBe('About pump_003 · alert ALT-1✕'); // ✕: unpin the alert
    // The alert stays the context of follow-ups until it is unpinned or another asset is selected.
    fireEvent.click(screen.getByTestId('copilot-unpin'));
    expect(screen.getByTestId('copilot-context').textContent).toBe('About pump_003');
  });

  it("in the inspector asks why the machine's risk is high", async () => {
    const reply = deferred<ChatAnswer>();
    const { post } = mount(<AssetView />, () => reply.promise);
    fireEvent.click(screen.getByTestId('asset-ai-diagnosis'));
    expect(uiStore.getState().copilotOpen).toBe(true);
    expect(post).toHaveBeenCalledWith('/api/copilot/chat', { messages: [{ role: 'user', content: "Why is pump_003's risk high?" }], context: { asset: 'pump_003' } });
    // One question at a time: the button waits for the answer.
    expect((screen.getByTestId('asset-ai-diagnosis') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => reply.resolve(RUL));
    expect((screen.getByTestId('asset-ai-diagnosis') as HTMLButtonElement).disabled).toBe(false);
  });

  it('is not offered for a line in the inspector', () => {
    mount(<AssetView />, async () => RUL, { selectedAsset: 'Line_A' });
    expect(screen.queryByTestId('asset-ai-diagnosis')).toBeNull();
  });
});
