/**
 * The simulated time the scene draws. Live: the time of the newest data, extrapolated at the
 * simulation speed between messages (they arrive at a few Hz) and never running backwards, so the
 * belt moves smoothly. Replay: exactly the time given to `advanceScene(t)`.
 */
import { advance } from '@react-three/fiber';

/** A backwards step larger than this is a seek; smaller ones are extrapolation overshoot and are held. */
export const SEEK_BACK_MS = 5_000;
/** Never extrapolate more than this much wall time past the last message (a stalled stream stops). */
export const MAX_EXTRAPOLATE_WALL_MS = 2_000;

/** Input of one clock step. */
export interface ClockInput {
  /** Simulated epoch ms of the newest data. */
  readonly simTimeMs: number;
  /** Wall ms since that data arrived. */
  readonly wallSinceMs: number;
  readonly speed: number;
  readonly paused: boolean;
}

/** The next render time after `prevMs` (NaN before the first frame). */
export function nextRenderTime(prevMs: number, c: ClockInput): number {
  const wall = Math.min(Math.max(0, c.wallSinceMs), MAX_EXTRAPOLATE_WALL_MS);
  const target = c.paused || !(c.speed > 0) ? c.simTimeMs : c.simTimeMs + wall * c.speed;
  if (Number.isNaN(prevMs)) return target;
  // A newer message that lands slightly behind the extrapolation: hold still until time catches up.
  if (target < prevMs && prevMs - target < SEEK_BACK_MS) return prevMs;
  return target;
}

/** Tracks when the data's time last changed and yields render times. One per scene. */
export class RenderClock {
  private anchorSimMs = Number.NaN;
  private anchorWallMs = 0;
  private prevMs = Number.NaN;

  /** Render time for a frame at wall time `wallMs`. */
  tick(simTimeMs: number, wallMs: number, speed: number, paused: boolean): number {
    if (simTimeMs !== this.anchorSimMs) {
      this.anchorSimMs = simTimeMs;
      this.anchorWallMs = wallMs;
    }
    this.prevMs = nextRenderTime(this.prevMs, { simTimeMs, wallSinceMs: wallMs - this.anchorWallMs, speed, paused });
    return this.prevMs;
  }
}

// Replay sets this and renders one frame; scenes with frameloop "never" draw exactly this time.
let replayTimeMs: number | null = null;

/** The time last passed to `advanceScene`, or null. */
export function replayTime(): number | null {
  return replayTimeMs;
}

/**
 * Renders every `frameloop="never"` scene at simulated epoch ms `simTimeMs` (replay: call after the
 * store holds the data of that time).
 * @example advanceScene(Date.parse('2024-03-14T10:00:00Z'))
 */
export function advanceScene(simTimeMs: number): void {
  replayTimeMs = simTimeMs;
  advance(performance.now());
}
