// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Spread, WhatIfResult } from '../../../protocol/what-if.ts';
import { DEFAULT_SETTINGS } from '../live/settings.ts';
import { createTwinStore } from '../live/twin-store.ts';
import type { TwinRuntime } from '../live/twin-runtime.ts';
import { RuntimeContext } from '../shell/runtime-context.tsx';
import { WhatIfPanel, WhatIfResultTable } from './what-if-panel.tsx';

const s = (mean: number, std = 0): Spread => ({ mean, std, p10: mean - std, p90: mean + std });
const types = (crack: number) => ({ crack: s(crack, 1), bubble: s(0), chip: s(0), cloudiness: s(0), deformation: s(0), stain: s(0), stress_fracture: s(0) });
const branch = (d: number, rul: number, risk: number) => ({ units: s(100), defectsPer1000: s(d, 1), defectsPer1000ByType: types(d), firstPassYieldPct: s(95, 0.5), unitsPerH: s(900, 5), energyMWh: s(70, 0.1), burnerMWh: s(60), machineMWh: s(10), rulEndH: s(rul, 1), failureRiskPct: risk });
const effect = (tS: number | null) => ({ tS, perSeedS: null, seedsDeparted: tS === null ? 0 : 16 });
const result = {
  request: { changes: [{ setpoint: 'Line_A.furnace_temp', value: 1551, asset: 'Line_A', atS: 0, durationS: 7200 }], horizonS: 14_400, seeds: [1, 2], stepS: 10, scope: 'affected' },
  baseline: branch(49, 808, 0),
  changed: branch(19, 790, 12.5),
  delta: { defectsPer1000: s(-30, 2), firstPassYieldPct: s(3, 0.4), unitsPerH: s(2, 6), energyMWh: s(-4, 0.3), defectsPer1000ByType: types(-30), rulEndH: s(-18, 1), failureRiskPct: 12.5 },
  machineHealth: { source: 'twin_wear_state', rulAtForkH: 812 },
  timeToEffect: { tS: 60, quantity: 'power', resolutionS: 10, byQuantity: { defect_rate: effect(11_400), production_rate: effect(null), power: effect(60) } },
  wallMs: 1234,
} as unknown as WhatIfResult;

function mount(post = vi.fn().mockResolvedValue(result)) {
  const setpoints = [{ id: 'Line_A.furnace_temp', name: 'Furnace temperature', unit: '°C', min: 1350, max: 1650, asset: 'Line_A', target: 1500, actual: 1500 }];
  const runtime = { store: createTwinStore({}), settings: createStore(() => DEFAULT_SETTINGS), rest: { get: vi.fn().mockResolvedValue(setpoints), post, put: vi.fn() } } as unknown as TwinRuntime;
  render(<RuntimeContext.Provider value={runtime}><WhatIfPanel /></RuntimeContext.Provider>);
  return post;
}

afterEach(cleanup);

describe('what-if result', () => {
  it('keeps the four baseline and changed cells and adds time to effect per metric, defects by type and machine health', () => {
    render(<WhatIfResultTable result={result} />);
    expect(screen.getAllByTestId('whatif-baseline')).toHaveLength(4);
    expect(screen.getAllByTestId('whatif-changed')).toHaveLength(4);
    expect(screen.getByTestId('whatif-effect-defect_rate').textContent).toBe('defect rate: 3 h 10 min');
    expect(screen.getByTestId('whatif-effect-production_rate').textContent).toBe('production: no lasting effect within 4 h');
    expect(screen.getByTestId('whatif-effect-power').textContent).toBe('power: 1 min');
    expect(screen.getByLabelText('Time to effect per metric').textContent).toBe('Time to effect (±10 s): power: 1 min · defect rate: 3 h 10 min · production: no lasting effect within 4 h');
    expect(screen.getByTestId('whatif-defect-crack').textContent).toContain('49 ± 1');
    expect(screen.queryByTestId('whatif-defect-bubble')).toBeNull();
    expect(screen.getByTestId('whatif-machine-rul').textContent).toContain('790 ± 1');
    expect(screen.getByTestId('whatif-machine-risk').textContent).toContain('12.5 %');
    expect(screen.getByText(/twin's wear state/)).toBeTruthy();
    expect(screen.getByText('Line_A.furnace_temp → 1551 at fork, for 2 h, then back')).toBeTruthy();
  });
});

describe('what-if form', () => {
  it('sends a "for … then back" duration as durationS', async () => {
    const post = mount();
    const slider = await screen.findByTestId('whatif-slider-Line_A.furnace_temp');
    // 1551 lies on the slider's 1.5 °C step, so the range input keeps it as is.
    fireEvent.change(slider, { target: { value: '1551' } });
    fireEvent.change(screen.getByTestId('whatif-duration-Line_A.furnace_temp'), { target: { value: '2h' } });
    await act(async () => { fireEvent.submit(screen.getByTestId('whatif-run').closest('form')!); });
    expect(post).toHaveBeenCalledWith('/api/digital-twin/what-if', { changes: [{ setpoint: 'Line_A.furnace_temp', value: 1551, durationS: 7200 }], horizon: 14_400, seeds: 16 });
  });

  it('says why a duration cannot be sent and does not run', async () => {
    mount();
    fireEvent.change(await screen.findByTestId('whatif-slider-Line_A.furnace_temp'), { target: { value: '1550' } });
    fireEvent.change(screen.getByTestId('whatif-duration-Line_A.furnace_temp'), { target: { value: '5h' } });
    expect(screen.getByTestId('whatif-duration-error-Line_A.furnace_temp').textContent).toBe('The return after 5 h must come before the horizon (4 h)');
    expect((screen.getByTestId('whatif-run') as HTMLButtonElement).disabled).toBe(true);
  });
});
