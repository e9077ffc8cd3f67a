/**
 * The fitted part of root-cause analysis: the weights that combine a candidate's evidence into a
 * probability (a conditional logit over the candidates of one case), the temperature of the machine
 * diagnosis, and the slopes of each propagation edge (child per parent, in their units) used to
 * regress a variable on its graph parents. All of it is fitted by `npm run bench:knowledge -- --fit`
 * on training seeds only and saved in knowledge/rca-model.json; the benchmark's figures use other seeds.
 */
import saved from './rca-model.json' with { type: 'json' };

/** The evidence of one candidate, in the order of `RcaModel.weights`. */
export const FEATURES = [
  /** log(1 + signed peak deviation in σ, after regressing on the graph parents), 0 when it moved the wrong way. */
  'deviation',
  /** 1 when the deviation began before the symptom by at least the edge's minimum lag. */
  'precedence',
  /** log of the path's prior (product of its edges' Beta means). */
  'log_prior',
  /** How much of the deviation one sensor carries while the variable's other sensors disagree (0..1). */
  'sensor_disagreement',
  /** Edges between the candidate and the symptom, less one. */
  'extra_hops',
  /** 1 for "the instrument is at fault" candidates. */
  'is_instrument',
  /** For an instrument: 1 − (median deviation of its variable's other sensors / its own); 0 when it is the only one. */
  'instrument_unconfirmed',
  /** For an instrument on a variable that answers in minutes: the largest one-bin jump as a share of its deviation. */
  'instrument_step',
  /** For an instrument: 1 when what its variable drives shows none of the movement the reading implies. */
  'downstream_missing',
  /** 1 for the "no cause in the graph" candidate. */
  'is_none',
] as const;
export type Feature = (typeof FEATURES)[number];

export interface RcaModel {
  readonly weights: readonly number[];
  /** Softmax temperature of the failure-mode diagnosis (on cosine similarities). */
  readonly machineTemperature: number;
  /** Fitted slope per propagation edge template `${from}->${to}` (line variable names), child units per parent unit. */
  readonly slopes: Readonly<Record<string, number>>;
  /** Which seeds and how many cases it was fitted on (provenance, shown by the benchmark). */
  readonly fittedOn: { readonly seeds: readonly number[]; readonly cases: number; readonly machineCases: number };
}

/** Refuses a model of another feature set (a stale rca-model.json after FEATURES changed): refit it. */
export function checkModel(m: RcaModel): RcaModel {
  if (m.weights.length !== FEATURES.length || m.weights.some((w) => !Number.isFinite(w))) {
    throw new Error(`rca-model.json has ${m.weights.length} weights for ${FEATURES.length} features: run \`npm run bench:knowledge -- --fit\``);
  }
  return m;
}

export const RCA_MODEL: RcaModel = saved as RcaModel;
