/** Shadow mode on the wire: GET /api/digital-twin/shadow-state. */
import { Type, type Static } from 'typebox';

const Num = Type.Union([Type.Number(), Type.Null()], { description: 'null when not known yet' });
export const ShadowFlagSchema = Type.Union([Type.Literal('none'), Type.Literal('model_drift'), Type.Literal('equipment_issue')]);

/** One sensor of the shadow comparison. */
export const ShadowSensorState = Type.Object({
  sensor_id: Type.String(),
  asset: Type.String(),
  parameter_name: Type.String(),
  unit: Type.String(),
  /** Last live measurement. */
  measured: Num,
  /** The twin's value when that measurement arrived. */
  predicted: Num,
  /** predicted + bias: the corrected twin estimate. */
  corrected: Num,
  /** measured − predicted. */
  residual: Num,
  /** Estimated output bias (Kalman), and its standard deviation. */
  bias: Type.Number(),
  biasStd: Type.Number(),
  /** residual / σ, σ from the noise spec plus the learnt process noise. */
  z: Num,
  /** CUSUM statistics (in σ), up and down. */
  cusumUp: Type.Number(),
  cusumDown: Type.Number(),
  flag: ShadowFlagSchema,
  /** Live samples used. */
  samples: Type.Number(),
  /** Share of recent samples whose one-step-ahead corrected estimate was within 2σ (spec) of the measurement. */
  within2Sigma: Num,
  /** Whether the sensor takes part in accuracy and flags (sensors declaring no noise do not). */
  tracked: Type.Boolean(),
});
export type ShadowSensorState = Static<typeof ShadowSensorState>;

export const FlaggedAsset = Type.Object({
  asset: Type.String(),
  flag: Type.Union([Type.Literal('model_drift'), Type.Literal('equipment_issue')]),
  sensors: Type.Array(Type.String()),
});
export type FlaggedAsset = Static<typeof FlaggedAsset>;

/** Body of GET /api/digital-twin/shadow-state (inside the usual `{ data, error }` envelope). */
export const ShadowState = Type.Object({
  /** Simulated time of the last twin frame seen, and its ISO timestamp. */
  twinTimeMs: Num,
  /** Live samples used / dropped (unknown sensor, missing value). */
  samples: Type.Number(),
  ignored: Type.Number(),
  /** Mean over tracked sensors of within2Sigma (0..1). */
  trackingAccuracy: Num,
  /** RMS of (measured − corrected) / sensor span, over tracked sensors: 0 is perfect. */
  normalizedRmse: Num,
  /** Tracked sensors with at least one live sample. */
  sensorsTracked: Type.Number(),
  flaggedAssets: Type.Array(FlaggedAsset),
  sensors: Type.Array(ShadowSensorState),
});
export type ShadowState = Static<typeof ShadowState>;

/** The live source shadow mode follows: the stand-in plant ("engine") or an MQTT broker, and what it has done so far. */
export const ShadowSource = Type.Object({
  kind: Type.Union([Type.Literal('engine'), Type.Literal('mqtt')]),
  connected: Type.Boolean(),
  /** Messages received (valid or not), samples accepted, messages refused. */
  received: Type.Number(),
  accepted: Type.Number(),
  rejected: Type.Number(),
  /** Redelivered or out-of-order samples dropped (QoS 1 is at-least-once). */
  duplicates: Type.Number(),
  reconnects: Type.Number(),
  lastError: Type.Union([Type.String(), Type.Null()]),
});
export type ShadowSource = Static<typeof ShadowSource>;

/** Body of GET /api/digital-twin/shadow-state: the source and the tracking. */
export const ShadowStateView = Type.Object({ source: ShadowSource, ...ShadowState.properties });
export type ShadowStateView = Static<typeof ShadowStateView>;
