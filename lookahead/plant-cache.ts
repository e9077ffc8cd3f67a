/**
 * The metered plants a look-ahead has built, least recently used first out. Keyed by the plant's
 * identity and the asset subsets, never by the plan: every plan on one plant reuses its engines.
 */
import { buildMeteredPlant, type MeteredPlant } from './metered-plant.ts';
import type { PlantRef } from './plant-key.ts';

/** A full plant and its sub-plants of a few assets each: room for a few plants with many subsets. */
export const DEFAULT_PLANT_CACHE_SIZE = 32;

const names = (s: ReadonlySet<string> | null) => (s === null ? '*' : [...s].sort().join(','));

export class PlantCache {
  private readonly plants = new Map<string, MeteredPlant>();
  /** Plants built so far (a miss builds one). */
  builds = 0;

  constructor(readonly capacity = DEFAULT_PLANT_CACHE_SIZE) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`cache capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.plants.size;
  }

  /** The plant of `ref` reduced to `assets` (null: all), metering `metered` (null: all); built on a miss. */
  get(ref: PlantRef, assets: ReadonlySet<string> | null, metered: ReadonlySet<string> | null): MeteredPlant {
    const id = `${ref.key}\u0000${names(assets)}\u0000${names(metered)}`;
    let p = this.plants.get(id);
    if (p !== undefined) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.plants.delete(id);
    } else {
      p = buildMeteredPlant(ref.scenario, assets, metered);
      this.builds++;
      if (this.plants.size >= this.capacity) this.plants.delete(this.plants.keys().next().value!);
    }
    this.plants.set(id, p);
    return p;
  }
}
