/** The look-ahead core: timed plans run as paired branches on forks of a plant (see README.md). */
export { changesNow, orderedMaintenance, orderedSteps, planAssets, type LookaheadPlan, type LookaheadScope, type MaintenanceStep, type PlanStep } from './plan.ts';
export { Lookahead, type RolloutJob, type RolloutResult } from './lookahead.ts';
export { inProcessRolloutRunner, type RolloutRunner } from './rollout-runner.ts';
export { plantKey, plantRef, type PlantRef } from './plant-key.ts';
export { DEFAULT_PLANT_CACHE_SIZE, PlantCache } from './plant-cache.ts';
export { addTraces, runBranch, sampleTimesS, type BranchTrace, type SeedTrace } from './run-branch.ts';
export { summarize } from './summarize.ts';
export type { BranchNumbers, BranchSummary, EffectQuantity, LookaheadSummary, QuantityEffect, Spread } from './summary.ts';
export type { Scenario } from '../engine/scenario.ts';
