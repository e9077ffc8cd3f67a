// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../protocol/alerts.ts';
import type { AssetInfo } from '../../../protocol/plant.ts';
import type { Prediction } from '../live/store-types.ts';
import { fleetState, fleetTiles } from './fleet-logic.ts';

const asset = (id: string): AssetInfo => ({ id, kind: 'machine', sensors: [{ id: `${id}.vib` }, { id: `${id}.temp` }], setpoints: [] }) as unknown as AssetInfo;
const prediction = (failureProbability: number | null, status: Prediction['status'] = { failure: 'ready' }, anomalyScore: number | null = null): Prediction => ({ asset: 'm', t: '', rul: null, failureProbability, anomalyScore, topInputs: [], model: 'x', accuracy: null, defectRisk: {}, status });

describe('fleet state of a machine', () => {
  it('says "no model" when no model predicts and sensors are normal, rather than claiming it is fine', () => {
    expect(fleetState(asset('m'), { 'm.vib': { v: 1, s: 0 } }, undefined, []).state).toBe('no-model');
  });

  it('without a model still shows sensor evidence: warning is degrading, error or critical failing', () => {
    expect(fleetState(asset('m'), { 'm.vib': { v: 1, s: 1 } }, undefined, []).state).toBe('degrading');
    expect(fleetState(asset('m'), { 'm.temp': { v: 1, s: 3 } }, undefined, []).state).toBe('failing');
  });

  it('with a model: above 50 % failing, above 20 % degrading, else ready', () => {
    expect(fleetState(asset('m'), {}, prediction(0.6), []).state).toBe('failing');
    expect(fleetState(asset('m'), {}, prediction(0.3), []).state).toBe('degrading');
    expect(fleetState(asset('m'), {}, prediction(0.05), []).state).toBe('ready');
  });

  it('is failing while a failure alert is open, whatever the model says', () => {
    const failure = { asset: 'm', rule: 'failure', state: 'active' } as AlertView;
    expect(fleetState(asset('m'), {}, prediction(0.01), [failure]).state).toBe('failing');
  });

  it('reads "no model" from the per-task status: every task missing means no model, whatever else arrives', () => {
    expect(fleetState(asset('m'), {}, prediction(null, { failure: 'missing', anomaly: 'missing' }), []).state).toBe('no-model');
  });

  it('says "model loading" while a task of the machine is being trained and none serves yet', () => {
    const t = fleetState(asset('m'), {}, prediction(null, { failure: 'loading', anomaly: 'missing' }), []);
    expect([t.state, t.hasModel]).toEqual(['loading', false]);
    // Sensor evidence still wins over a model that is not there yet.
    expect(fleetState(asset('m'), { 'm.vib': { v: 1, s: 2 } }, prediction(null, { failure: 'loading' }), []).state).toBe('failing');
  });

  it('with only an anomaly model ready: a score over 1 is degrading, under 1 ready', () => {
    expect(fleetState(asset('m'), {}, prediction(null, { anomaly: 'ready', failure: 'missing' }, 1.4), []).state).toBe('degrading');
    expect(fleetState(asset('m'), {}, prediction(null, { anomaly: 'ready' }, 0.3), []).state).toBe('ready');
  });

  it('lists machines only, worst first', () => {
    const line = { id: 'Line_A', kind: 'line', sensors: [], setpoints: [] } as unknown as AssetInfo;
    const tiles = fleetTiles([line, asset('a'), asset('b')], { 'b.vib': { v: 1, s: 2 } }, {}, {});
    expect(tiles.map((t) => [t.id, t.state])).toEqual([['b', 'failing'], ['a', 'no-model']]);
  });
});
