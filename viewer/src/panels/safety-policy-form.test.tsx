// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Role } from '../../../protocol/health.ts';
import type { SafetyPolicyDoc } from '../../../protocol/recommendation.ts';
import { ApiCallError } from '../api/rest-client.ts';
import { DEFAULT_SETTINGS } from '../live/settings.ts';
import { createTwinStore } from '../live/twin-store.ts';
import type { TwinRuntime } from '../live/twin-runtime.ts';
import { RuntimeContext } from '../shell/runtime-context.tsx';
import { SafetyPolicyForm } from './safety-policy-form.tsx';

const POLICY: SafetyPolicyDoc = { version: 2, setpoints: { furnace_temp: { unit: '°C', min: 1200, max: 1700, maxRate: { value: 50, per: 'h' }, approvalAbove: 100 } } };
const SETPOINTS = [{ id: 'Line_A.furnace_temp', name: 'furnace_temp', asset: 'Line_A', unit: '°C', min: 1350, max: 1650, lagS: 600, rateLimitPerS: 0.5, target: 1500, actual: 1500 }];

function mount(role: Role, put = vi.fn()) {
  let change = { version: 2, changedBy: 'ada', changedAt: '2026-12-03T09:00:00.000Z' };
  const get = vi.fn(async (path: string) => (path.endsWith('/changed') ? change : path.endsWith('/safety-policy') ? POLICY : SETPOINTS));
  const wrappedPut = vi.fn(async (path: string, body: SafetyPolicyDoc) => {
    const saved = await put(path, body);
    change = { version: saved.version, changedBy: 'root', changedAt: '2026-12-03T16:41:00.000Z' };
    return saved;
  });
  const store = createTwinStore({ me: { actor: role, role, devMode: false } });
  const runtime = { store, settings: createStore(() => DEFAULT_SETTINGS), rest: { get, put: wrappedPut, post: vi.fn(), delete: vi.fn() } } as unknown as TwinRuntime;
  render(<RuntimeContext.Provider value={runtime}><SafetyPolicyForm /></RuntimeContext.Provider>);
  return wrappedPut;
}

afterEach(cleanup);

describe('the safety policy in settings', () => {
  it('shows everyone the rules, the version and its author, the actuator range and the envelope in force, read only', async () => {
    mount('operator');
    expect((await screen.findByTestId('policy-version')).textContent).toBe('v2, changed by ada at 2026-12-03 09:00 UTC · read only (admins change the policy)');
    expect(screen.getByTestId('policy-max-furnace_temp').tagName).toBe('SPAN');
    expect(screen.getByTestId('policy-effective-furnace_temp').textContent).toBe('Line_A: 1350–1650 → 1350–1650, ≤ 50/h');
    expect(screen.queryByTestId('policy-review')).toBeNull();
  });

  it('lets an admin review the change, save it and see the new version', async () => {
    const put = mount('admin', vi.fn(async (_p: string, body: SafetyPolicyDoc) => ({ ...body, version: 3 })));
    fireEvent.change(await screen.findByTestId('policy-max-furnace_temp'), { target: { value: '1600' } });
    expect(screen.getByTestId('policy-effective-furnace_temp').textContent).toBe('Line_A: 1350–1650 → 1350–1600, ≤ 50/h');
    fireEvent.submit(screen.getByTestId('safety-policy'));
    expect(screen.getByTestId('policy-diff').textContent).toContain('furnace_temp max 1700 → 1600');
    expect(put).not.toHaveBeenCalled();
    await act(async () => { fireEvent.click(screen.getByTestId('policy-confirm')); });
    expect(put).toHaveBeenCalledWith('/api/rl-agent/safety-policy', { version: 2, setpoints: { furnace_temp: { ...POLICY.setpoints.furnace_temp, max: 1600 } } });
    expect(screen.getByTestId('policy-note').textContent).toBe('Saved: version 3 is in force.');
    expect(screen.getByTestId('policy-version').textContent).toBe('v3, changed by root at 2026-12-03 16:41 UTC');
  });

  it('names a bad field before sending, and shows the server’s refusal', async () => {
    mount('admin', vi.fn().mockRejectedValue(new ApiCallError('TWIN_ERR_BAD_REQUEST', 'setpoints.furnace_temp: 1200..1300 °C does not overlap Line_B.furnace_temp', 400)));
    fireEvent.change(await screen.findByTestId('policy-min-furnace_temp'), { target: { value: '1800' } });
    fireEvent.submit(screen.getByTestId('safety-policy'));
    expect(screen.getByTestId('policy-problems').textContent).toBe('furnace_temp: min must not be above max (1800 > 1700)');
    fireEvent.change(screen.getByTestId('policy-min-furnace_temp'), { target: { value: '1400' } });
    fireEvent.submit(screen.getByTestId('safety-policy'));
    await act(async () => { fireEvent.click(screen.getByTestId('policy-confirm')); });
    expect(screen.getByTestId('policy-note').textContent).toBe('Saving the policy failed: setpoints.furnace_temp: 1200..1300 °C does not overlap Line_B.furnace_temp');
  });
});
