import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { modelInputColumns } from './model-inputs.ts';

const { layout } = createEngine(loadLibraryScenario('glass-plant'));

describe('modelInputColumns: a model feature name to the plant sensor it reads', () => {
  it('maps a line model input to the sensor inside its section (zone1_temp → Line_A.furnace.zone1_temp)', () => {
    const [k] = modelInputColumns(layout, 'Line_A', ['zone1_temp']);
    expect(layout.sensors[k!]!.id).toBe('Line_A.furnace.zone1_temp');
  });

  it('maps every feature of every asset model, as the models are trained (their sensors by name)', () => {
    for (const m of layout.models) {
      const cols = modelInputColumns(layout, m.asset, m.sensors.map((s) => s.name));
      expect(Array.from(cols, (k) => layout.sensors[k]!.id)).toEqual(m.sensors.map((s) => s.id));
    }
  });

  it('names the input and the asset when a feature is not one of its sensors', () => {
    expect(() => modelInputColumns(layout, 'pump_003', ['zone1_temp'])).toThrow(/"zone1_temp" is not a sensor of pump_003 \(its sensors: .*bearing_temp_c/);
    expect(() => modelInputColumns(layout, 'Line_Z', ['zone1_temp'])).toThrow(/"Line_Z" is not an asset of the plant/);
  });
});
