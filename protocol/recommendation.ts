/** An optimizer's proposal on the wire: the `recommendations` channel (one message per change of a recommendation). */
import { Type, type Static } from 'typebox';
import { SetpointChange } from './plant.ts';
import { List, Nullable } from './schema-kit.ts';

/**
 * proposed → approved → applying → applied → rolled_back, or proposed → rejected | expired.
 * Only an operator approves or rejects; applying goes through the one command path of the plant.
 */
export const RecommendationStatus = Type.Union([
  Type.Literal('proposed'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
  Type.Literal('applying'),
  Type.Literal('applied'),
  Type.Literal('rolled_back'),
  Type.Literal('expired'),
]);
export type RecommendationStatus = Static<typeof RecommendationStatus>;

/** The change a metric is expected to see, with its spread over the what-if seeds. */
export const ExpectedEffect = Type.Object({
  /** e.g. defectsPer1000, firstPassYieldPct, unitsPerH, energyMWh. */
  metric: Type.String(),
  unit: Type.String(),
  /** Expected change (changed − baseline) and its 10th–90th percentile interval. */
  delta: Type.Number(),
  low: Type.Number(),
  high: Type.Number(),
});
export type ExpectedEffect = Static<typeof ExpectedEffect>;

/** Why the proposal may be trusted: the forked run that checked it, and how well the twin tracks the plant. */
export const RecommendationEvidence = Type.Object({
  /** The what-if run that compared the change against the baseline. */
  whatIfRunId: Nullable(Type.String()),
  /** Shadow tracking accuracy (0..1) when the proposal was made; null without a live plant. */
  shadowTrackingAccuracy: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
});
export type RecommendationEvidence = Static<typeof RecommendationEvidence>;

export const Recommendation = Type.Object({
  id: Type.String(),
  /** ISO 8601 UTC simulated times. */
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** The line or machine whose setpoints change. */
  asset: Type.String(),
  changes: List(SetpointChange, { minItems: 1 }),
  expected: List(ExpectedEffect),
  evidence: RecommendationEvidence,
  status: RecommendationStatus,
  /** Who made the last status change (the optimizer for proposed and expired) and why. */
  actor: Type.String(),
  reason: Nullable(Type.String()),
});
export type Recommendation = Static<typeof Recommendation>;
