import type { AssetKpi } from './asset-kpi.ts';
import { shiftLabel, type Period } from './periods.ts';
import type { KpiSnapshot, PeriodInfo, PeriodKpis, SparkPoint } from './kpi-types.ts';
import { firstPassYield, kpiValues, Tally } from './tally.ts';

export type { KpiSnapshot, LineKpis, MachineDowntime, PeriodInfo, PeriodKpis, SparkPoint } from './kpi-types.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface SnapshotInput {
  readonly nowMs: number;
  readonly assets: readonly AssetKpi[];
  readonly shift: Period;
  readonly previousShift: Period | null;
  readonly day: Period;
  readonly rollingWindowMin: number;
  readonly minuteKeys: Float64Array;
  readonly hourKeys: Float64Array;
}

const iso = (ms: number) => new Date(ms).toISOString();
const info = (p: Period, label = shiftLabel(p)): PeriodInfo => ({ label, start: iso(p.startMs), end: iso(p.endMs) });

/** Sums the tallies of `assets` picked by `pick`. */
function sum(assets: readonly AssetKpi[], pick: (a: AssetKpi) => Tally | undefined): Tally {
  const out = new Tally();
  for (const a of assets) {
    const t = pick(a);
    if (t) out.add(t);
  }
  return out;
}

function periodKpis(s: SnapshotInput, assets: readonly AssetKpi[]): PeriodKpis {
  const target = assets.reduce((acc, a) => acc + a.targetPerH, 0);
  const minute = Math.floor(s.nowMs / MINUTE_MS);
  const rolling = new Tally();
  s.minuteKeys.forEach((key, i) => {
    // Minute buckets covering [now − window, now]: whole minutes, plus the current partial one.
    if (key >= minute - s.rollingWindowMin && key <= minute) rolling.add(sum(assets, (a) => a.minutes[i]));
  });
  const hour = Math.floor(s.nowMs / HOUR_MS);
  const n = s.hourKeys.length;
  const sparkline = Array.from({ length: n }, (_, j): SparkPoint => {
    const h = hour - (n - 1) + j;
    const i = h % n;
    const t = s.hourKeys[i] === h ? sum(assets, (a) => a.hours[i]) : new Tally();
    return {
      hour: iso(h * HOUR_MS),
      units: t.units,
      defects: t.defects,
      defectiveUnits: t.defectiveUnits,
      fpy: firstPassYield(t.units, t.defectiveUnits),
      defectRatePer1000: t.units > 0 ? (t.defects / t.units) * 1000 : null,
    };
  });
  return {
    shift: kpiValues(sum(assets, (a) => a.shift), target),
    previousShift: s.previousShift ? kpiValues(sum(assets, (a) => a.previousShift), target) : null,
    day: kpiValues(sum(assets, (a) => a.day), target),
    rolling: kpiValues(rolling, target),
    sparkline,
  };
}

/** Builds the plain-JSON snapshot (deterministic: depends only on the tracker's state). */
export function buildSnapshot(s: SnapshotInput): KpiSnapshot {
  const lines = s.assets.filter((a) => a.isLine);
  return {
    at: iso(s.nowMs),
    shift: info(s.shift),
    previousShift: s.previousShift ? info(s.previousShift) : null,
    day: info(s.day, iso(s.day.startMs).slice(0, 10)),
    rollingWindowMin: s.rollingWindowMin,
    lines: lines.map((a) => ({
      line: a.asset,
      failed: a.failed,
      stopped: a.stopped,
      targetUnitsPerH: a.targetPerH,
      idealUnitsPerH: a.idealPerH,
      ...periodKpis(s, [a]),
    })),
    plant: periodKpis(s, lines),
    machines: s.assets
      .filter((a) => !a.isLine)
      .map((a) => ({ asset: a.asset, failed: a.failed, shiftDowntimeS: a.shift.downS, dayDowntimeS: a.day.downS })),
  };
}
