/**
 * Melter thermal model: a chain of lumped zones from the charging end to the throat. Each zone obeys
 * the lumped heat balance of PHYSICS_REFERENCE.md "Glass furnace",
 *   C·dT/dt = Q_in − UA·(T − T_amb) − ṁ·c_p·(T − T_batch) − ṁ·ΔH_chem,
 * split over zones: the batch blanket melts in over the first half (its sensible and chemical
 * demand land there), the melt flows on toward the throat at the pull rate, convection mixes
 * neighbours, firing stops before the refining end and the throat is cooled. Summed over the zones
 * this is exactly the reference balance (losses on the mean temperature, sensible heat on the throat's).
 */
import type { FurnaceParams } from './furnace-params.ts';

/** Per-zone shares of the melter, precomputed once per line. */
export interface FurnaceZones {
  readonly n: number;
  /** Share of burner heat per zone (sums to 1). */
  readonly burnerFrac: readonly number[];
  /** Share of the charged batch that melts in each zone (sums to 1). */
  readonly batchFrac: readonly number[];
  /** Share of the pull that flows into each zone from the one before it (0 for the first). */
  readonly inflowFrac: readonly number[];
  /** Wall loss conductance per zone, W/K (sums to UA). */
  readonly uaWPerK: readonly number[];
  readonly capJPerK: number;
  /** Convective conductance between neighbouring zones, W/K. */
  readonly mixWPerK: number;
}

const normalize = (v: number[]): number[] => {
  const sum = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x / sum);
};

/** Splits the melter into `n` equal zones. */
export function furnaceZones(p: FurnaceParams, n: number): FurnaceZones {
  if (!Number.isInteger(n) || n < 1) throw new Error(`furnace zones must be a positive integer, got ${n}`);
  const burner: number[] = [];
  const batch: number[] = [];
  const ua: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = (i + 0.5) / n;
    burner.push(1 / (1 + Math.exp((x - p.firingEndFrac) / 0.06)));
    batch.push(Math.max(i === 0 ? 1e-3 : 0, p.batchBlanketFrac - x));
    ua.push(1 + p.throatLossPeak * Math.exp(-(((1 - x) / 0.15) ** 2)));
  }
  const batchFrac = normalize(batch);
  const inflowFrac: number[] = [];
  let cumulative = 0;
  for (let i = 0; i < n; i++) {
    inflowFrac.push(cumulative);
    cumulative += batchFrac[i] as number;
  }
  return {
    n,
    burnerFrac: normalize(burner),
    batchFrac,
    inflowFrac,
    uaWPerK: normalize(ua).map((f) => f * p.uaWPerK),
    capJPerK: p.heatCapacityJPerK / n,
    mixWPerK: p.mixingWPerKPerZone * n,
  };
}

/**
 * Advances the zone temperatures `t[o .. o+n)` by `dtS`. Each zone is integrated exactly over the
 * step with its neighbours held (exponential Euler, swept from charging end to throat): every update
 * is a convex combination of the old value and the zone's equilibrium, so it is stable for any dtS,
 * and its fixed point is the exact steady state. `chemFactor` scales the chemical demand (1 = nominal).
 */
export function stepFurnaceZones(
  t: Float64Array,
  o: number,
  z: FurnaceZones,
  p: FurnaceParams,
  burnerMW: number,
  chargeKgPerS: number,
  pullKgPerS: number,
  ambientC: number,
  chemFactor: number,
  dtS: number,
): void {
  const n = z.n;
  const qBurnerW = burnerMW * 1e6 * p.burnerEfficiency;
  const batchW = chargeKgPerS * p.cpJPerKgK;
  const chemW = chargeKgPerS * p.chemJPerKg * chemFactor;
  const flowW = pullKgPerS * p.cpJPerKgK;
  const k = z.mixWPerK;
  for (let i = 0; i < n; i++) {
    const ua = z.uaWPerK[i] as number;
    const batch = batchW * (z.batchFrac[i] as number);
    let loss = ua + batch;
    let src = qBurnerW * (z.burnerFrac[i] as number) + ua * ambientC + batch * p.batchTempC - chemW * (z.batchFrac[i] as number);
    if (i > 0) {
      const g = flowW * (z.inflowFrac[i] as number) + k;
      loss += g;
      src += g * (t[o + i - 1] as number);
    }
    if (i < n - 1) {
      loss += k;
      src += k * (t[o + i + 1] as number);
    }
    const eq = src / loss;
    t[o + i] = eq + ((t[o + i] as number) - eq) * Math.exp((-loss * dtS) / z.capJPerK);
  }
}

