/**
 * Glass units on the belt. Units leave forming every `UNIT_PITCH_M` metres of belt travel (the
 * nominal pitch of physics/glass/forming.ts, 10 m), so their positions follow from how far the belt
 * has run: the belt speed integrated over simulated time.
 */
import { LINE } from './plant-layout.ts';

/** Nominal distance between consecutive units on the belt (physics/glass/forming.ts `unitPitchM`). */
export const UNIT_PITCH_M = 10;
/** A jump of simulated time larger than this (a seek, a replay restart) restarts the integration. */
export const MAX_STEP_S = 30;

/**
 * Writes the x of every unit between `startX` and `endX` into `out` (front unit first) and returns
 * how many there are. `travelM` is the belt's run since any origin; no allocation per call.
 */
export function unitPositions(travelM: number, out: Float32Array, pitchM = UNIT_PITCH_M, startX: number = LINE.unitStartX, endX: number = LINE.belt.x1): number {
  const phase = ((travelM % pitchM) + pitchM) % pitchM;
  let n = 0;
  // Front unit: the one furthest along that is still on the belt.
  const span = endX - startX;
  let x = startX + phase + Math.floor((span - phase) / pitchM) * pitchM;
  while (x >= startX && n < out.length) {
    if (x <= endX) out[n++] = x;
    x -= pitchM;
  }
  return n;
}

/** Belt travel in metres, integrated frame by frame; a seek restarts it from the absolute time. */
export class BeltTravel {
  private lastTimeMs: number | null = null;
  /** Metres the belt has run. */
  travelM = 0;

  /** Advances to simulated time `timeMs` at `speedMpm` (m/min) and returns the travel. */
  update(timeMs: number, speedMpm: number): number {
    const v = Number.isFinite(speedMpm) && speedMpm > 0 ? speedMpm / 60 : 0;
    const dtS = this.lastTimeMs == null ? Number.NaN : (timeMs - this.lastTimeMs) / 1000;
    // Going backwards or far forwards is a seek: place units as if the belt had run at this speed all along,
    // which is deterministic for a given (time, speed) and so the same in every replay.
    if (!(dtS >= 0 && dtS <= MAX_STEP_S)) this.travelM = (v * timeMs) / 1000;
    else this.travelM += v * dtS;
    this.lastTimeMs = timeMs;
    return this.travelM;
  }
}

/**
 * Where a unit inspected at `inspectedAtMs` is now, on a belt at `speedMpm`: downstream of the inspection
 * gantry; null once it has left the belt.
 */
export function inspectedUnitX(inspectedAtMs: number, nowMs: number, speedMpm: number): number | null {
  const x = (LINE.inspection.x0 + LINE.inspection.x1) / 2 + ((speedMpm / 60) * (nowMs - inspectedAtMs)) / 1000;
  return x >= (LINE.inspection.x0 + LINE.inspection.x1) / 2 && x <= LINE.belt.x1 ? x : null;
}

/**
 * Where a unit expected at inspection at `expectedAtMs` is now: upstream of the gantry by the distance
 * the belt runs until then. A unit not yet formed waits at the forming station's exit, so a prediction
 * far ahead still shows, at the start of the belt.
 */
export function predictedUnitX(expectedAtMs: number, nowMs: number, speedMpm: number): number | null {
  const gate = (LINE.inspection.x0 + LINE.inspection.x1) / 2;
  if (expectedAtMs < nowMs) return null;
  const x = gate - ((speedMpm / 60) * (expectedAtMs - nowMs)) / 1000;
  return Math.max(LINE.unitStartX, x);
}
