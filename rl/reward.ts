/**
 * The optimizer's objective, one definition for the planners, the environment and the benchmark:
 *
 *   r = −w_d·defect_rate + w_p·production_rate − w_e·energy − w_s·safety_violations
 *
 * with the plant's seed weights 10, 0.1, 0.01, 100 and the quantities in the units the KPI cards
 * show: defect rate in defects per 1,000 units (monitor's defectRatePer1000), production in units
 * per hour, energy as mean power in MW over the period (burner fuel plus machine drives, metered by
 * the look-ahead), violations as a count. Rates, not totals, so the value does not depend on the
 * length of the period. For a line at 905 units/h, 14 defects per 1,000 and 17.3 MW this is
 * −140 + 90.5 − 0.17 = −49.7. Energy in MW (not kW) because with kW one megawatt weighed as much
 * as a defect per 1,000 units, and the planner, measured on the library incidents, cut the furnace
 * by up to 130 °C to save fuel while defects rose: energy is a tie-breaker here, defects and
 * production decide, as the verifier's margins do.
 */

export interface RewardWeights {
  readonly defectRate: number;
  readonly productionRate: number;
  readonly energy: number;
  readonly safetyViolation: number;
}

export const DEFAULT_REWARD_WEIGHTS: RewardWeights = { defectRate: 10, productionRate: 0.1, energy: 0.01, safetyViolation: 100 };

/** What a period of one line (or machine, or the sum of several) produced. */
export interface PeriodOutcome {
  readonly units: number;
  readonly defects: number;
  /** Burner plus drive energy over the period, MJ (the look-ahead meters MJ). */
  readonly energyMJ: number;
  readonly durationS: number;
  readonly violations: number;
}

/** The reward terms of a period, each with its sign applied, and their sum. */
export interface RewardTerms {
  readonly defectRate: number;
  readonly productionRate: number;
  readonly energy: number;
  readonly safety: number;
  readonly total: number;
}

/**
 * @example rewardTerms({ units: 905, defects: 13, energyMJ: 62_403, durationS: 3600, violations: 0 }).total ≈ −53.3
 */
export function rewardTerms(o: PeriodOutcome, w: RewardWeights = DEFAULT_REWARD_WEIGHTS): RewardTerms {
  if (!(o.durationS > 0)) throw new RangeError(`reward: durationS must be more than 0, got ${o.durationS}`);
  const defectsPer1000 = o.units > 0 ? (1000 * o.defects) / o.units : 0;
  const unitsPerH = (o.units * 3600) / o.durationS;
  const powerMW = o.energyMJ / o.durationS;
  const defectRate = -w.defectRate * defectsPer1000;
  const productionRate = w.productionRate * unitsPerH;
  const energy = -w.energy * powerMW;
  const safety = -w.safetyViolation * o.violations;
  return { defectRate, productionRate, energy, safety, total: defectRate + productionRate + energy + safety };
}

export function reward(o: PeriodOutcome, w: RewardWeights = DEFAULT_REWARD_WEIGHTS): number {
  return rewardTerms(o, w).total;
}

/** Checks user-supplied weights (settings): finite and not negative; throws naming the field. */
export function parseRewardWeights(v: unknown): RewardWeights {
  if (typeof v !== 'object' || v === null) throw new RangeError('weights: must be an object with defectRate, productionRate, energy, safetyViolation');
  const o = v as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const k of ['defectRate', 'productionRate', 'energy', 'safetyViolation'] as const) {
    const x = o[k];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new RangeError(`weights.${k}: must be a finite number of 0 or more (got ${JSON.stringify(x) ?? String(x)})`);
    out[k] = x;
  }
  for (const k of Object.keys(o)) if (!(k in out)) throw new RangeError(`weights.${k}: is not a weight (expected defectRate, productionRate, energy, safetyViolation)`);
  return out as unknown as RewardWeights;
}
