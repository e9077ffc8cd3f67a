/**
 * The causal knowledge graph on the wire (/api/knowledge-graph): nodes and edges to draw, root-cause
 * answers with their evidence and interventions, feedback, engineers' edits and candidate edges.
 * Ids are the graph's own (`variable:Line_A.furnace_temp`, `defect:crack`, `CAUSES:<from>-><to>`).
 */
import { Type, type Static } from 'typebox';
import { List, Nullable } from './schema-kit.ts';
import { Text } from './text.ts';

export const KG_NODE_KINDS = ['Sensor', 'Variable', 'DefectType', 'FailureMode', 'Equipment', 'Intervention', 'Incident', 'Deviation'] as const;
export const KG_EDGE_KINDS = ['MEASURES', 'CAUSES', 'NO_IMPACT', 'CONTROLS', 'MITIGATES', 'HAS_DEVIATION', 'CONFIRMED_CAUSE', 'REJECTED_CAUSE'] as const;

const L = Type.Literal;
export const KgNodeKind = Type.Union([L('Sensor'), L('Variable'), L('DefectType'), L('FailureMode'), L('Equipment'), L('Intervention'), L('Incident'), L('Deviation')]);
export const KgEdgeKind = Type.Union([L('MEASURES'), L('CAUSES'), L('NO_IMPACT'), L('CONTROLS'), L('MITIGATES'), L('HAS_DEVIATION'), L('CONFIRMED_CAUSE'), L('REJECTED_CAUSE')]);

/** Flat scalar properties, as every store keeps them. */
export const KgProps = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]));

export const KgNode = Type.Object({ id: Type.String(), kind: KgNodeKind, label: Type.String(), props: KgProps });
export type KgNode = Static<typeof KgNode>;

export const KgEdge = Type.Object({
  id: Type.String(),
  kind: KgEdgeKind,
  from: Type.String(),
  to: Type.String(),
  props: KgProps,
  /** The Beta mean α / (α + β) of a CAUSES edge; null for the other kinds. */
  confidence: Nullable(Type.Number()),
});
export type KgEdge = Static<typeof KgEdge>;

export const KgSubgraph = Type.Object({ nodes: List(KgNode), edges: List(KgEdge) });
export type KgSubgraph = Static<typeof KgSubgraph>;

/** A request the what-if endpoint (POST /api/digital-twin/what-if) takes as it is. */
export const KgWhatIf = Type.Object({
  changes: List(Type.Object({ setpoint: Type.String(), value: Type.Number() }), { minItems: 1 }),
  horizon: Type.String(),
});

export const KgIntervention = Type.Object({
  id: Type.String(),
  label: Type.String(),
  /** The setpoint it changes, or null (a procedure: isolate a batch, plan maintenance). */
  setpoint: Nullable(Type.String()),
  unit: Nullable(Type.String()),
  /** The change the graph gives: absolute, or a fraction of the current value when `relative`. */
  delta_min: Nullable(Type.Number()),
  delta_max: Nullable(Type.Number()),
  relative: Nullable(Type.Boolean()),
  current_value: Nullable(Type.Number()),
  /** Concrete targets: the current value moved by delta_min and delta_max. */
  target_min: Nullable(Type.Number()),
  target_max: Nullable(Type.Number()),
  /** The value the what-if request tries (the middle of the targets). */
  target_value: Nullable(Type.Number()),
  /** Expected relative change of the symptom's rate (−0.4: 40 % fewer). */
  expected_effect: Type.Number(),
  time_to_effect_min_s: Type.Number(),
  time_to_effect_max_s: Type.Number(),
  what_if: Nullable(KgWhatIf),
});
export type KgIntervention = Static<typeof KgIntervention>;

export const RcaCauseWire = Type.Object({
  /** A Variable or FailureMode node id, `instrument:<sensor id>`, or `none`. */
  root_cause_id: Type.String(),
  kind: Type.Union([Type.Literal('process'), Type.Literal('instrument'), Type.Literal('none')]),
  parameter_name: Type.String(),
  label: Type.String(),
  /** Peak deviation in σ (after the causes' share of it is taken out). */
  deviation_magnitude: Type.Number(),
  confidence: Type.Number(),
  evidence: Type.Object({
    /** ISO time the deviation passed the onset threshold, or null. */
    onset_time: Nullable(Type.String()),
    /** The sensors read, with their own peak deviation in σ and the number of samples behind their bins. */
    sensors: List(Type.Object({ sensor: Type.String(), sigma: Type.Number(), samples: Type.Integer() })),
    samples: Type.Integer(),
    /** CAUSES edge ids from the cause to the symptom. */
    path: List(Type.String()),
    prior: Type.Number(),
  }),
  recommended_action: Type.String(),
  interventions: List(KgIntervention),
});
export type RcaCauseWire = Static<typeof RcaCauseWire>;

