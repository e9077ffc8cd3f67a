/** Vibration severity zones of ISO 10816-3 and the status limits we derive from them. */
import type { StatusLimits } from '../model.ts';
import type { Iso10816Class } from './profile-document.ts';

/** Zone boundaries A/B, B/C, C/D, velocity mm/s RMS, 10-1000 Hz (ISO 10816-3, via PHYSICS_REFERENCE.md). */
export const ISO_10816_3_ZONES_MM_S: Readonly<Record<string, readonly [number, number, number]>> = {
  '1-rigid': [2.3, 4.5, 7.1],
  '1-flexible': [3.5, 7.1, 11.0],
  '2-rigid': [1.4, 2.8, 4.5],
  '2-flexible': [2.3, 4.5, 7.1],
};

/** CRITICAL at 1.25 × the C/D boundary: our choice, not ISO. */
export const CRITICAL_FACTOR = 1.25;

export function isoZones(c: Iso10816Class): readonly [number, number, number] {
  return ISO_10816_3_ZONES_MM_S[`${c.group}-${c.foundation}`]!;
}

/** WARNING at zone B/C, ERROR at C/D, CRITICAL at 1.25 × C/D (overall velocity RMS, upper bounds only). */
export function isoVibrationLimits(c: Iso10816Class): StatusLimits {
  const [, bc, cd] = isoZones(c);
  return { warning: [null, bc], error: [null, cd], critical: [null, CRITICAL_FACTOR * cd] };
}
