import type { Rng } from '../physics/model.ts';

/**
 * Seeded, splittable random streams. Every stream is four uint32 words of xoshiro128** state
 * (Blackman & Vigna 2018, https://prng.di.unimi.it/) stored in a shared Uint32Array, so the
 * engine snapshots and forks all randomness by copying one array. A stream's seed is derived from
 * the root seed and a label (e.g. "asset:pump_003"), so adding an asset never shifts another
 * asset's numbers.
 */

export const RNG_WORDS = 4;

/** FNV-1a 32-bit hash of a string (http://www.isthe.com/chongo/tech/comp/fnv/). */
export function fnv1a32(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** SplitMix32 finalizer step (Steele et al. 2014), used to expand a 32-bit seed into a state. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) >>> 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Writes the initial state of the stream `label` under `rootSeed` at word offset `off`. */
export function seedStream(words: Uint32Array, off: number, rootSeed: number, label: string): void {
  // Two independent hashes of the label make collisions between labels vanishingly unlikely.
  let x = (fnv1a32(label) ^ Math.imul(rootSeed >>> 0, 0x9e3779b1)) >>> 0;
  const y = fnv1a32(label, 0x01234567 ^ rootSeed);
  for (let i = 0; i < RNG_WORDS; i++) {
    x = splitmix32(x ^ (i === 1 ? y : 0));
    words[off + i] = x;
  }
  // xoshiro must not start from the all-zero state.
  if ((words[off]! | words[off + 1]! | words[off + 2]! | words[off + 3]!) === 0) words[off] = 1;
}

const INV_2_32 = 1 / 4294967296;
const TWO_PI = 2 * Math.PI;

/** A stream whose state lives in `words` at `off`; it holds no state of its own. */
export class StreamRng implements Rng {
  constructor(
    private words: Uint32Array,
    private readonly off: number,
  ) {}

  /** Re-points the stream at another state array (used when an engine forks or restores). */
  rebind(words: Uint32Array): void {
    this.words = words;
  }

  nextU32(): number {
    const w = this.words;
    const o = this.off;
    const s0 = w[o]!;
    const s1 = w[o + 1]!;
    const s2 = w[o + 2]!;
    const s3 = w[o + 3]!;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    w[o + 1] = s1 ^ n2;
    w[o] = s0 ^ n3;
    w[o + 2] = n2 ^ t;
    w[o + 3] = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  uniform(): number {
    return this.nextU32() * INV_2_32;
  }

  /** Box-Muller; the second variate is discarded so the stream's whole state stays in `words`. */
  normal(): number {
    const u1 = (this.nextU32() + 1) * INV_2_32; // (0, 1]
    const u2 = this.nextU32() * INV_2_32;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
  }
}

/** A standalone stream with its own state, for tools and tests outside an engine. */
export function createRng(seed: number, label = 'root'): StreamRng {
  const words = new Uint32Array(RNG_WORDS);
  seedStream(words, 0, seed, label);
  return new StreamRng(words, 0);
}
