import type { DefectTruth, HiddenOnset, TwinEvent } from './events.ts';

/** Flags per sensor in a frame. */
export const FLAG_FRESH = 1; // sampled in this tick
export const FLAG_MISSING = 2; // the last sample dropped out (value is NaN)

/**
 * One tick of the plant. Arrays are indexed by sensor (engine.layout.sensors) and are the
 * engine's live buffers: valid while the frame is being delivered; use `copyFrame` to keep one.
 */
export interface Frame {
  readonly tick: number;
  /** Simulated seconds since the scenario start. */
  readonly tS: number;
  /** Simulated epoch milliseconds. */
  readonly timeMs: number;
  /** Last measured value of every sensor (NaN when missing). */
  readonly values: Float64Array;
  /** Status of every sensor's last sample: 0 OK, 1 WARNING, 2 ERROR, 3 CRITICAL. */
  readonly status: Uint8Array;
  readonly flags: Uint8Array;
  /** Indices of the sensors sampled in this tick: sampled[0 .. sampledCount). */
  readonly sampled: Int32Array;
  readonly sampledCount: number;
  readonly events: readonly TwinEvent[];
}

/** Ground truth of one tick, per asset in layout order. */
export interface TruthFrame {
  readonly tick: number;
  readonly tS: number;
  readonly assets: readonly string[];
  /** True RUL in hours (NaN for assets without one). */
  readonly rulH: Float64Array;
  readonly health: Float64Array;
  readonly activeFaults: Readonly<Record<string, readonly string[]>>;
  /** The true causes of this tick's defects. */
  readonly defects: readonly DefectTruth[];
  readonly hiddenOnsets: readonly HiddenOnset[];
}

/** A frame that owns its data. */
export function copyFrame(f: Frame): Frame {
  return {
    ...f,
    values: f.values.slice(),
    status: f.status.slice(),
    flags: f.flags.slice(),
    sampled: f.sampled.slice(0, f.sampledCount),
    events: [...f.events],
  };
}
