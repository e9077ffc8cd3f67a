import type { SensorsData } from '../../protocol/ws.ts';

/** A subscription's asset filter: null means every asset. */
export interface AssetFilter {
  readonly assets: ReadonlySet<string>;
  /** Canonical form, so clients with the same filter share one filtered copy of a frame. */
  readonly key: string;
}

export function assetFilter(assets: readonly string[] | undefined): AssetFilter | null {
  if (assets === undefined) return null;
  const set = new Set(assets);
  return { assets: set, key: [...set].sort().join('\n') };
}

/**
 * Whether `id` is one of the filter's assets or lies under one (`<asset>.<...>`): sensor ids
 * are `<asset>.<name>`, and checking every dotted prefix keeps the cost at the id's depth, not
 * the filter's size (a filter may list thousands of assets).
 */
export function coversId(filter: AssetFilter, id: string): boolean {
  if (filter.assets.has(id)) return true;
  for (let i = id.indexOf('.'); i > 0; i = id.indexOf('.', i + 1)) {
    if (filter.assets.has(id.slice(0, i))) return true;
  }
  return false;
}

/** A message tagged with `assets` reaches a client whose filter covers any of them; untagged messages reach all. */
export function filterAccepts(filter: AssetFilter | null, assets: readonly string[] | null): boolean {
  if (filter === null || assets === null) return true;
  return assets.some((a) => coversId(filter, a));
}

/** The samples of a sensors frame that the filter covers; the same object when it covers all. */
export function filterSensors(data: SensorsData, filter: AssetFilter | null): SensorsData {
  if (filter === null) return data;
  const samples = data.samples.filter((s) => coversId(filter, s.id));
  return samples.length === data.samples.length ? data : { tick: data.tick, samples };
}
