/**
 * The optimizer's recommendations on the wire: the `recommendations` channel (one message per change
 * of a recommendation) and the /api/rl-agent routes. The same shapes as rl/recommendation.ts and
 * rl/proposal.ts (twin-api/protocol-conformance.ts keeps them equal).
 */
import { Type, type Static } from 'typebox';
import { List, Nullable, NumberRecord } from './schema-kit.ts';
import { Text } from './text.ts';

/**
 * proposed → approved → applying → applied (→ rolled_back), or applying → rolled_back | failed;
 * proposed → rejected | expired. `dropped`: verification refused it; it never reached a person.
 */
export const RecommendationStatus = Type.Union([
  Type.Literal('proposed'),
  Type.Literal('approved'),
  Type.Literal('applying'),
  Type.Literal('applied'),
  Type.Literal('rolled_back'),
  Type.Literal('rejected'),
  Type.Literal('expired'),
  Type.Literal('dropped'),
  Type.Literal('failed'),
]);
export type RecommendationStatus = Static<typeof RecommendationStatus>;

export const Planner = Type.Union([Type.Literal('mpc'), Type.Literal('ppo'), Type.Literal('rules')]);
export const OptimizerMode = Type.Union([Type.Literal('manual'), Type.Literal('semi-auto'), Type.Literal('auto')]);
export type OptimizerMode = Static<typeof OptimizerMode>;

export const DropReason = Type.Union([
  Type.Literal('constraint_violated'),
  Type.Literal('improvement_not_significant'),
  Type.Literal('production_inferior'),
  Type.Literal('energy_inferior'),
  Type.Literal('twin_not_trusted'),
  Type.Literal('no_change'),
]);

export const SetpointMove = Type.Object({ setpoint: Type.String(), unit: Type.String(), from: Type.Number(), to: Type.Number(), needsApproval: Type.Boolean() });
export type SetpointMove = Static<typeof SetpointMove>;

/** A paired effect (candidate − hold) with its 95 % interval over the verification runs. */
export const Effect = Type.Object({
  metric: Type.Union([Type.Literal('defectsPer1000'), Type.Literal('unitsPerH'), Type.Literal('energyMWh')]),
  unit: Type.String(),
  mean: Type.Number(),
  low: Type.Number(),
  high: Type.Number(),
});
export type Effect = Static<typeof Effect>;

export const Evidence = Type.Object({
  effects: List(Effect),
  defectImprovementLower95: Type.Number(),
  timeToEffectS: Nullable(Type.Number()),
  horizonS: Type.Number(),
  runs: Type.Integer(),
  seeds: List(Type.Integer()),
  perturbations: Type.Integer(),
  violations: Type.Integer(),
  curves: Type.Object({ tS: List(Type.Number()), holdDefectsPer1000: List(Type.Number()), candidateDefectsPer1000: List(Type.Number()) }),
  shadow: Type.Object({
    trackingAccuracy: Nullable(Type.Number()),
    flagged: List(Type.Object({ asset: Type.String(), flag: Type.String() })),
    trusted: Type.Boolean(),
  }),
  rationale: Type.String(),
});
export type Evidence = Static<typeof Evidence>;

export const Decision = Type.Object({ status: RecommendationStatus, atS: Type.Number(), at: Type.String(), actor: Type.String(), role: Type.String(), reason: Nullable(Type.String()) });

export const Execution = Type.Object({
  previous: NumberRecord(),
  startedAtS: Type.Number(),
  rampEndS: Type.Number(),
  windowEndS: Type.Number(),
  commandIds: List(Type.String()),
  observed: Nullable(Type.Object({ units: Type.Number(), defects: Type.Number(), defectsPer1000: Nullable(Type.Number()) })),
  rollback: Nullable(Type.Object({ atS: Type.Number(), automatic: Type.Boolean(), reason: Type.String() })),
});

export const Outcome = Type.Object({
  expectedDefectsPer1000: Type.Number(),
  holdDefectsPer1000: Type.Number(),
  observedDefectsPer1000: Nullable(Type.Number()),
  improved: Nullable(Type.Boolean()),
});

export const Recommendation = Type.Object({
  id: Type.String(),
  asset: Type.String(),
  planner: Planner,
  moves: List(SetpointMove),
  plan: List(Type.Object({ atS: Type.Number(), setpoint: Type.String(), value: Type.Number() })),
  evidence: Evidence,
  dropReasons: List(DropReason),
  needsApproval: Type.Boolean(),
  createdAtS: Type.Number(),
  createdAt: Type.String(),
  status: RecommendationStatus,
  basis: NumberRecord(),
  policyVersion: Type.Integer(),
  decisions: List(Decision),
  execution: Nullable(Execution),
  outcome: Nullable(Outcome),
});
export type Recommendation = Static<typeof Recommendation>;

