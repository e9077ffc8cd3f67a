// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Role } from '../../../protocol/health.ts';
import type { Topology } from '../../../protocol/plant.ts';
import type { OptimizerSettings, Recommendation } from '../../../protocol/recommendation.ts';
import { ApiCallError, type RestClient } from '../api/rest-client.ts';
import { applying, at, decided, rec } from '../live/recommendation-fixture.test-helper.ts';
import { DEFAULT_SETTINGS } from '../live/settings.ts';
import type { TwinState } from '../live/store-types.ts';
import { createTwinStore } from '../live/twin-store.ts';
import type { TwinRuntime } from '../live/twin-runtime.ts';
import { RuntimeContext } from '../shell/runtime-context.tsx';
import { RecommendationsPanel } from './recommendations-panel.tsx';

const topology = { scenario: 'crack-storm', assets: [{ id: 'Line_A', kind: 'line', sensors: [], setpoints: [{ id: 'Line_A.furnace_temp' }] }, { id: 'Line_B', kind: 'line', sensors: [], setpoints: [{ id: 'Line_B.furnace_temp' }] }] } as unknown as Topology;
const settings: OptimizerSettings = { enabled: true, modes: {}, weights: { defectRate: 10, productionRate: 0.1, energy: 0.01, safetyViolation: 100 }, cadenceS: 600, validityS: 900, rollback: { windowS: 1800, worseningPct: 20, minUnits: 50 } };

function mount(role: Role, recommendations: Recommendation[], rest: Partial<RestClient> = {}, over: Partial<TwinState> = {}) {
  const store = createTwinStore({ recommendations, topology, simTime: at(32_470), me: { actor: role === 'operator' ? 'olga' : role, role, devMode: false }, ...over });
  const api = { get: vi.fn(async () => settings), post: vi.fn(), put: vi.fn(async (_p: string, body: unknown) => body), ...rest } as unknown as RestClient;
  const runtime = { store, settings: createStore(() => DEFAULT_SETTINGS), rest: api } as unknown as TwinRuntime;
  render(<RuntimeContext.Provider value={runtime}><RecommendationsPanel /></RuntimeContext.Provider>);
  return { store, api };
}

afterEach(cleanup);

