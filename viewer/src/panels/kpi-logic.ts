import type { AlertView } from '../../../protocol/alerts.ts';
import type { KpiSnapshot } from '../../../protocol/kpis.ts';

/** Traffic-light band of a KPI card. */
export type Band = 'good' | 'warn' | 'bad' | 'none';

/** Quality rate (first-pass yield) band: green above 95 %, yellow 85–95 %, red below 85 %. */
export function qualityBand(fpy: number | null | undefined): Band {
  if (fpy === null || fpy === undefined || !Number.isFinite(fpy)) return 'none';
  if (fpy > 0.95) return 'good';
  if (fpy >= 0.85) return 'warn';
  return 'bad';
}

/** Production rate against target: on target from 98 %, yellow from 85 %, red below. */
export function productionBand(ratePerH: number, targetPerH: number): Band {
  if (!(targetPerH > 0)) return 'none';
  const r = ratePerH / targetPerH;
  return r >= 0.98 ? 'good' : r >= 0.85 ? 'warn' : 'bad';
}

/** Direction of a value against its previous period; "flat" within ±5 % (noise of a partial shift). */
export type Trend = 'up' | 'down' | 'flat' | null;

export function trend(current: number, previous: number | null | undefined): Trend {
  if (previous === null || previous === undefined || !Number.isFinite(previous)) return null;
  if (previous === 0) return current === 0 ? 'flat' : 'up';
  const change = (current - previous) / previous;
  return change > 0.05 ? 'up' : change < -0.05 ? 'down' : 'flat';
}

/** The defects card: this shift's defects, trend by defect rate (a partial shift has fewer units, so counts would mislead). */
export function defectsKpi(k: KpiSnapshot | null): { defects: number | null; ratePer1000: number | null; trend: Trend } {
  if (!k) return { defects: null, ratePer1000: null, trend: null };
  const s = k.plant.shift;
  const prev = k.plant.previousShift;
  return { defects: s.defects, ratePer1000: s.units > 0 ? s.defectRatePer1000 : null, trend: prev && prev.units > 0 && s.defectRatePer1000 !== null && prev.defectRatePer1000 !== null ? trend(s.defectRatePer1000, prev.defectRatePer1000) : null };
}

/** Critical alerts nobody has acknowledged yet. */
export function unacknowledgedCritical(alerts: Readonly<Record<string, AlertView>>): number {
  let n = 0;
  for (const a of Object.values(alerts)) if (a.severity === 'CRITICAL' && a.state === 'active' && a.acknowledgedBy === null) n++;
  return n;
}

/**
 * Median simulated seconds from an alert opening to an operator acting on it (acknowledge or
 * dismiss), over the alerts acted on; null when none was. Median, not mean: one alert left over a
 * weekend should not hide the typical response.
 */
export function responseTimeS(alerts: Readonly<Record<string, AlertView>>): number | null {
  const times: number[] = [];
  for (const a of Object.values(alerts)) {
    const acted = a.acknowledgedAt ?? a.dismissedAt;
    if (acted) times.push((Date.parse(acted) - Date.parse(a.openedAt)) / 1000);
  }
  if (times.length === 0) return null;
  times.sort((x, y) => x - y);
  const mid = times.length >> 1;
  return times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

/** Hourly first-pass yield of the last 24 h for the sparkline (null where nothing was made). */
export function qualitySparkline(k: KpiSnapshot | null): (number | null)[] {
  return k ? k.plant.sparkline.map((p) => p.fpy) : [];
}

/**
 * Plant production rate and target: the sum over lines of this shift's rate and target. (The plant
 * aggregate's productionRatePerH is units over the lines' summed run time, a per-line mean, while its
 * target is the sum; adding the lines keeps both on the same footing.)
 */
export function productionKpi(k: KpiSnapshot | null): { ratePerH: number; targetPerH: number } | null {
  if (!k || k.lines.length === 0) return null;
  let ratePerH = 0;
  let targetPerH = 0;
  for (const l of k.lines) {
    ratePerH += l.shift.productionRatePerH ?? 0; // null: no planned time yet in this shift
    targetPerH += l.shift.targetRatePerH;
  }
  return { ratePerH, targetPerH };
}