/** Bodies of the /api/rl-agent routes. */
export const ApplyRecommendationBody = Type.Object({ id: Text({ minLength: 1, maxLength: 100 }), note: Type.Optional(Text({ maxLength: 500 })) }, { additionalProperties: false });
export const RejectRecommendationBody = Type.Object({ id: Text({ minLength: 1, maxLength: 100 }), reason: Text({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const RollbackBody = Type.Object({ id: Text({ minLength: 1, maxLength: 100 }), reason: Type.Optional(Text({ maxLength: 500 })) }, { additionalProperties: false });
export const OptimizeBody = Type.Object(
  {
    /** A line or machine id; all lines when absent. */
    asset: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    /** A training session's id: plan on that session's twin instead of the live plant. */
    session: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const RewardWeights = Type.Object(
  { defectRate: Type.Number({ minimum: 0 }), productionRate: Type.Number({ minimum: 0 }), energy: Type.Number({ minimum: 0 }), safetyViolation: Type.Number({ minimum: 0 }) },
  { additionalProperties: false },
);

/** GET/PUT /api/rl-agent/settings. */
export const OptimizerSettings = Type.Object(
  {
    enabled: Type.Boolean(),
    /** Per line or machine; absent: manual. */
    modes: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }), OptimizerMode),
    weights: RewardWeights,
    /** Simulated seconds between planning rounds. */
    cadenceS: Type.Number({ minimum: 60, maximum: 86_400 }),
    /** A proposal not applied within this many simulated seconds expires. */
    validityS: Type.Number({ minimum: 60, maximum: 86_400 }),
    rollback: Type.Object({ windowS: Type.Number({ minimum: 60, maximum: 86_400 }), worseningPct: Type.Number({ minimum: 1, maximum: 1000 }), minUnits: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type OptimizerSettings = Static<typeof OptimizerSettings>;

/** GET/PUT /api/rl-agent/safety-policy (rl/safety-policy.schema.json is the published schema of the same document). */
export const SafetyPolicyDoc = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    setpoints: Type.Record(
      Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }),
      Type.Object(
        {
          unit: Text({ minLength: 1, maxLength: 20 }),
          min: Type.Number(),
          max: Type.Number(),
          maxRate: Type.Object({ value: Type.Number({ exclusiveMinimum: 0 }), per: Type.Union([Type.Literal('s'), Type.Literal('min'), Type.Literal('h')]) }, { additionalProperties: false }),
          approvalAbove: Type.Number({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SafetyPolicyDoc = Static<typeof SafetyPolicyDoc>;

/** GET /api/rl-agent/safety-policy/changed: who last replaced the safety policy and when (null for both: the default policy, never changed). */
export const SafetyPolicyChange = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  changedBy: Nullable(Type.String()),
  /** ISO 8601 UTC wall-clock time of the change (an admin's act, not the simulation's). */
  changedAt: Nullable(Type.String()),
});
export type SafetyPolicyChange = Static<typeof SafetyPolicyChange>;

/**
 * What the optimizer would have proposed in a training session at one of its planning rounds (the
 * session's simulated time): a SIM-… recommendation, proposed or dropped with its reasons, or a
 * note when the round gave none or failed. Never applied, never in the live book.
 */
const SessionRound = {
  session: Type.String(),
  atS: Type.Number(),
  /** ISO 8601 UTC simulated time of the round. */
  at: Type.String(),
};
/** A round's fields when it gave a recommendation (the note is null). */
export const SessionProposed = { ...SessionRound, recommendation: Recommendation, note: Type.Null() };
/** A round's fields when it gave none or failed: the note says which (the recommendation is null). */
export const SessionNoted = { ...SessionRound, recommendation: Type.Null(), note: Type.String() };
export const SessionProposal = Type.Union([Type.Object(SessionProposed), Type.Object(SessionNoted)]);
export type SessionProposal = Static<typeof SessionProposal>;

/** GET/PUT /api/sessions/:id/optimizer: whether the optimizer plans along the session, and what it would have proposed (oldest first, the last 200). */
export const SessionOptimizerView = Type.Object({
  session: Type.String(),
  enabled: Type.Boolean(),
  cadenceS: Type.Number(),
  proposals: List(SessionProposal),
});
export type SessionOptimizerView = Static<typeof SessionOptimizerView>;

/** Body of PUT /api/sessions/:id/optimizer. */
export const SessionOptimizerBody = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });
