/**
 * The planner's view of the fleet, from what the served models said last: each machine's failure
 * risk over the model's horizon and its RUL as a predictive distribution (σ from the champion's
 * validation RMSE; a quarter of the estimate when the registry records none), with the job of its
 * likeliest failure mode. A machine without both predictions is left out, and said so: the planner
 * never guesses a health it was not given.
 */
import type { ProfileResolver } from '../../engine/plant.ts';
import type { MachineSpec } from '../../engine/scenario.ts';
import { jobFor } from '../../maintenance/job-table.ts';
import type { UnitHealth } from '../../maintenance/schedule-input.ts';
import type { PredictionData } from '../../protocol/predictions.ts';

export interface FleetHealthInput {
  readonly machines: readonly MachineSpec[];
  readonly predictions: readonly PredictionData[];
  readonly resolveProfile: ProfileResolver;
  /** The failure-risk model's horizon, hours. */
  readonly riskHorizonH: number;
  /** The RUL champion's validation RMSE for a machine kind (hours), if the registry has one. */
  readonly rulRmseH: (kind: string) => number | undefined;
  /** Job hours and skills per failure mode that an engineer changed. */
  readonly jobOverrides?: Readonly<Record<string, Partial<{ hours: number; skill: string }>>>;
  /** Only these machines (all when absent); an unknown id is named in `unknown`. */
  readonly only?: readonly string[];
}

export interface FleetHealth {
  readonly units: UnitHealth[];
  readonly skipped: { unit: string; reason: string }[];
  readonly unknown: string[];
}

/** Share of the RUL estimate taken as its σ when the registry has no validation error. */
export const DEFAULT_RUL_SD_FRACTION = 0.25;

export function fleetHealth(i: FleetHealthInput): FleetHealth {
  const byId = new Map(i.machines.map((m) => [m.id, m]));
  const unknown = (i.only ?? []).filter((id) => !byId.has(id));
  const wanted = i.only ? i.only.filter((id) => byId.has(id)) : i.machines.map((m) => m.id);
  const latest = new Map(i.predictions.map((p) => [p.asset, p]));
  const units: UnitHealth[] = [];
  const skipped: { unit: string; reason: string }[] = [];
  for (const id of new Set(wanted)) {
    const m = byId.get(id)!;
    const p = latest.get(id);
    const job = jobFor(i.resolveProfile(m.profile).document.failureModes, i.jobOverrides);
    if (!job) {
      skipped.push({ unit: id, reason: `its profile "${m.profile}" has no failure modes` });
      continue;
    }
    if (!p?.rul || !p.failureProbability) {
      const missing = [!p?.failureProbability && 'failure risk', !p?.rul && 'RUL'].filter(Boolean).join(' and ');
      skipped.push({ unit: id, reason: `no ${missing} prediction yet (model ${p?.status.failure ?? p?.status.rul ?? 'missing'})` });
      continue;
    }
    const rmse = i.rulRmseH(m.profile);
    units.push({
      id,
      line: null,
      risk: p.failureProbability.value,
      riskHorizonH: i.riskHorizonH,
      rulH: p.rul.hours,
      rulSdH: rmse !== undefined && rmse > 0 ? rmse : DEFAULT_RUL_SD_FRACTION * p.rul.hours,
      rulAtLeast: p.rul.kind === 'at-least',
      job,
    });
  }
  return { units, skipped, unknown };
}
