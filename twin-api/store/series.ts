import type { SampleRow, Series, SeriesBucket, SeriesQuery } from './history-store.ts';
import type { SqlClient } from './sql-client.ts';
import { rollupFor } from './rollups.ts';
import { sourceCode } from './sources.ts';
import { BUCKETED_SAMPLES, bucketedRolledUp, RAW_SAMPLES } from './sql.ts';

interface RawRow { sensor_id: string; samples: string }
interface BucketRow { sensor_id: string; rows: number; buckets: string }

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

  // On a rollup's grid the buckets come from the rollup: exact, and a tenth of the rows or less.
  // One aggregate query serves every sensor, and its row counts decide which are small enough to send raw.
  const widthMs = bucketWidthMs(q.fromMs, q.toMs, q.maxPoints);
  const level = rollupFor(q.fromMs, q.toMs, widthMs);
  // A bucket must hold whole rollup windows, so its width is rounded up to a multiple of theirs.
  const bucketMs = level ? Math.ceil(widthMs / level.widthMs) * level.widthMs : widthMs;
  const buckets = new Map<string, SeriesBucket[]>();
  const counts = new Map<string, number>();
  for (const r of await db.query<BucketRow>(level ? bucketedRolledUp(level.table) : BUCKETED_SAMPLES, [...range, q.fromMs, bucketMs])) {
    const list = (JSON.parse(r.buckets) as [number, number | null, number | null, number | null, number][]).map(
      ([b, min, max, avg, count]): SeriesBucket => ({ tMs: q.fromMs + b * bucketMs, min, max, avg, count }),
    );
    buckets.set(r.sensor_id, list);
    counts.set(r.sensor_id, r.rows);
  }
  const rawIds = ids.filter((id) => counts.has(id) && counts.get(id)! <= q.maxPoints);
  const samples = new Map<string, SampleRow[]>(rawIds.map((id) => [id, []]));
  if (rawIds.length > 0) {
    for (const r of await db.query<RawRow>(RAW_SAMPLES, [rawIds, range[1], range[2], range[3]])) {
      const rows = JSON.parse(r.samples) as [number, number | null, number][];
      samples.set(r.sensor_id, rows.map(([tMs, value, status]) => ({ tMs, sensorId: r.sensor_id, value, status })));
    }
  }

  return ids.map((sensorId): Series => {
    const b = buckets.get(sensorId);
    return b && !samples.has(sensorId) ? { sensorId, kind: 'buckets', bucketMs, buckets: b } : { sensorId, kind: 'raw', samples: samples.get(sensorId) ?? [] };
  });
}
