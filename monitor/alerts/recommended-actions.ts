/**
 * What an alert recommends where causal knowledge has nothing to say. Everything causal (which
 * setpoint to move for which sensor, which failure mode a vibration points to) is a query of the
 * knowledge graph (knowledge/advice.ts); these are the procedures that follow from the kind of
 * alert alone.
 */
export const ANOMALY_ACTION = 'review the contributing sensors; plan an inspection of the asset';
export const FAILURE_ACTION = 'dispatch maintenance; keep the asset isolated until it is repaired';

export const DRIFT_ACTION = 'check the drifted sensors and recent process changes; if the plant has changed for good, retrain the model (Models → Retrain)';

export const PREDICTED_FAILURE_ACTION = 'plan maintenance before the predicted failure; check the contributing sensors and keep spares ready';
