// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Role } from '../../../protocol/health.ts';
import type { SchedulePlan } from '../../../protocol/maintenance.ts';
import { DEFAULT_SETTINGS } from '../live/settings.ts';
import { createTwinStore } from '../live/twin-store.ts';
import type { TwinRuntime } from '../live/twin-runtime.ts';
import { RuntimeContext } from '../shell/runtime-context.tsx';
import { MaintenancePanel } from './maintenance-panel.tsx';
import { PLAN } from './maintenance-plan.test-helper.ts';

function mount(role: Role, latest: SchedulePlan | null) {
  const applied: SchedulePlan = { ...PLAN, applied: { by: 'eve', atMs: 0, note: null, jobs: PLAN.jobs.map((j) => ({ unit: j.unit, start: j.start, state: 'pending', commandId: null, error: null })) } };
  const post = vi.fn((path: string) => Promise.resolve(path.endsWith('/apply') ? applied : PLAN));
  const runtime = { store: createTwinStore({ me: { actor: role, role, devMode: false } }), settings: createStore(() => DEFAULT_SETTINGS), rest: { get: vi.fn().mockResolvedValue(latest), post, put: vi.fn(), delete: vi.fn() } } as unknown as TwinRuntime;
  render(<RuntimeContext.Provider value={runtime}><MaintenancePanel /></RuntimeContext.Provider>);
  return post;
}

afterEach(cleanup);

describe('the maintenance panel', () => {
  it('plans with the engineer’s crews and horizon, draws the jobs per team and the twin’s comparison, and applies the plan', async () => {
    const post = mount('engineer', null);
    expect(await screen.findByText('No maintenance plan yet.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('maint-teams'), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('maint-days'), { target: { value: '2' } });
    await act(async () => { fireEvent.submit(screen.getByTestId('maint-plan').closest('form')!); });
    expect(post).toHaveBeenCalledWith('/api/optimizer/schedule', { teams_available: 3, horizon_days: 2, risk_threshold: 0.7, rul_threshold: 24 });
    expect(screen.getAllByTestId('gantt-row')).toHaveLength(2);
    expect(screen.getAllByTestId('gantt-bar').map((b) => b.textContent)).toEqual([
      'pump_001: impeller_wear, 6 h from 2026-01-01 00:00 UTC; failure risk over the horizon 96 % → 1 %pump_001',
      'cnc_002: tool_wear, 1 h from 2026-01-02 00:00 UTC; failure risk over the horizon 50 % → 20 %cnc_002',
    ]);
    expect(screen.getByTestId('maint-twin').textContent).toContain('This plan20.3 [0.0, 0.6]83 % [60, 100]');
    await act(async () => { fireEvent.click(screen.getByTestId('maint-apply')); });
    expect(post).toHaveBeenLastCalledWith(`/api/maintenance/schedule/${PLAN.id}/apply`, {});
    expect(screen.queryByTestId('maint-apply')).toBeNull();
    expect(screen.getByTestId('maint-plan-view').textContent).toContain('applied by eve');
  });

  it('shows a viewer the latest plan without letting them plan or apply', async () => {
    mount('viewer', { ...PLAN, twinCheck: null, twinCheckError: 'the twin check failed: workers gone' });
    expect((await screen.findByTestId('maint-twin-missing')).textContent).toBe('Not checked on the twin: the twin check failed: workers gone');
    expect((screen.getByTestId('maint-plan') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('maint-apply')).toBeNull();
  });
});
