/**
 * Advancing the failure modes of one machine: damage time, onsets, the failure instant.
 *
 * Damage time τ of a mode advances at max(rate, floor)·mul equivalent hours per operating hour, where
 * `rate` is the profile's rate law (1 at rated conditions) and `mul` a fault's acceleration. Remaining
 * useful life is min over modes of (τ_f − τ)/mul: the hours to failure if the machine ran at rated
 * conditions from now on. It strictly decreases while running and is exactly 0 at failure.
 */
import type { EventSink, Rng } from '../model.ts';
import { drawLife, surviveTo, updateLevel } from './degradation.ts';
import { M as MODE_WORDS, W as MACHINE_WORDS, type CompiledProfile } from './profile-compile.ts';

// Module-local aliases of the imported word offsets: V8 reads an imported binding through its module
// cell, with a TDZ check, on every use, while a local constant is one load (advanceLife ran ~25 %
// faster with them).
const M = MODE_WORDS;
const W = MACHINE_WORDS;

const RANDOM_ONSET: Readonly<Record<string, string>> = Object.freeze({ cause: 'random' });
/** Renewals allowed while pre-ageing one mode, before placing it at a random point of its life. */
const MAX_RENEWALS = 100_000;

/**
 * Advances every mode over the step's dtS (state word) if the machine runs; onsets are reported
 * either way. Returns the index of the mode that failed during this step, or −1.
 * Arguments are integers and objects only: a double passed to a call that is not inlined is boxed.
 */
export function advanceLife(s: Float64Array, off: number, c: CompiledProfile, asset: string, out: EventSink): number {
  const modes = c.modes;
  const dtH = s[off + W.running] === 1 ? s[off + W.dtS]! / 3600 : 0;
  if (dtH > 0) c.rates(s, off);
  let first = -1;
  let firstFrac = Infinity;
  for (let i = 0; i < modes.length; i++) {
    const b = off + modes[i]!.at;
    const floor = modes[i]!.doc.rateFloor;
    const raw = s[b + M.rate]!;
    const r = dtH > 0 ? (raw > floor ? raw : floor) * s[b + M.mul]! : 0; // a NaN rate counts as the floor
    s[b + M.rate] = r;
    const need = s[b + M.failH]! - s[b + M.tauH]!;
    if (r > 0 && need <= r * dtH) {
      const frac = need / (r * dtH);
      if (frac < firstFrac) {
        first = i;
        firstFrac = frac;
      }
    }
  }
  // If a mode fails during the step, the machine stops at that instant: every mode advances only that far.
  const frac = first >= 0 ? firstFrac : 1;
  for (let i = 0; i < modes.length; i++) {
    const m = modes[i]!;
    const b = off + m.at;
    s[b + M.tauH] = i === first ? s[b + M.failH]! : s[b + M.tauH]! + s[b + M.rate]! * dtH * frac;
    if (s[b + M.reported] === 0 && s[b + M.tauH]! >= s[b + M.onsetH]!) {
      s[b + M.reported] = 1;
      out.faultOnset(asset, m.name, RANDOM_ONSET);
    }
    updateLevel(s, b, m.growth);
  }
  if (first >= 0) {
    s[off + modes[first]!.at + M.level] = 1;
    s[off + W.failed] = 1;
    s[off + W.failedMode] = first;
    out.failure(asset, modes[first]!.name);
  }
  return first;
}

/**
 * Pre-ages every mode by `ageH` operating hours at the rates of the current (steady) state. An original
 * part has survived that age (its life is drawn conditioned on it); a consumable was renewed at each
 * past failure (a renewal process).
 */
export function preAge(s: Float64Array, off: number, c: CompiledProfile, ageH: number, rng: Rng): void {
  c.rates(s, off);
  for (const m of c.modes) {
    const b = off + m.at;
    const raw = s[b + M.rate]!;
    let remaining = ageH * (raw > m.doc.rateFloor ? raw : m.doc.rateFloor);
    s[b + M.rate] = 0;
    if (!m.doc.consumable) {
      surviveTo(s, b, m, remaining);
      updateLevel(s, b, m.growth);
      continue;
    }
    let renewals = 0;
    while (s[b + M.tauH]! + remaining >= s[b + M.failH]! && renewals++ < MAX_RENEWALS) {
      remaining -= s[b + M.failH]! - s[b + M.tauH]!;
      drawLife(s, b, m, rng);
    }
    const tau = s[b + M.tauH]! + remaining;
    s[b + M.tauH] = tau < s[b + M.failH]! ? tau : rng.uniform() * s[b + M.failH]!;
    updateLevel(s, b, m.growth);
  }
}
