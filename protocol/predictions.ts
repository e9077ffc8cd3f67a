/** Live model output on the wire: the `predictions` channel and GET /api/predictions. */
import { Type, type Static } from 'typebox';
import { List, NumberRecord } from './schema-kit.ts';

/** How far a prediction can be trusted: its model is loaded, being loaded (or trained), or absent. */
export const PredictionModelStatus = Type.Union([Type.Literal('ready'), Type.Literal('loading'), Type.Literal('missing')]);
export type PredictionModelStatus = Static<typeof PredictionModelStatus>;

/** An input that pushed a prediction (integrated gradients, signed, in the model's raw output unit). */
export const PredictionContribution = Type.Object({ feature: Type.String(), contribution: Type.Number() });
export type PredictionContribution = Static<typeof PredictionContribution>;

const Explained = Type.Object({ value: Type.Number(), explanation: List(PredictionContribution) });

/**
 * Remaining useful life as a model can honestly say it. RUL models are trained on targets clipped at
 * a cap (a training device: before visible wear the true life is not predictable), so an answer at or
 * near the cap means "at least the cap", never a point estimate. The cap travels with the model.
 */
export const RulEstimate = Type.Object({
  kind: Type.Literal('estimate'),
  /** Point estimate, below the model's cap. */
  hours: Type.Number(),
  unit: Type.Literal('h'),
  /** The cap the model's training targets were clipped at; absent when its metadata records none. */
  capH: Type.Optional(Type.Number()),
  explanation: List(PredictionContribution),
});
/** Censored: the model answered within its error of its cap, so all it says is "more than capH hours"; `hours` equals `capH`. */
export const RulAtLeast = Type.Object({
  kind: Type.Literal('at-least'),
  hours: Type.Number(),
  unit: Type.Literal('h'),
  capH: Type.Number(),
  explanation: List(PredictionContribution),
});
export const RulPrediction = Type.Union([RulEstimate, RulAtLeast]);
export type RulPrediction = Static<typeof RulPrediction>;

/**
 * Payload of a `predictions` message: one asset's latest predictions; a task is absent until its
 * model is ready. RUL travels in hours, the unit the models are trained in, with its unit and cap.
 */
export const PredictionData = Type.Object({
  asset: Type.String(),
  /** Machine profile (pump, cnc, …) or "line". */
  kind: Type.String(),
  /** Simulated seconds since the scenario start of the sample the predictions were made on. */
  tS: Type.Number(),
  status: Type.Partial(Type.Object({ rul: PredictionModelStatus, failure: PredictionModelStatus, anomaly: PredictionModelStatus, defects: PredictionModelStatus })),
  /** Remaining useful life from the sample at tS: an estimate, or "at least the cap" (RulPrediction). */
  rul: Type.Optional(RulPrediction),
  /** Probability of failure within the model's horizon. */
  failureProbability: Type.Optional(Explained),
  /** Reconstruction error over its threshold (> 1: anomalous) and the sensors reconstructed worst. */
  anomaly: Type.Optional(Type.Object({ score: Type.Number(), anomalous: Type.Boolean(), topSensors: List(PredictionContribution) })),
  /** P(≥ 1 defect of a type within a horizon) by output name (e.g. "crack_1h"). */
  defects: Type.Optional(Type.Object({ probabilities: NumberRecord(), explanation: List(PredictionContribution) })),
});
export type PredictionData = Static<typeof PredictionData>;

/** Body of GET /api/predictions: every asset's latest predictions. */
export const PredictionList = List(PredictionData);

/** One row of GET /api/predictions/history, newest first; `payload` is the PredictionData as it was published. */
export const StoredPrediction = Type.Object({ id: Type.Integer(), tMs: Type.Number(), asset: Type.String(), model: Type.String(), payload: Type.Unknown() });
export type StoredPrediction = Static<typeof StoredPrediction>;
export const StoredPredictionList = List(StoredPrediction);
