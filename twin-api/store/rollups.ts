/**
 * Pre-aggregated sample tables for charts. Each level holds, per sensor and per aligned window of
 * `widthMs`, the min, max, sum and count of the values (and the count of rows, null values included).
 * They are updated by the same statement that inserts the samples, so they never lag behind.
 */
export interface RollupLevel {
  readonly table: string;
  readonly widthMs: number;
}

/** Finest first. A 6 h chart reads `samples_10s`, a 24 h or 7-day one `samples_1m`, a month `samples_10m`. */
export const ROLLUP_LEVELS: readonly RollupLevel[] = [
  { table: 'samples_10s', widthMs: 10_000 },
  { table: 'samples_1m', widthMs: 60_000 },
  { table: 'samples_10m', widthMs: 600_000 },
];

/** SQL for the start of the window of `widthMs` that holds the timestamptz expression `col`. */
export function rollupStart(col: string, widthMs: number): string {
  const s = widthMs / 1000;
  return `to_timestamp(floor(date_part('epoch', ${col}) / ${s}) * ${s})`;
}

/**
 * Levels usable for buckets of `bucketMs`, best first. A bucket holds whole windows, so its width is
 * rounded up to a multiple of the level's: the coarsest level that widens it by at most 50 % comes
 * first (a 24 h chart of 2,000 points gets 1,440 one-minute buckets from 1,440 rows per sensor,
 * not 1,728 from 8,640), then the finer ones; any level beats aggregating raw samples.
 */
function levelsFor(bucketMs: number): RollupLevel[] {
  const widening = (l: RollupLevel) => (Math.ceil(bucketMs / l.widthMs) * l.widthMs) / bucketMs;
  const good = ROLLUP_LEVELS.filter((l) => widening(l) <= 1.5).reverse();
  const fitting = ROLLUP_LEVELS.filter((l) => l.widthMs <= bucketMs && !good.includes(l));
  return [...good, ...fitting];
}

/** The level to aggregate `[fromMs, toMs)` into buckets of `bucketMs` from, or null (raw samples, exactly). */
export function rollupFor(fromMs: number, toMs: number, bucketMs: number): RollupLevel | null {
  return levelsFor(bucketMs).find((l) => fromMs % l.widthMs === 0 && toMs % l.widthMs === 0) ?? null;
}

/** Timestamps PostgreSQL and ISO 8601 both take: years 0001 to 9999. */
const MIN_MS = Date.parse('0001-01-01T00:00:00Z');
const MAX_MS = Date.UTC(10000, 0, 1);

/** The range widened outward to whole windows of the level a chart query will read; unchanged when none fits. */
export function alignToRollups(fromMs: number, toMs: number, maxPoints: number): { fromMs: number; toMs: number } {
  const level = levelsFor(Math.ceil((toMs - fromMs) / maxPoints))[0];
  if (!level) return { fromMs, toMs };
  const w = level.widthMs;
  const aligned = { fromMs: Math.floor(fromMs / w) * w, toMs: Math.ceil(toMs / w) * w };
  return aligned.fromMs >= MIN_MS && aligned.toMs < MAX_MS ? aligned : { fromMs, toMs };
}
