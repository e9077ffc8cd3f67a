/** Sensor history on the wire: GET /api/plant/history. Times are epoch milliseconds (UTC). */

/** One stored sample. */
export interface HistorySample {
  readonly tMs: number;
  readonly sensorId: string;
  /** null where the sample dropped out. */
  readonly value: number | null;
  /** 0 OK, 1 WARNING, 2 ERROR, 3 CRITICAL. */
  readonly status: number;
}

/** min / max / avg of the values in [tMs, tMs + bucketMs) (null when every one dropped out), and how many had a value. */
export interface HistoryBucket {
  readonly tMs: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly avg: number | null;
  readonly count: number;
}

/** A sensor's series: raw when the range holds at most maxPoints samples, else buckets. */
export type HistorySeries =
  | { readonly sensorId: string; readonly kind: 'raw'; readonly samples: readonly HistorySample[] }
  | { readonly sensorId: string; readonly kind: 'buckets'; readonly bucketMs: number; readonly buckets: readonly HistoryBucket[] };

/** The response: the range actually covered (widened to whole rollup windows) and the series in the order asked. */
export interface HistoryResponse {
  readonly from: string;
  readonly to: string;
  readonly source: 'twin' | 'plant';
  readonly series: readonly HistorySeries[];
}
