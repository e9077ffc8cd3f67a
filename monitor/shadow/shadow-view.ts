/**
 * What the shadow tracker reports (GET /api/digital-twin/shadow-state): plain domain types.
 * protocol/shadow.ts carries the same shapes on the wire; twin-api/protocol-conformance.ts fails
 * `tsc` when the two differ.
 */
import type { ShadowFlag } from './drift-detector.ts';

/** One sensor of the shadow comparison. */
export interface ShadowSensorState {
  readonly sensor_id: string;
  readonly asset: string;
  readonly parameter_name: string;
  readonly unit: string;
  /** Last live measurement. */
  readonly measured: number | null;
  /** The twin's value when that measurement arrived. */
  readonly predicted: number | null;
  /** predicted + bias: the corrected twin estimate. */
  readonly corrected: number | null;
  /** measured − predicted. */
  readonly residual: number | null;
  /** Estimated output bias (Kalman), and its standard deviation. */
  readonly bias: number;
  readonly biasStd: number;
  /** residual / σ, σ from the noise spec plus the learnt process noise. */
  readonly z: number | null;
  /** CUSUM statistics (in σ), up and down. */
  readonly cusumUp: number;
  readonly cusumDown: number;
  readonly flag: ShadowFlag;
  /** Live samples used. */
  readonly samples: number;
  /** Share of recent samples whose one-step-ahead corrected estimate was within 2σ (spec) of the measurement. */
  readonly within2Sigma: number | null;
  /** Whether the sensor takes part in accuracy and flags (sensors declaring no noise do not). */
  readonly tracked: boolean;
}

export interface FlaggedAsset {
  readonly asset: string;
  /** Equipment issue outranks model drift when an asset's sensors disagree. */
  flag: Exclude<ShadowFlag, 'none'>;
  readonly sensors: string[];
}

export interface ShadowState {
  /** Simulated time of the last twin frame seen. */
  readonly twinTimeMs: number | null;
  /** Live samples used / dropped (unknown sensor, missing value). */
  readonly samples: number;
  readonly ignored: number;
  /** Mean over tracked sensors of within2Sigma (0..1). */
  readonly trackingAccuracy: number | null;
  /** RMS of (measured − corrected) / sensor span, over tracked sensors: 0 is perfect. */
  readonly normalizedRmse: number | null;
  /** Tracked sensors with at least one live sample. */
  readonly sensorsTracked: number;
  readonly flaggedAssets: FlaggedAsset[];
  readonly sensors: ShadowSensorState[];
}
