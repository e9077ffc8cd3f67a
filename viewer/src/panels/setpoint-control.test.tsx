// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { ApiCallError, type RestClient } from '../api/rest-client.ts';
import type { ModelsView } from '../../../protocol/models.ts';
import type { SetpointValue } from '../../../protocol/plant.ts';
import { DEFAULT_SETTINGS } from '../live/settings.ts';
import { createTwinStore } from '../live/twin-store.ts';
import type { TwinRuntime } from '../live/twin-runtime.ts';
import type { TwinState } from '../live/store-types.ts';
import { RuntimeContext } from '../shell/runtime-context.tsx';
import { KpiCards } from './kpi-cards.tsx';
import { SetpointControls } from './setpoint-control.tsx';

const furnace: SetpointValue = { id: 'Line_A.furnace_temp', asset: 'Line_A', name: 'furnace_temp', unit: '°C', min: 1350, max: 1650, lagS: 600, rateLimitPerS: 0.05, target: 1500, actual: 1497 };
const other: SetpointValue = { ...furnace, id: 'Line_B.furnace_temp', asset: 'Line_B' };

function mount(ui: React.ReactNode, rest: Partial<RestClient>, state: Partial<TwinState> = {}) {
  const runtime = { store: createTwinStore(state), settings: createStore(() => DEFAULT_SETTINGS), rest: { get: vi.fn(async () => [furnace, other]), post: vi.fn(), put: vi.fn(), ...rest } } as unknown as TwinRuntime;
  render(<RuntimeContext.Provider value={runtime}>{ui}</RuntimeContext.Provider>);
  return runtime;
}

afterEach(cleanup);