/**
 * The exact steady state of the zone chain at a fixed burner power (open loop), °C per zone:
 * solves the tridiagonal system dT/dt = 0 (Thomas algorithm). Allocates; not for the hot path.
 */
export function furnaceSteadyStateC(
  z: FurnaceZones,
  p: FurnaceParams,
  burnerMW: number,
  chargeKgPerS: number,
  pullKgPerS: number,
  ambientC: number,
  chemFactor = 1,
): number[] {
  const n = z.n;
  const k = z.mixWPerK;
  const lower: number[] = [];
  const diag: number[] = [];
  const upper: number[] = [];
  const rhs: number[] = [];
  for (let i = 0; i < n; i++) {
    const ua = z.uaWPerK[i] as number;
    const batch = chargeKgPerS * p.cpJPerKgK * (z.batchFrac[i] as number);
    const g = i > 0 ? pullKgPerS * p.cpJPerKgK * (z.inflowFrac[i] as number) + k : 0;
    const right = i < n - 1 ? k : 0;
    lower.push(-g);
    upper.push(-right);
    diag.push(ua + batch + g + right);
    rhs.push(
      burnerMW * 1e6 * p.burnerEfficiency * (z.burnerFrac[i] as number) +
        ua * ambientC +
        batch * p.batchTempC -
        chargeKgPerS * p.chemJPerKg * chemFactor * (z.batchFrac[i] as number),
    );
  }
  for (let i = 1; i < n; i++) {
    const m = (lower[i] as number) / (diag[i - 1] as number);
    diag[i] = (diag[i] as number) - m * (upper[i - 1] as number);
    rhs[i] = (rhs[i] as number) - m * (rhs[i - 1] as number);
  }
  const out = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    const next = i < n - 1 ? (out[i + 1] as number) : 0;
    out[i] = ((rhs[i] as number) - (upper[i] as number) * next) / (diag[i] as number);
  }
  return out;
}

/** Mean of the zone temperatures `t[o .. o+n)`, °C. */
export function meanZoneTempC(t: Float64Array, o: number, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += t[o + i] as number;
  return sum / n;
}

/** Index of the hottest zone in `t[o .. o+n)`. */
export function hotspotZone(t: Float64Array, o: number, n: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if ((t[o + i] as number) > (t[o + best] as number)) best = i;
  return best;
}

/**
 * Burner power (MW) that holds the mean melt temperature at `meanC` in steady state, with the
 * charger matching the pull; by linearity T(P) = T(0) + P·∂T/∂P.
 */
export function burnerPowerForMeanTempMW(
  z: FurnaceZones,
  p: FurnaceParams,
  meanC: number,
  pullKgPerS: number,
  ambientC: number,
): number {
  const avg = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const at0 = avg(furnaceSteadyStateC(z, p, 0, pullKgPerS, pullKgPerS, ambientC));
  const at1 = avg(furnaceSteadyStateC(z, p, 1, pullKgPerS, pullKgPerS, ambientC));
  return (meanC - at0) / (at1 - at0);
}

/**
 * Steady state of the reference's single-lump model for a fuel power, °C:
 * T = (η·P + UA·T_amb + ṁ·c_p·T_batch − ṁ·ΔH_chem) / (UA + ṁ·c_p).
 */
export function lumpedSteadyStateC(p: FurnaceParams, burnerMW: number, pullKgPerS: number, ambientC: number): number {
  const flowW = pullKgPerS * p.cpJPerKgK;
  const q = burnerMW * 1e6 * p.burnerEfficiency + p.uaWPerK * ambientC + flowW * p.batchTempC - pullKgPerS * p.chemJPerKg;
  return q / (p.uaWPerK + flowW);
}

/** Time constant of the single-lump model, τ = C / (UA + ṁ·c_p), s. */
export function lumpedTimeConstantS(p: FurnaceParams, pullKgPerS: number): number {
  return p.heatCapacityJPerK / (p.uaWPerK + pullKgPerS * p.cpJPerKgK);
}

/** One exact step of the single-lump model (first-order response toward its steady state), °C. */
export function lumpedStepC(
  tempC: number,
  p: FurnaceParams,
  burnerMW: number,
  pullKgPerS: number,
  ambientC: number,
  dtS: number,
): number {
  const eq = lumpedSteadyStateC(p, burnerMW, pullKgPerS, ambientC);
  return eq + (tempC - eq) * Math.exp(-dtS / lumpedTimeConstantS(p, pullKgPerS));
}
