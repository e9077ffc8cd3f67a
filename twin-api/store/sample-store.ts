import type { HistoryBucket, HistorySample, HistorySeries } from '../../protocol/history.ts';

/** Whose sample: the twin's own, or a measurement of the live plant (shadow mode: MQTT or the stand-in). */
export type SampleSource = 'twin' | 'plant';
export const SAMPLE_SOURCES: readonly SampleSource[] = ['twin', 'plant'];

/**
 * One sensor sample as stored (the wire's HistorySample, protocol/history.ts; NaN and ±Infinity are
 * stored as null), and whose it is.
 */
export interface SampleRow extends HistorySample {
  /** Default 'twin'. */
  readonly source?: SampleSource;
}

export interface SeriesQuery {
  readonly sensorIds: readonly string[];
  /** Default 'twin'. */
  readonly source?: SampleSource;
  /** Inclusive. */
  readonly fromMs: number;
  /** Exclusive. */
  readonly toMs: number;
  /** Most points per series; above this many samples the series comes back as buckets. */
  readonly maxPoints: number;
}

/** Series are what the history route sends: the wire types of protocol/history.ts. */
export type SeriesBucket = HistoryBucket;
export type Series = HistorySeries;

/** Where `SampleWriter` writes: the one method of the store it needs. */
export interface SampleSink {
  /** Writes all rows in one statement, or none of them. */
  insertSamples(rows: readonly SampleRow[]): Promise<void>;
}

/** Sensor samples: written in batches, read back as chart series (raw or downsampled). */
export interface SampleStore extends SampleSink {
  querySeries(query: SeriesQuery): Promise<Series[]>;
  /** Rows stored from one source (default 'twin'). */
  countSamples(source?: SampleSource): Promise<number>;
}
