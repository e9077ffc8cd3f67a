import type { SampleRow, Series, SeriesBucket, SeriesQuery } from './history-store.ts';
import type { SqlClient } from './sql-client.ts';
import { rollupFor } from './rollups.ts';
import { sourceCode } from './sources.ts';
import { BUCKETED_SAMPLES, bucketedRolledUp, COUNT_SAMPLES_IN_RANGE, countRolledUp, RAW_SAMPLES } from './sql.ts';

interface RawRow { sensor_id: string; t_ms: number; value: number | null; status: number }
interface BucketRow { sensor_id: string; b: number; min: number | null; max: number | null; avg: number | null; n: number }

/** The bucket width that splits [fromMs, toMs) into at most `maxPoints` buckets (whole ms, at least 1). */
export function bucketWidthMs(fromMs: number, toMs: number, maxPoints: number): number {
  return Math.max(1, Math.ceil((toMs - fromMs) / maxPoints));
}

/**
 * Each requested sensor's samples in [fromMs, toMs): raw when there are at most `maxPoints` of them,
 * otherwise min/max/avg/count per time bucket, grouped in SQL so a week of 1 Hz data stays on the server.
 * Series come back in the order asked, sensors without data as empty raw series.
 */
export async function querySeries(db: SqlClient, q: SeriesQuery): Promise<Series[]> {
  if (!(q.maxPoints >= 1) || !Number.isFinite(q.maxPoints)) throw new RangeError(`maxPoints must be ≥ 1, got ${q.maxPoints}`);
  if (!(q.toMs > q.fromMs)) throw new RangeError(`toMs (${q.toMs}) must be after fromMs (${q.fromMs})`);
  const ids = [...new Set(q.sensorIds)];
  if (ids.length === 0) return [];
  const range = [ids, sourceCode(q.source), new Date(q.fromMs).toISOString(), new Date(q.toMs).toISOString()] as const;

  // On a rollup's grid, counts and buckets come from the rollup: exact, and a tenth of the rows or less.
  const level = rollupFor(q.fromMs, q.toMs, bucketWidthMs(q.fromMs, q.toMs, q.maxPoints));
  const counts = new Map<string, number>();
  for (const r of await db.query<{ sensor_id: string; n: number }>(level ? countRolledUp(level.table) : COUNT_SAMPLES_IN_RANGE, [...range])) counts.set(r.sensor_id, r.n);
  const rawIds = ids.filter((id) => (counts.get(id) ?? 0) <= q.maxPoints);
  const bucketIds = ids.filter((id) => (counts.get(id) ?? 0) > q.maxPoints);

  const samples = new Map<string, SampleRow[]>(rawIds.map((id) => [id, []]));
  if (rawIds.some((id) => counts.has(id))) {
    for (const r of await db.query<RawRow>(RAW_SAMPLES, [rawIds, range[1], range[2], range[3]])) {
      samples.get(r.sensor_id)?.push({ tMs: r.t_ms, sensorId: r.sensor_id, value: r.value, status: r.status });
    }
  }

  const widthMs = bucketWidthMs(q.fromMs, q.toMs, q.maxPoints);
  // A bucket must hold whole rollup windows, so its width is rounded up to a multiple of theirs.
  const bucketMs = level ? Math.ceil(widthMs / level.widthMs) * level.widthMs : widthMs;
  const buckets = new Map<string, SeriesBucket[]>(bucketIds.map((id) => [id, []]));
  if (bucketIds.length > 0) {
    for (const r of await db.query<BucketRow>(level ? bucketedRolledUp(level.table) : BUCKETED_SAMPLES, [bucketIds, range[1], range[2], range[3], q.fromMs, bucketMs])) {
      buckets.get(r.sensor_id)?.push({ tMs: q.fromMs + r.b * bucketMs, min: r.min, max: r.max, avg: r.avg, count: r.n });
    }
  }

  return ids.map((sensorId): Series => {
    const b = buckets.get(sensorId);
    return b ? { sensorId, kind: 'buckets', bucketMs, buckets: b } : { sensorId, kind: 'raw', samples: samples.get(sensorId) ?? [] };
  });
}
