import { createRng } from '../../engine/rng.ts';

/** A seeded normal generator for tests: the engine's own streams, no Math.random. */
export function seededNormal(seed: number): () => number {
  const rng = createRng(seed, 'shadow-test');
  return () => rng.normal();
}
