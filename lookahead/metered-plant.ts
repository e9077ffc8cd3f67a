/** An engine for (part of) a plant whose models report to a meter: built once, restored per job. */
import { TwinEngine } from '../engine/engine.ts';
import { buildModels } from '../engine/plant.ts';
import type { AssetModel } from '../physics/model.ts';
import { createMeter, meteredModel, type Meter } from './meter.ts';
import type { Scenario } from '../engine/scenario.ts';
import { subScenario } from './sub-plant.ts';

export interface MeteredPlant {
  readonly engine: TwinEngine;
  readonly meter: Meter;
  /** The assets that count towards the meter (null: all). */
  readonly metered: ReadonlySet<string> | null;
}

/** A plant of these models; only assets in `metered` (null: all) count towards the meter. */
export function meteredPlantOf(scenario: Scenario, models: readonly AssetModel[], metered: ReadonlySet<string> | null): MeteredPlant {
  const meter = createMeter();
  const scratch = createMeter();
  const wrapped = models.map((m) => meteredModel(m, metered === null || metered.has(m.asset) ? meter : scratch));
  return { engine: TwinEngine.create({ scenario, models: wrapped }), meter, metered };
}

/** `assets` null: the whole plant, else the sub-plant of those assets. Only assets in `metered` count towards the meter. */
export function buildMeteredPlant(scenario: Scenario, assets: ReadonlySet<string> | null, metered: ReadonlySet<string> | null): MeteredPlant {
  const sc = assets === null ? scenario : subScenario(scenario, assets);
  return meteredPlantOf(sc, buildModels(sc), metered);
}
