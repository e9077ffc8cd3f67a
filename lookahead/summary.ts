/** What a look-ahead reports: plain types (protocol/what-if.ts has the wire schemas of the same shapes). */
import type { DefectType } from '../physics/model.ts';
import type { Spread } from './stats.ts';

export type { Spread } from './stats.ts';

/** One branch of one seed. */
export interface BranchNumbers {
  readonly units: number;
  readonly defects: number;
  readonly defectsByType: Readonly<Record<DefectType, number>>;
  /** Defects per 1,000 units (0 when no unit was made). */
  readonly defectsPer1000: number;
  /** Units without any defect, percent of units (monitor's firstPassYield); null when no unit was made. */
  readonly firstPassYieldPct: number | null;
  readonly unitsPerH: number;
  /** Furnace burner (fuel) energy plus machine energy, MWh. */
  readonly energyMWh: number;
  readonly burnerMWh: number;
  readonly machineMWh: number;
  /** Machine failures within the horizon (the twin's failure events). */
  readonly failures: number;
  /** Least remaining useful life of the covered machines at the horizon, h (twin wear state); null without a machine. */
  readonly rulEndH: number | null;
}

/** One branch across seeds. */
export interface BranchSummary {
  readonly units: Spread;
  readonly defectsPer1000: Spread;
  readonly defectsPer1000ByType: Readonly<Record<DefectType, Spread>>;
  /** Over the seeds whose branch made units; null when none did. */
  readonly firstPassYieldPct: Spread | null;
  readonly unitsPerH: Spread;
  readonly energyMWh: Spread;
  readonly burnerMWh: Spread;
  readonly machineMWh: Spread;
  /** Least machine RUL at the horizon, h; null when no machine is covered. */
  readonly rulEndH: Spread | null;
  /** Failure risk within the horizon: percent of seeds in which a covered machine failed. */
  readonly failureRiskPct: number;
}

/**
 * Where the machine figures come from: the twin's own wear state (its simulated ground truth, the
 * damage each failure mode has accrued against the life the twin drew for it), not a trained
 * model's estimate. A real plant's remaining life is not known this way; the twin's is.
 */
export interface MachineHealthBasis {
  readonly source: 'twin_wear_state';
  /** Least RUL of the covered machines at the fork, h at rated conditions (the same in both branches). */
  readonly rulAtForkH: number;
}

export type EffectQuantity = 'defect_rate' | 'production_rate' | 'power';

export interface QuantityEffect {
  /**
   * First sample time (s after the fork) from which on the mean paired difference stays outside the
   * noise band (the seed spread) up to the horizon; null: no lasting effect within the horizon.
   */
  readonly tS: number | null;
  /** The same test per seed, over the seeds that departed. */
  readonly perSeedS: Spread | null;
  readonly seedsDeparted: number;
}

export interface LookaheadSummary {
  /** Simulated time of the fork, s since the scenario start. */
  readonly startTS: number;
  /** The assets the metrics cover. */
  readonly assets: readonly string[];
  readonly baseline: BranchSummary;
  readonly changed: BranchSummary;
  /** Changed minus baseline, paired by seed (same random streams). */
  readonly delta: {
    readonly defectsPer1000: Spread;
    /** Over the seeds where both branches made units; null when there is none. */
    readonly firstPassYieldPct: Spread | null;
    readonly unitsPerH: Spread;
    readonly energyMWh: Spread;
    readonly defectsPer1000ByType: Readonly<Record<DefectType, Spread>>;
    /** Least machine RUL at the horizon, h; null when no machine is covered. */
    readonly rulEndH: Spread | null;
    /** Percentage points. */
    readonly failureRiskPct: number;
  };
  /** Null when the metrics cover no machine. */
  readonly machineHealth: MachineHealthBasis | null;
  readonly timeToEffect: {
    /** Earliest over the quantities, s after the fork; null if nothing departed within the horizon. Each quantity has its own in `byQuantity`. */
    readonly tS: number | null;
    readonly quantity: EffectQuantity | null;
    /** Sample interval of the series the test runs on (the time resolution), s. */
    readonly resolutionS: number;
    readonly byQuantity: Readonly<Record<EffectQuantity, QuantityEffect>>;
  };
  readonly perSeed: readonly {
    readonly seed: number;
    readonly baseline: BranchNumbers;
    readonly changed: BranchNumbers;
    /** Earliest departure of this seed over the quantities, s after the fork. */
    readonly timeToEffectS: number | null;
  }[];
}
