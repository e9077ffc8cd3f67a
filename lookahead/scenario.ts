import type { RunSpec } from '../engine/engine.ts';

/**
 * The scenario a plant is built from, named through the engine (which owns its input types), so the
 * look-ahead never imports scenarios/.
 */
export type Scenario = RunSpec['scenario'];
