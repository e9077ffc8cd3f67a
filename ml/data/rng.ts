/** Seeded randomness for ml/: the engine's xoshiro128** stream, so no Math.random in the core. */
import { RNG_WORDS, seedStream, StreamRng } from '../../engine/rng.ts';
import type { Rng } from '../../physics/model.ts';

/** A seeded generator; the same seed and label always give the same numbers. */
export function seededRng(seed: number, label = 'ml'): Rng {
  const words = new Uint32Array(RNG_WORDS);
  seedStream(words, 0, seed >>> 0, label);
  return new StreamRng(words, 0);
}

/** Fisher-Yates shuffle of `items` in place, driven by `rng`. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}
