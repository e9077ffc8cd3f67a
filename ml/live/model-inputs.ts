/**
 * Which sensors of an asset feed a model: a model's features are named by the sensor's `name` within
 * its asset model (`zone1_temp`, `bearing_temp_c`), as the training windows and LivePredictor take them
 * from `layout.models[i].sensors`; the plant's sensor ids are longer (`Line_A.furnace.zone1_temp`,
 * `pump_003.bearing_temp_c`). This is the one mapping from the first to the second.
 *
 * @example
 * modelInputColumns(engine.layout, 'Line_A', ['zone1_temp', 'crown_temp']); // Int32Array of sensor indexes
 */
import type { PlantLayout } from '../../engine/layout.ts';

/** Sensor indexes (in layout.sensors) of an asset's model inputs, in feature order; throws naming the first input the asset lacks. */
export function modelInputColumns(layout: Pick<PlantLayout, 'models' | 'sensorIndex'>, asset: string, featureNames: readonly string[]): Int32Array {
  const model = layout.models.find((m) => m.asset === asset);
  if (!model) throw new Error(`model inputs: "${asset}" is not an asset of the plant`);
  const byName = new Map(model.sensors.map((s) => [s.name, s.id] as const));
  return Int32Array.from(featureNames, (name) => {
    const id = byName.get(name);
    const k = id === undefined ? undefined : layout.sensorIndex.get(id);
    if (k === undefined) throw new Error(`model inputs: "${name}" is not a sensor of ${asset} (its sensors: ${[...byName.keys()].join(', ')})`);
    return k;
  });
}