describe('recommendations panel', () => {
  it('shows a proposal with its moves, effects, shadow trust, rationale and the two branches', () => {
    mount('operator', [rec()]);
    const item = screen.getByTestId('rec-item');
    expect(item.getAttribute('data-status')).toBe('proposed');
    expect(within(item).getByText('Line_A.furnace_temp 1,500 → 1,440 °C')).toBeTruthy();
    expect(within(item).getByTestId('rec-effects').querySelectorAll('li')).toHaveLength(3);
    expect(within(item).getByTestId('rec-trust').textContent).toBe('shadow tracking 97 % · 8 verification runs');
    expect(within(item).getByTestId('rec-rationale').textContent).toMatch(/^Changing Line_A.furnace_temp/);
    expect(within(item).getByTestId('rec-curves').querySelectorAll('polyline')).toHaveLength(2);
  });

  it('offers the decisions to operators only, and planning and settings to engineers only', () => {
    mount('viewer', [rec()]);
    expect(screen.queryByTestId('rec-approve')).toBeNull();
    expect(screen.getByTestId('rec-role-hint')).toBeTruthy();
    cleanup();
    mount('operator', [rec()]);
    expect(screen.getByTestId('rec-approve')).toBeTruthy();
    expect(screen.getByTestId('rec-reject')).toBeTruthy();
    expect(screen.queryByTestId('rec-plan')).toBeNull();
    expect(screen.queryByTestId('rec-settings-section')).toBeNull();
    cleanup();
    mount('engineer', [rec()]);
    expect(screen.getByTestId('rec-approve')).toBeTruthy();
    expect(screen.getByTestId('rec-plan')).toBeTruthy();
    expect(screen.getByTestId('rec-settings-section')).toBeTruthy();
  });

  it('approves: the change is applying, with the ramp’s progress, the window’s countdown and a roll-back button', async () => {
    const post = vi.fn(async () => applying());
    mount('operator', [rec()], { post: post as unknown as RestClient['post'] });
    await act(async () => fireEvent.click(screen.getByTestId('rec-approve')));
    expect(post).toHaveBeenCalledWith('/api/rl-agent/apply-recommendation', { id: 'REC-1' });
    const item = screen.getByTestId('rec-item');
    expect(item.getAttribute('data-status')).toBe('applying');
    expect(within(item).getByTestId('rec-progress').textContent).toBe(' Ramping at the policy rate: 0 %, 1 h 11 min to go · rollback window closes in 1 h 41 min');
    expect(within(item).getByTestId('rec-observed').textContent).toBe('Defects observed: 15 per 1,000 over 400 units; expected 11, holding 24');
    expect(within(item).getByTestId('rec-rollback')).toBeTruthy();
  });

  it('rejects only with a reason, and the history says who and why', async () => {
    const post = vi.fn(async () => decided(rec(), 'rejected', 'olga', 'batch change at 10:00'));
    mount('operator', [rec()], { post: post as unknown as RestClient['post'] });
    fireEvent.click(screen.getByTestId('rec-reject'));
    const submit = screen.getByTestId('rec-reject-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('rec-reject-reason'), { target: { value: 'batch change at 10:00' } });
    await act(async () => fireEvent.click(submit));
    expect(post).toHaveBeenCalledWith('/api/rl-agent/reject', { id: 'REC-1', reason: 'batch change at 10:00' });
    expect(screen.queryByTestId('rec-item')).toBeNull();
    const done = screen.getByTestId('rec-history').querySelector('li[data-rec-id="REC-1"]')!;
    expect(done.getAttribute('data-status')).toBe('rejected');
    expect(within(done as HTMLElement).getByTestId('rec-history-line').textContent).toBe('rejected by olga (operator): batch change at 10:00');
  });

  it('keeps a refusal in view when the stale proposal it was about leaves the list', async () => {
    const post = vi.fn(async () => {
      throw new ApiCallError('TWIN_ERR_CONFLICT', 'recommendation REC-1 is stale and was expired: Line_A.furnace_temp moved; run the optimizer again', 409);
    });
    const { store } = mount('operator', [rec()], { post: post as unknown as RestClient['post'] });
    await act(async () => fireEvent.click(screen.getByTestId('rec-approve')));
    act(() => store.setState({ recommendations: [decided(rec(), 'expired', 'optimizer', 'stale: Line_A.furnace_temp moved')] }));
    expect(screen.queryByTestId('rec-item')).toBeNull();
    expect(screen.getByTestId('rec-error').textContent).toBe('Approval refused: recommendation REC-1 is stale and was expired: Line_A.furnace_temp moved; run the optimizer again');
    expect(screen.getByTestId('rec-history').textContent).toContain('expired: stale: Line_A.furnace_temp moved');
  });

  it('lets an engineer plan now for one line, and says what came of it', async () => {
    const post = vi.fn(async () => [rec({ id: 'REC-9', createdAtS: 33_000 })]);
    mount('engineer', [], { post: post as unknown as RestClient['post'] });
    fireEvent.change(screen.getByTestId('rec-plan-asset'), { target: { value: 'Line_A' } });
    await act(async () => fireEvent.click(screen.getByTestId('rec-plan')));
    expect(post).toHaveBeenCalledWith('/api/rl-agent/optimize', { asset: 'Line_A' });
    expect(screen.getByTestId('rec-plan-note').textContent).toBe('1 proposed, 0 dropped by verification.');
    expect(screen.getByTestId('rec-item').getAttribute('data-rec-id')).toBe('REC-9');
  });

  it('lets an engineer set a line’s mode and the proposals’ validity', async () => {
    const put = vi.fn(async (_p: string, body: unknown) => body);
    mount('engineer', [], { put: put as unknown as RestClient['put'] });
    await act(async () => {});
    fireEvent.change(screen.getByTestId('rec-mode-Line_A'), { target: { value: 'semi-auto' } });
    fireEvent.change(screen.getByTestId('rec-validity'), { target: { value: '60' } });
    await act(async () => fireEvent.click(screen.getByTestId('rec-settings-save')));
    expect(put).toHaveBeenCalledWith('/api/rl-agent/settings', { ...settings, modes: { Line_A: 'semi-auto' }, validityS: 3600 });
    expect(screen.getByTestId('rec-settings-note').textContent).toBe('Saved.');
  });
});
