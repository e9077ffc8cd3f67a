/** The what-if on the wire (`POST /api/digital-twin/what-if`): the request body and the result, as TypeBox schemas. */
import { Type, type Static, type TSchema } from 'typebox';

export const MAX_HORIZON_S = 24 * 3600;
export const MAX_SEEDS = 64;
export const DEFAULT_SEEDS = 16;
/** Look-ahead steps a request may ask for. */
export const LOOKAHEAD_STEPS_S = [10, 30, 60] as const;
/** The default look-ahead step: the coarsest that stays faithful to the 1 s plant (lookahead/README.md). */
export const DEFAULT_LOOKAHEAD_STEP_S = 10;

/** The defect types a result counts, as physics names them (twin-api/what-if tests the two lists are equal). */
export const WHAT_IF_DEFECT_TYPES = ['crack', 'bubble', 'chip', 'cloudiness', 'deformation', 'stain', 'stress_fracture'] as const;

export const WhatIfChange = Type.Object(
  {
    /** A setpoint id, e.g. "Line_A.furnace_temp" or "pump_003.load". */
    setpoint: Type.String({ minLength: 1, description: 'Setpoint id, e.g. Line_A.furnace_temp' }),
    value: Type.Number({ description: "New target, in the setpoint's unit" }),
    atS: Type.Optional(
      Type.Integer({ minimum: 0, description: 'When the change is applied, whole seconds after the fork (default 0: now); less than the horizon' }),
    ),
    durationS: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          '"For this long, then back": whole seconds after atS at which the setpoint returns to the target it had before this change (absent: the change stays); the return lies before the horizon',
      }),
    ),
  },
  { additionalProperties: false },
);
export type WhatIfChange = Static<typeof WhatIfChange>;

export const WhatIfRequest = Type.Object(
  {
    changes: Type.Array(WhatIfChange, { minItems: 1, maxItems: 32, description: 'Setpoint changes of the changed branch, each now or at its atS' }),
    horizon: Type.Union([Type.Number({ exclusiveMinimum: 0 }), Type.String({ minLength: 1 })], {
      description: 'How far to look ahead: seconds, or a duration such as "4h" or "1h30m" (at most 24h)',
    }),
    seeds: Type.Optional(
      Type.Union([
        Type.Integer({ minimum: 1, maximum: MAX_SEEDS, description: 'Number of Monte-Carlo futures (seeds 1..n)' }),
        Type.Array(Type.Integer({ minimum: 0, maximum: 0xffff_ffff }), { minItems: 1, maxItems: MAX_SEEDS, uniqueItems: true }),
      ]),
    ),
    stepS: Type.Optional(
      Type.Union([Type.Literal(1), Type.Literal(10), Type.Literal(30), Type.Literal(60)], {
        description: `Look-ahead step, s (default ${DEFAULT_LOOKAHEAD_STEP_S}: the coarsest that stays faithful; 1: the reference plant's own step, ten times slower)`,
      }),
    ),
    scope: Type.Optional(
      Type.Union([Type.Literal('affected'), Type.Literal('plant')], {
        description: 'Which assets the metrics cover: the assets whose setpoints change (default), or the whole plant',
      }),
    ),
  },
  { additionalProperties: false },
);
export type WhatIfRequest = Static<typeof WhatIfRequest>;

export const Spread = Type.Object({ mean: Type.Number(), std: Type.Number(), p10: Type.Number(), p90: Type.Number() });
export type Spread = Static<typeof Spread>;

const byDefectType = <T extends TSchema>(t: T) =>
  Type.Object(Object.fromEntries(WHAT_IF_DEFECT_TYPES.map((d) => [d, t])) as Record<(typeof WHAT_IF_DEFECT_TYPES)[number], T>);

/** One branch of one seed. */
export const BranchNumbers = Type.Object({
  units: Type.Integer(),
  defects: Type.Integer(),
  defectsByType: byDefectType(Type.Integer()),
  /** Defects per 1,000 units (0 when no unit was made). */
  defectsPer1000: Type.Number(),
  /** Units without any defect, percent of units; null when no unit was made (as the KPI cards' first-pass yield). */
  firstPassYieldPct: Type.Union([Type.Number(), Type.Null()]),
  unitsPerH: Type.Number(),
  /** Furnace burner (fuel) energy plus machine energy, MWh. */
  energyMWh: Type.Number(),
  burnerMWh: Type.Number(),
  machineMWh: Type.Number(),
  /** Machine failures within the horizon (the twin's failure events). */
  failures: Type.Integer(),
  /** Least remaining useful life of the covered machines at the horizon, h at rated conditions (the twin's wear state); null without a machine. */
  rulEndH: Type.Union([Type.Number(), Type.Null()]),
});
export type BranchNumbers = Static<typeof BranchNumbers>;

