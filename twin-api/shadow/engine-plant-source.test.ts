import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { connectShadow } from './connect-shadow.ts';
import { DEMO_PLANT_DIFFERENCES, EnginePlantSource, type PlantDifferences } from './engine-plant-source.ts';
import { ShadowTracker } from '../../monitor/shadow/shadow-tracker.ts';

/** Twin warmed up 10 min, a plant forked from it with `diffs`, run in lock-step for `runS`. */
async function shadowRun(diffs: PlantDifferences, runS: number) {
  const twin = createEngine(loadLibraryScenario('glass-plant'));
  twin.runFor(600);
  const source = new EnginePlantSource(twin, diffs);
  const tracker = new ShadowTracker(twin.layout);
  const sub = connectShadow({ twin, source, tracker });
  await source.start();
  twin.runFor(runS);
  sub.unsubscribe();
  expect(source.tS).toBe(twin.tS);
  return { twin, source, tracker, state: tracker.state() };
}

const NONE = { ambientOffsetC: 0, rawMaterialStdScale: 1, hiddenFaults: [] } as const;

describe('EnginePlantSource in shadow mode', () => {
  it('by default differs from the twin only in its seed: no model error, no hidden fault', async () => {
    const twin = createEngine(loadLibraryScenario('glass-plant'));
    const source = new EnginePlantSource(twin);
    expect(source.hiddenFaults).toEqual([]);
    source.dispose();
  });

  it('an identical plant is tracked perfectly and raises no flag', async () => {
    const { state, source } = await shadowRun({ ...NONE, seed: null }, 900);
    expect(state.trackingAccuracy).toBe(1);
    expect(state.normalizedRmse).toBe(0);
    expect(state.flaggedAssets).toEqual([]);
    expect(source.status().accepted).toBe(state.samples + state.ignored);
  });

  it('hidden differences (seed, model error, undeclared fault) lower the accuracy and are flagged', async () => {
    const { state, source } = await shadowRun({ ...DEMO_PLANT_DIFFERENCES, hiddenFaults: [{ atS: 600, target: 'Line_A.furnace.zone3_temp', type: 'sensor_bias', params: { offset: 12 } }] }, 2400);
    expect(source.hiddenFaults[0]!.atS).toBe(1200);
    expect(state.trackingAccuracy!).toBeLessThan(0.97);
    expect(state.trackingAccuracy!).toBeGreaterThan(0.8);
    // The warmer ambient shows on many machines' temperatures at once: the twin's model, not a machine.
    const drift = state.sensors.filter((s) => s.flag === 'model_drift');
    expect(drift.length).toBeGreaterThanOrEqual(5);
    expect(new Set(drift.map((s) => s.asset)).size).toBeGreaterThanOrEqual(5);
    // The undeclared sensor bias stands alone: Line_A's equipment, and the bias is estimated.
    const zone3 = state.sensors.find((s) => s.sensor_id === 'Line_A.furnace.zone3_temp')!;
    expect(zone3.flag).toBe('equipment_issue');
    expect(zone3.bias).toBeGreaterThan(8);
    expect(zone3.bias).toBeLessThan(16);
  });

  it('an undeclared sensor bias raises equipment_issue on its asset and nowhere else', async () => {
    const fault = { atS: 600, target: 'Line_B.annealing.lehr_exit_temp', type: 'sensor_bias', params: { offset: 8 } };
    const { state } = await shadowRun({ ...NONE, hiddenFaults: [fault] }, 1800);
    const equipment = state.flaggedAssets.filter((a) => a.flag === 'equipment_issue');
    expect(equipment).toEqual([{ asset: 'Line_B', flag: 'equipment_issue', sensors: ['Line_B.annealing.lehr_exit_temp'] }]);
  });
});
