import type { HistorySeries } from '../../../protocol/history.ts';

/** A time window in simulated epoch ms; `live` windows slide with the newest data. */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
  readonly live: boolean;
}

/** Columns for uPlot: x in seconds, then avg, min, max (null where a bucket is empty). */
export type ChartColumns = [number[], (number | null)[], (number | null)[], (number | null)[]];

/** History buckets (or raw samples, for short ranges) as chart columns. */
export function toColumns(series: HistorySeries | undefined): ChartColumns {
  const cols: ChartColumns = [[], [], [], []];
  if (!series) return cols;
  if (series.kind === 'buckets') {
    for (const b of series.buckets) {
      cols[0].push(b.tMs / 1000);
      cols[1].push(b.avg);
      cols[2].push(b.min);
      cols[3].push(b.max);
    }
  } else {
    for (const p of series.samples) {
      cols[0].push(p.tMs / 1000);
      cols[1].push(p.value);
      cols[2].push(p.value);
      cols[3].push(p.value);
    }
  }
  return cols;
}

/** Appends a live sample if it is newer than the last point; drops points older than `keepFromMs`. */
export function appendLive(cols: ChartColumns, tMs: number, v: number | null, keepFromMs: number): ChartColumns {
  const x = cols[0];
  const t = tMs / 1000;
  if (x.length > 0 && t <= x[x.length - 1]!) return cols;
  let start = 0;
  while (start < x.length && x[start]! < keepFromMs / 1000) start++;
  return [
    [...x.slice(start), t],
    [...cols[1].slice(start), v],
    [...cols[2].slice(start), v],
    [...cols[3].slice(start), v],
  ];
}

/** Moves the window by `fraction` of its width (negative: back in time); a moved window stops following live data. */
export function panRange(r: TimeRange, fraction: number): TimeRange {
  const d = (r.toMs - r.fromMs) * fraction;
  return { fromMs: r.fromMs + d, toMs: r.toMs + d, live: false };
}

/** Zooms about the window's centre: factor < 1 zooms in, > 1 out. Never narrower than 10 s. */
export function zoomRange(r: TimeRange, factor: number): TimeRange {
  const mid = (r.fromMs + r.toMs) / 2;
  const half = Math.max(5_000, ((r.toMs - r.fromMs) * factor) / 2);
  return r.live ? { fromMs: r.toMs - 2 * half, toMs: r.toMs, live: true } : { fromMs: mid - half, toMs: mid + half, live: false };
}

/** The window of the last `spanS` seconds before `nowMs`, following live data. */
export function liveRange(nowMs: number, spanS: number): TimeRange {
  return { fromMs: nowMs - spanS * 1000, toMs: nowMs, live: true };
}

/** Whether a window reaches outside the data loaded for `loaded` (so history must be fetched again). */
export function needsFetch(r: TimeRange, loaded: TimeRange | null): boolean {
  return loaded === null || r.fromMs < loaded.fromMs || (!r.live && r.toMs > loaded.toMs) || r.toMs - r.fromMs < (loaded.toMs - loaded.fromMs) / 8;
}