/** One branch across seeds. */
export const BranchSummary = Type.Object({
  units: Spread,
  defectsPer1000: Spread,
  /** Defects per 1,000 units by type. */
  defectsPer1000ByType: byDefectType(Spread),
  /** Over the seeds whose branch made units; null when none did. */
  firstPassYieldPct: Type.Union([Spread, Type.Null()]),
  unitsPerH: Spread,
  energyMWh: Spread,
  burnerMWh: Spread,
  machineMWh: Spread,
  /** Least machine RUL at the horizon, h; null when no machine is covered. */
  rulEndH: Type.Union([Spread, Type.Null()]),
  /** Percent of seeds in which a covered machine failed within the horizon. */
  failureRiskPct: Type.Number(),
});
export type BranchSummary = Static<typeof BranchSummary>;

const Quantity = Type.Union([Type.Literal('defect_rate'), Type.Literal('production_rate'), Type.Literal('power')]);

export const QuantityEffect = Type.Object({
  /** First sample time (s after the snapshot) from which the mean paired difference stays outside the noise band (seed spread) to the horizon; null: no lasting effect within the horizon. */
  tS: Type.Union([Type.Number(), Type.Null()]),
  /** The same test per seed, over the seeds that departed. */
  perSeedS: Type.Union([Spread, Type.Null()]),
  seedsDeparted: Type.Integer(),
});

export const WhatIfResult = Type.Object({
  /** The plan that ran (defaults filled in). */
  request: Type.Object({
    changes: Type.Array(
      Type.Object({ setpoint: Type.String(), value: Type.Number(), asset: Type.String(), atS: Type.Number(), durationS: Type.Optional(Type.Number()) }),
    ),
    horizonS: Type.Number(),
    seeds: Type.Array(Type.Integer()),
    stepS: Type.Number(),
    scope: Type.Union([Type.Literal('affected'), Type.Literal('plant')]),
  }),
  /** Simulated time of the snapshot (s since the scenario start) and as ISO 8601. */
  startTS: Type.Number(),
  startIso: Type.String(),
  /** The assets the metrics cover. */
  assets: Type.Array(Type.String()),
  baseline: BranchSummary,
  changed: BranchSummary,
  /** Changed minus baseline, paired by seed (same random streams); first-pass yield over the seeds where both branches made units. */
  delta: Type.Object({
    defectsPer1000: Spread,
    firstPassYieldPct: Type.Union([Spread, Type.Null()]),
    unitsPerH: Spread,
    energyMWh: Spread,
    defectsPer1000ByType: byDefectType(Spread),
    /** Least machine RUL at the horizon, h, paired; null when no machine is covered. */
    rulEndH: Type.Union([Spread, Type.Null()]),
    /** Failure risk within the horizon, percentage points. */
    failureRiskPct: Type.Number(),
  }),
  /**
   * Where the machine figures (RUL, failure risk) come from; null when no machine is covered.
   * "twin_wear_state": the twin's own simulated wear (damage accrued against the life it drew for each
   * failure mode), i.e. the twin's ground truth, not a trained model's estimate.
   */
  machineHealth: Type.Union([Type.Object({ source: Type.Literal('twin_wear_state'), rulAtForkH: Type.Number() }), Type.Null()]),
  timeToEffect: Type.Object({
    /** Earliest over the quantities, s after the snapshot; null if nothing departed within the horizon. */
    tS: Type.Union([Type.Number(), Type.Null()]),
    quantity: Type.Union([Quantity, Type.Null()]),
    /** Sample interval of the series the test runs on (the time resolution), s. */
    resolutionS: Type.Number(),
    byQuantity: Type.Object({ defect_rate: QuantityEffect, production_rate: QuantityEffect, power: QuantityEffect }),
  }),
  perSeed: Type.Array(
    Type.Object({
      seed: Type.Integer(),
      baseline: BranchNumbers,
      changed: BranchNumbers,
      /** Earliest departure of this seed over the quantities, s after the snapshot. */
      timeToEffectS: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  /** Wall-clock time of the whole request, ms. */
  wallMs: Type.Number(),
});
export type WhatIfResult = Static<typeof WhatIfResult>;