describe('setpoints in the inspector', () => {
  it("shows the asset's own setpoints with target and actual", async () => {
    mount(<SetpointControls asset="Line_A" />, {});
    await act(async () => {});
    expect(screen.getAllByTestId(/^setpoint-Line_/).map((e) => e.dataset['testid'])).toEqual(['setpoint-Line_A.furnace_temp']);
    expect(screen.getByTestId('setpoint-target').textContent).toBe('1500');
    expect(screen.getByTestId('setpoint-actual').textContent).toBe('1497');
  });

  it('will not offer a change outside the bounds, and says why', async () => {
    mount(<SetpointControls asset="Line_A" />, {});
    await act(async () => {});
    fireEvent.change(screen.getByTestId('setpoint-input'), { target: { value: '1800' } });
    expect((screen.getByTestId('setpoint-change') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('outside the safe range 1350–1650 °C')).toBeTruthy();
  });

  it('asks for confirmation before sending, then shows the new target', async () => {
    const put = vi.fn(async () => ({ ...furnace, target: 1480 }));
    mount(<SetpointControls asset="Line_A" />, { put: put as unknown as RestClient['put'] });
    await act(async () => {});
    fireEvent.change(screen.getByTestId('setpoint-input'), { target: { value: '1480' } });
    await act(async () => fireEvent.click(screen.getByTestId('setpoint-change')));
    expect(put).not.toHaveBeenCalled();
    expect(screen.getByTestId('setpoint-confirm').textContent).toContain('from 1500 to 1480 °C');
    await act(async () => fireEvent.click(screen.getByTestId('setpoint-confirm-send')));
    expect(put).toHaveBeenCalledWith('/api/plant/setpoints/Line_A.furnace_temp', { value: 1480 });
    expect(screen.getByTestId('setpoint-target').textContent).toBe('1480');
    expect(screen.getByTestId('setpoint-result').textContent).toMatch(/Target set to 1480 °C/);
  });

  it('explains a 403 by the role needed', async () => {
    const put = vi.fn(async () => { throw new ApiCallError('TWIN_ERR_FORBIDDEN', 'forbidden', 403); });
    mount(<SetpointControls asset="Line_A" />, { put: put as unknown as RestClient['put'] });
    await act(async () => {});
    fireEvent.change(screen.getByTestId('setpoint-input'), { target: { value: '1480' } });
    await act(async () => fireEvent.click(screen.getByTestId('setpoint-change')));
    await act(async () => fireEvent.click(screen.getByTestId('setpoint-confirm-send')));
    expect(screen.getByRole('alert').textContent).toMatch(/needs the operator or engineer role/);
    expect(screen.getByTestId('setpoint-target').textContent).toBe('1500');
  });
});

describe('the prediction accuracy card', () => {
  const models = (p: Partial<ModelsView> = {}): ModelsView => ({
    status: 'ready', detail: '', backend: 'cpu', job: null, drift: [],
    registry: [
      { task: 'failure', kind: 'pump', champion: 'v1', versions: [{ version: 'v1', name: 'pump-failure', task: 'failure', kind: 'pump', created: '', datasetFingerprint: '', hyperparameters: {}, metrics: { roc_auc: 0.9 } }], previousChampions: [] },
      { task: 'anomaly', kind: 'pump', champion: 'v1', versions: [{ version: 'v1', name: 'pump-anomaly', task: 'anomaly', kind: 'pump', created: '', datasetFingerprint: '', hyperparameters: {}, metrics: { roc_auc: 0.8 } }], previousChampions: [] },
    ],
    ...p,
  });

  it('shows the mean held-out ROC-AUC of the models in service, labelled as such, with the model count', () => {
    mount(<KpiCards />, {}, { models: models(), modelStatus: 'ready' });
    expect(screen.getByTestId('kpi-predictionAccuracy-value').textContent).toBe('AUC 0.85');
    expect(screen.getByTestId('kpi-predictionAccuracy').textContent).toContain('held-out ROC-AUC · 2 models');
  });

  it('shows the progress of a running training job', () => {
    mount(<KpiCards />, {}, { models: models({ registry: [] }), modelStatus: 'training', trainingJob: { id: 'job-1', reason: 'bootstrap', requestedBy: 'server', startedAt: '2024-03-14T00:00:00.000Z', state: 'running', progress: { done: 2, total: 8, message: 'fan/anomaly', etaS: 60 } } });
    expect(screen.getByTestId('kpi-predictionAccuracy-value').textContent).toBe('Training…');
    expect(screen.getByTestId('kpi-training').textContent).toBe('Training 2/8 · ~1 min 0 s left · fan/anomaly');
    expect(screen.getByRole('progressbar', { name: 'model training progress' })).toBeTruthy();
  });

  it('says "No model" when none is deployed', () => {
    mount(<KpiCards />, {}, { modelStatus: 'none' });
    expect(screen.getByTestId('kpi-predictionAccuracy-value').textContent).toBe('No model');
  });

  it("during a replay shows the session's setpoints and edits the branch action, never the live plant", async () => {
    const put = vi.fn();
    const get = vi.fn(async (path: string) => (path === '/api/sessions/S2/setpoints' ? [{ ...furnace, target: 1450 }] : [furnace, other]));
    const rt = mount(<SetpointControls asset="Line_A" />, { put: put as unknown as RestClient['put'], get: get as unknown as RestClient['get'] }, { followedSession: 'S2' });
    await act(async () => {});
    expect(get).toHaveBeenCalledWith('/api/sessions/S2/setpoints');
    expect(get).not.toHaveBeenCalledWith('/api/plant/setpoints');
    expect(screen.getByTestId('setpoint-target').textContent).toBe('1450');
    expect(screen.getByTestId('setpoints-session').textContent).toMatch(/session S2, not the live plant/);
    fireEvent.change(screen.getByTestId('setpoint-input'), { target: { value: '1420' } });
    expect(screen.getByTestId('setpoint-change').textContent).toBe('Use in branch');
    await act(async () => { fireEvent.click(screen.getByTestId('setpoint-change')); });
    expect(screen.queryByTestId('setpoint-confirm')).toBeNull();
    expect(put).not.toHaveBeenCalled();
    expect(rt.store.getState().branchDraft).toEqual({ setpoint: 'Line_A.furnace_temp', value: '1420', offset: '' });
    expect(screen.getByTestId('setpoint-result').textContent).toMatch(/branch action of session S2.*live plant is not changed/);
  });
});
