// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Role } from '../../../protocol/health.ts';
import type { SessionOptimizerView } from '../../../protocol/recommendation.ts';
import type { SessionView } from '../../../protocol/sessions.ts';
import { DEFAULT_SETTINGS } from '../live/settings.ts';
import { createTwinStore } from '../live/twin-store.ts';
import type { TwinRuntime } from '../live/twin-runtime.ts';
import { RuntimeContext } from '../shell/runtime-context.tsx';
import { SessionOptimizer } from './session-optimizer.tsx';

const SESSION = { id: 'S2', source: { kind: 'recording', recordingId: 1 }, scenario: 'glass-plant', t: '2024-03-14T10:35:00.000Z', tS: 0, startS: 0, endS: 3600, running: false, finished: false, speed: 1, recording: false, timelineMarks: 0 } as SessionView;
const OFF: SessionOptimizerView = { session: 'S2', enabled: false, cadenceS: 600, proposals: [] };
const ON: SessionOptimizerView = { ...OFF, enabled: true, proposals: [{ session: 'S2', atS: 600, at: '2024-03-14T10:40:00.000Z', recommendation: null, note: 'no proposal: no change the optimizer found for any line or machine' }] };

function mount(role: Role) {
  const put = vi.fn().mockResolvedValue(ON);
  const runtime = { store: createTwinStore({ me: { actor: role, role, devMode: false } }), settings: createStore(() => DEFAULT_SETTINGS), rest: { get: vi.fn().mockResolvedValue(OFF), put, post: vi.fn(), delete: vi.fn() } } as unknown as TwinRuntime;
  render(<RuntimeContext.Provider value={runtime}><SessionOptimizer session={SESSION} /></RuntimeContext.Provider>);
  return put;
}

afterEach(cleanup);

describe('the optimizer toggle of a replay session', () => {
  it('switches the optimizer on for a trainer and lists its rounds', async () => {
    const put = mount('trainer');
    const toggle = (await screen.findByTestId('session-optimizer-toggle')) as HTMLInputElement;
    expect(toggle.disabled).toBe(false);
    await act(async () => { fireEvent.click(toggle); });
    expect(put).toHaveBeenCalledWith('/api/sessions/S2/optimizer', { enabled: true });
    expect(screen.getByTestId('session-optimizer-list').textContent).toBe('10:40 no proposal: no change the optimizer found for any line or machine');
  });

  it('shows a viewer the toggle without letting them switch it', async () => {
    mount('viewer');
    expect(((await screen.findByTestId('session-optimizer-toggle')) as HTMLInputElement).disabled).toBe(true);
  });
});