export const FailureModeLikelihood = Type.Object({
  failure_mode_id: Type.String(),
  mode: Type.String(),
  confidence: Type.Number(),
  similarity: Type.Number(),
  evidence: List(Type.Object({ sensor: Type.String(), observed_sigma: Nullable(Type.Number()), expected_sigma: Type.Number() })),
  interventions: List(KgIntervention),
});
export type FailureModeLikelihood = Static<typeof FailureModeLikelihood>;

export const RcaSymptomWire = Type.Object({
  kind: Type.Union([Type.Literal('defect'), Type.Literal('sensor'), Type.Literal('machine')]),
  /** The symptom's node id (`defect:crack`, `sensor:<id>`, the machine's id). */
  id: Type.String(),
  asset: Type.String(),
  defect_type: Nullable(Type.String()),
  sensor: Nullable(Type.String()),
  direction: Nullable(Type.Union([Type.Literal('above'), Type.Literal('below')])),
  alert_id: Nullable(Type.String()),
});

export const RootCauseAnswer = Type.Object({
  symptom: RcaSymptomWire,
  /** ISO time analysed, and the window of history read. */
  timestamp: Type.String(),
  window: Type.Object({ from: Type.String(), to: Type.String() }),
  min_confidence: Type.Number(),
  /** At most three candidates above min_confidence, most probable first (for a machine: none; see failure_modes). */
  causes: List(RcaCauseWire),
  /** A machine's failure modes, most likely first (empty for a line or a sensor). */
  failure_modes: List(FailureModeLikelihood),
  /** One paragraph built from the numbers above only. */
  diagnosis: Type.String(),
});
export type RootCauseAnswer = Static<typeof RootCauseAnswer>;

export const InterventionAnswer = Type.Object({
  defect_type: Type.String(),
  line: Type.String(),
  interventions: List(KgIntervention),
});
export type InterventionAnswer = Static<typeof InterventionAnswer>;

const Id = Text({ maxLength: 300, minLength: 1 });

export const FeedbackBody = Type.Object(
  {
    incident_id: Id,
    /** The symptom node: `defect:crack`, a FailureMode id, or for a sensor alert the Variable its sensor measures. */
    symptom: Id,
    /** The cause proposed: a Variable or FailureMode node id. */
    cause: Id,
    verdict: Type.Union([Type.Literal('confirmed'), Type.Literal('rejected')]),
    /** The CAUSES edge ids the root-cause answer gave as evidence.path. */
    path: List(Id, { minItems: 1, maxItems: 10 }),
    label: Type.Optional(Text({ maxLength: 300 })),
    deviations: Type.Optional(List(Type.Object({ variable: Id, sigma: Type.Number(), onset: Text({ maxLength: 40, minLength: 1 }) }, { additionalProperties: false }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type FeedbackBody = Static<typeof FeedbackBody>;

export const FeedbackAnswer = Type.Object({
  incident_id: Type.String(),
  verdict: Type.String(),
  /** The CAUSES edges whose Beta counts moved, with their new confidences. */
  updated: List(KgEdge),
});

export const EdgeConfidenceBody = Type.Object({ alpha: Type.Number({ exclusiveMinimum: 0, maximum: 1e6 }), beta: Type.Number({ exclusiveMinimum: 0, maximum: 1e6 }) }, { additionalProperties: false });
export const EdgeRemoved = Type.Object({ id: Type.String(), removed: Type.Boolean() });

export const CandidateEdgeWire = Type.Object({
  from: Type.String(),
  to: Type.String(),
  sign: Type.Union([Type.Literal(1), Type.Literal(-1)]),
  lag_s: Type.Number(),
  correlation: Type.Number(),
  reverse_correlation: Type.Number(),
  pairs: Type.Integer(),
});
export const CandidateEdges = Type.Object({ line: Type.String(), from: Type.String(), to: Type.String(), candidates: List(CandidateEdgeWire) });

export const AcceptCandidateBody = Type.Object(
  {
    from: Id,
    to: Id,
    sign: Type.Union([Type.Literal(1), Type.Literal(-1), Type.Literal(0)]),
    lagMinS: Type.Number({ minimum: 0, maximum: 86_400 }),
    lagMaxS: Type.Number({ minimum: 0, maximum: 86_400 }),
    mechanism: Text({ minLength: 1, maxLength: 500 }),
    /** The confidence the new edge starts with (default 0.5: undecided). */
    confidence: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })),
  },
  { additionalProperties: false },
);
export type AcceptCandidateBody = Static<typeof AcceptCandidateBody>;
