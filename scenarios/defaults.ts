/** What the loader fills in when a scenario file leaves a field out. */

import type { Disturbances } from './types.ts';

export const DEFAULT_SEED = 0;
export const DEFAULT_START = '2024-01-01T00:00:00Z';
export const DEFAULT_STEP_S = 1;
export const DEFAULT_ZONES = 8;
export const DEFAULT_AGE_H = 0;
/** 30 days: long enough for slow degradation, short enough that a typo ("300d") is caught. */
export const MAX_DURATION_S = 30 * 86_400;
export const MAX_STEP_S = 60;

/**
 * A temperate indoor plant: 20 °C ± 5 °C over the day; raw material at its natural variability
 * (the engine's deviation is on an N(0, 1) scale) with a shift-length correlation time.
 */
export const DEFAULT_DISTURBANCES: Disturbances = {
  ambient: { meanC: 20, dailyAmplitudeC: 5 },
  rawMaterial: { std: 1, correlationH: 6 },
};
