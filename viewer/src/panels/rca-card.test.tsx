// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { AlertView } from '../../../protocol/alerts.ts';
import type { RootCauseAnswer } from '../../../protocol/knowledge.ts';
import { DEFAULT_SETTINGS } from '../live/settings.ts';
import { createTwinStore } from '../live/twin-store.ts';
import type { TwinRuntime } from '../live/twin-runtime.ts';
import { RuntimeContext } from '../shell/runtime-context.tsx';
import { RcaCard } from './rca-card.tsx';

const path = ['CAUSES:variable:Line_A.furnace_temp->variable:Line_A.gob_temp'];
const answer: RootCauseAnswer = {
  symptom: { kind: 'sensor', id: 'sensor:Line_A.forming.gob_temp', asset: 'Line_A', defect_type: null, sensor: 'Line_A.forming.gob_temp', direction: 'above', alert_id: 'ALT-1' },
  timestamp: '2024-03-14T09:30:00.000Z', window: { from: '2024-03-14T03:30:00.000Z', to: '2024-03-14T09:30:00.000Z' }, min_confidence: 0, failure_modes: [], diagnosis: 'gob hot',
  causes: [{ root_cause_id: 'variable:Line_A.furnace_temp', kind: 'process', parameter_name: 'furnace_temp', label: 'Line_A melt temperature', deviation_magnitude: 9, confidence: 0.7, recommended_action: 'lower it', interventions: [],
    evidence: { onset_time: '2024-03-14T07:00:00.000Z', sensors: [{ sensor: 'Line_A.furnace.zone1_temp', sigma: 9, samples: 60 }], samples: 60, path, prior: 0.9 } }],
};

afterEach(cleanup);

describe('the root-cause card', () => {
  it('renders the causes with their evidence chart from the history, and the confirm button for a sensor alert', async () => {
    const get = vi.fn(async (url: string) => (url.startsWith('/api/knowledge-graph/root-cause')
      ? answer
      : { series: [{ sensorId: 'Line_A.furnace.zone1_temp', kind: 'buckets', bucketMs: 60_000, buckets: [0, 1, 2].map((i) => ({ tMs: Date.parse('2024-03-14T06:00:00Z') + i * 3_600_000, min: 1500 + i, max: 1500 + i, avg: 1500 + 10 * i, count: 6 })) }] }));
    const store = createTwinStore({ me: { actor: 'dev', role: 'admin' } } as never);
    const runtime = { store, settings: createStore(() => DEFAULT_SETTINGS), rest: { get, post: vi.fn(), put: vi.fn() } } as unknown as TwinRuntime;
    await act(async () => {
      render(<RuntimeContext.Provider value={runtime}><RcaCard alert={{ id: 'ALT-1' } as AlertView} /></RuntimeContext.Provider>);
    });
    await act(async () => {});
    expect(screen.getByTestId('rca-cause').getAttribute('data-cause-id')).toBe('variable:Line_A.furnace_temp');
    expect(screen.getByTestId('rca-evidence-chart').getAttribute('data-points')).toBe('3');
    expect(screen.getByTestId('rca-show-graph')).toBeTruthy();
    expect(screen.getByTestId('rca-confirm')).toBeTruthy();
  });
});
