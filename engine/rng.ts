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

/**
 * Ziggurat tables for the standard normal, 128 layers (Marsaglia & Tsang 2000, "The Ziggurat
 * Method for Generating Random Variables", J. Stat. Softw. 5(8), RNOR/zigset). About 99 % of draws
 * cost one 32-bit integer, a compare and a multiply; sensor noise is drawn for every sample.
 */
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const KN = new Uint32Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
{
  const m1 = 2147483648; // 2^31
  let dn = ZIG_R;
  let tn = dn;
  const q = ZIG_V / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * m1);
  KN[1] = 0;
  WN[0] = q / m1;
  WN[127] = dn / m1;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIG_V / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / m1;
  }
}

/** A stream whose state lives in `words` at `off`; it holds no state of its own. */
export class StreamRng implements Rng {
  constructor(
    private readonly words: Uint32Array,
    private readonly off: number,
  ) {}

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

  /**
   * Standard normal by the ziggurat method; all state stays in `words`. Its two words are the next
   * two outputs of the stream, as two `nextU32()` calls would give, but with the state held in locals
   * between them: one load and one store of the state instead of two (sensor noise draws one normal
   * per sample).
   */
  normal(): number {
    const w = this.words;
    const o = this.off;
    let s0 = w[o]!;
    let s1 = w[o + 1]!;
    let s2 = w[o + 2]!;
    let s3 = w[o + 3]!;
    // Layer and magnitude from separate words: sharing bits between them biases the ziggurat
    // (Doornik 2005, "An Improved Ziggurat Method to Generate Normal Random Samples").
    let m = Math.imul(s1, 5);
    const hz = Math.imul((m << 7) | (m >>> 25), 9); // first output, as a signed int32
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    const iz = Math.imul((m << 7) | (m >>> 25), 9) & 127; // second output's low 7 bits
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    w[o] = s0;
    w[o + 1] = s1;
    w[o + 2] = s2;
    w[o + 3] = s3;
    if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
    // The unary + tells V8 the slow path yields a number: where normal() is inlined, the merged result
    // then stays an unboxed double instead of costing a heap number on every draw.
    return +this.normalSlow(hz, iz);
  }

  /** The ziggurat's rare path: the base strip's tail, or a wedge rejection test. */
  private normalSlow(hz: number, iz: number): number {
    // hz and iz are reassigned on each rejection.
    for (;;) {
      const x = hz * WN[iz]!;
      if (iz === 0) {
        let tx: number;
        let ty: number;
        do {
          tx = -Math.log((this.nextU32() + 0.5) * INV_2_32) / ZIG_R;
          ty = -Math.log((this.nextU32() + 0.5) * INV_2_32);
        } while (ty + ty < tx * tx);
        return hz > 0 ? ZIG_R + tx : -ZIG_R - tx;
      }
      if (FN[iz]! + this.uniform() * (FN[iz - 1]! - FN[iz]!) < Math.exp(-0.5 * x * x)) return x;
      hz = this.nextU32() | 0;
      iz = this.nextU32() & 127;
      if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
    }
  }
}

/** A standalone stream with its own state, for tools and tests outside an engine. */
export function createRng(seed: number, label = 'root'): StreamRng {
  const words = new Uint32Array(RNG_WORDS);
  seedStream(words, 0, seed, label);
  return new StreamRng(words, 0);
}
