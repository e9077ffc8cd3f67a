/** The what-if result: its TypeBox schema and type. */
import { Type, type Static, type TSchema } from 'typebox';
import { DEFECT_TYPES } from '../../physics/model.ts';

export const Spread = Type.Object({ mean: Type.Number(), std: Type.Number(), p10: Type.Number(), p90: Type.Number() });

const byDefectType = <T extends TSchema>(t: T) => Type.Object(Object.fromEntries(DEFECT_TYPES.map((d) => [d, t])) as Record<(typeof DEFECT_TYPES)[number], T>);

/** One branch of one seed. */
export const BranchNumbers = Type.Object({
  units: Type.Integer(),
  defects: Type.Integer(),
  defectsByType: byDefectType(Type.Integer()),
  /** Defects per 1,000 units (0 when no unit was made). */
  defectsPer1000: Type.Number(),
  /** Units without any defect, percent of units (100 when no unit was made). */
  firstPassYieldPct: Type.Number(),
  unitsPerH: Type.Number(),
  /** Furnace burner (fuel) energy plus machine energy, MWh. */
  energyMWh: Type.Number(),
  burnerMWh: Type.Number(),
  machineMWh: Type.Number(),
});
export type BranchNumbers = Static<typeof BranchNumbers>;

/** One branch across seeds. */
export const BranchSummary = Type.Object({
  units: Spread,
  defectsPer1000: Spread,
  /** Defects per 1,000 units by type. */
  defectsPer1000ByType: byDefectType(Spread),
  firstPassYieldPct: Spread,
  unitsPerH: Spread,
  energyMWh: Spread,
  burnerMWh: Spread,
  machineMWh: Spread,
});

const QUANTITIES = ['defect_rate', 'production_rate', 'power'] as const;
export type EffectQuantity = (typeof QUANTITIES)[number];
const Quantity = Type.Union([Type.Literal('defect_rate'), Type.Literal('production_rate'), Type.Literal('power')]);

export const QuantityEffect = Type.Object({
  /** First sample time (s after the snapshot) at which the mean paired difference exceeds the seed spread; null: never within the horizon. */
  tS: Type.Union([Type.Number(), Type.Null()]),
  /** The same test per seed, over the seeds that departed. */
  perSeedS: Type.Union([Spread, Type.Null()]),
  seedsDeparted: Type.Integer(),
});

export const WhatIfResult = Type.Object({
  /** The plan that ran (defaults filled in). */
  request: Type.Object({
    changes: Type.Array(Type.Object({ setpoint: Type.String(), value: Type.Number(), asset: Type.String() })),
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
  /** Changed minus baseline, paired by seed (same random streams). */
  delta: Type.Object({ defectsPer1000: Spread, firstPassYieldPct: Spread, unitsPerH: Spread, energyMWh: Spread }),
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
