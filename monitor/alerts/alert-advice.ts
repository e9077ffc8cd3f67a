import type { SensorChannel } from '../../physics/model.ts';

/**
 * Where an alert's recommended action comes from: the causal knowledge graph
 * (knowledge/advice.ts `graphAlertAdvice`), injected by whoever builds the alert engine, so the
 * alert engine holds no causal table of its own.
 */
export interface AlertAdvice {
  /** The action for an alert on `sensor` past a limit in `direction`. */
  forSensor(sensor: SensorChannel, direction: 'above' | 'below' | null): string;
  /** The action for a model alert (anomaly, failure risk, low RUL) on an asset, from its contributing sensors; null: nothing specific. */
  forAsset(asset: string, contributors: readonly string[]): string | null;
}

export const GENERIC_SENSOR_ACTION = 'check the sensor and the process against the asset procedure';

/** An alert engine without causal knowledge recommends the asset procedure. */
export const NO_KNOWLEDGE: AlertAdvice = { forSensor: () => GENERIC_SENSOR_ACTION, forAsset: () => null };
