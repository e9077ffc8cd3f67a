import { loadLibraryScenario } from '../scenarios/library.ts';
import type { Scenario } from '../scenarios/types.ts';

/** A scenario by library name (e.g. "glass-plant") or file path, with optional overrides. */
export function resolveScenario(nameOrPath: string, overrides: { seed?: number; durationS?: number } = {}): Scenario {
  const base = loadLibraryScenario(nameOrPath);
  return {
    ...base,
    ...(overrides.seed !== undefined ? { seed: overrides.seed } : {}),
    ...(overrides.durationS !== undefined ? { durationS: overrides.durationS } : {}),
  };
}
