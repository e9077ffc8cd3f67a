// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { RestClient } from '../api/rest-client.ts';
import type { AlertView } from '../../../protocol/alerts.ts';
import { DEFAULT_SETTINGS } from '../live/settings.ts';
import { createTwinStore } from '../live/twin-store.ts';
import type { TwinRuntime } from '../live/twin-runtime.ts';
import { RuntimeContext } from '../shell/runtime-context.tsx';
import { AlertsPanel } from './alerts-panel.tsx';
import { KpiCards } from './kpi-cards.tsx';

const alert = (p: Partial<AlertView> = {}): AlertView =>
  ({ id: 'ALT-1', rule: 'threshold', severity: 'CRITICAL', state: 'active', asset: 'pump_003', sensor: 'pump_003.vib', openedAt: '2024-03-14T00:00:00.000Z', value: 7.1, threshold: 7, unit: 'mm/s', message: 'pump_003 vibration above critical limit', recommendedAction: 'reduce load and inspect the bearing', reopenCount: 0, contributors: [], acknowledgedBy: null, acknowledgedAt: null, dismissedAt: null, ...p }) as AlertView;

function mount(ui: React.ReactNode, post: RestClient['post']) {
  const store = createTwinStore({ alerts: { 'ALT-1': alert() }, simTime: '2024-03-14T00:12:00.000Z' });
  const runtime = { store, settings: createStore(() => DEFAULT_SETTINGS), rest: { get: vi.fn(() => new Promise(() => {})), post, put: vi.fn() } } as unknown as TwinRuntime;
  render(<RuntimeContext.Provider value={runtime}>{ui}</RuntimeContext.Provider>);
  return store;
}

afterEach(cleanup);

describe('alerts panel', () => {
  it('shows severity, affected equipment, relative simulated time and the recommended action', () => {
    mount(<AlertsPanel />, vi.fn());
    expect(screen.getByText('CRITICAL')).toBeTruthy();
    expect(screen.getByText('pump_003')).toBeTruthy();
    expect(screen.getByText('12 min ago')).toBeTruthy();
    expect(screen.getByText('reduce load and inspect the bearing')).toBeTruthy();
  });

  it('acknowledging posts to the API and moves the alert off the active list', async () => {
    const post = vi.fn(async () => alert({ state: 'acknowledged', acknowledgedBy: 'op', acknowledgedAt: '2024-03-14T00:13:00.000Z' })) as unknown as RestClient['post'];
    mount(<AlertsPanel />, post);
    await act(async () => fireEvent.click(screen.getByTestId('alert-ack')));
    expect(post).toHaveBeenCalledWith('/api/alerts/ALT-1/acknowledge', undefined);
    expect(screen.queryByTestId('alert-item')).toBeNull();
    fireEvent.click(screen.getByTestId('alerts-tab-acknowledged'));
    expect(screen.getByTestId('alert-item').getAttribute('data-alert-id')).toBe('ALT-1');
  });

  it('keeps an alert whose root-cause card is open on the list when it clears, until the card closes', async () => {
    const store = mount(<AlertsPanel />, vi.fn());
    await act(async () => fireEvent.click(screen.getByTestId('alert-root-cause')));
    await act(async () => store.setState((s) => ({ alerts: { ...s.alerts, 'ALT-1': alert({ state: 'cleared' }) } })));
    expect(screen.getByTestId('alert-item').getAttribute('data-alert-id')).toBe('ALT-1');
    expect(screen.getByTestId('alert-moved-on').textContent).toBe('Now cleared: kept here while its card is open.');
    await act(async () => fireEvent.click(screen.getByTestId('alert-root-cause')));
    expect(screen.queryByTestId('alert-item')).toBeNull();
  });

  it('dismisses only with a justification long enough, and sends it', async () => {
    const post = vi.fn(async () => alert({ state: 'dismissed' })) as unknown as RestClient['post'];
    mount(<AlertsPanel />, post);
    fireEvent.click(screen.getByText('Dismiss…'));
    const submit = screen.getByTestId('dismiss-submit') as HTMLButtonElement;
    fireEvent.change(screen.getByTestId('dismiss-justification'), { target: { value: 'short' } });
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('dismiss-justification'), { target: { value: 'known sensor fault, ticket 4711' } });
    await act(async () => fireEvent.click(submit));
    expect(post).toHaveBeenCalledWith('/api/alerts/ALT-1/dismiss', { justification: 'known sensor fault, ticket 4711' });
  });
});

describe('KPI cards', () => {
  it('pulse while a critical alert is unacknowledged and say "No model" without predictions', () => {
    mount(<KpiCards />, vi.fn());
    expect(screen.getByTestId('kpi-criticalAlerts').className).toContain('kpi-pulse');
    expect(screen.getByTestId('kpi-criticalAlerts-value').textContent).toBe('1');
    expect(screen.getByTestId('kpi-predictionAccuracy-value').textContent).toBe('No model');
  });
});
