/** Sensor history on the wire: GET /api/plant/history. Times are epoch milliseconds (UTC). */
import { Type, type Static } from 'typebox';
import { List, Nullable } from './schema-kit.ts';

/** One stored sample. */
export const HistorySample = Type.Object({
  tMs: Type.Number(),
  sensorId: Type.String(),
  /** null where the sample dropped out. */
  value: Nullable(Type.Number()),
  /** 0 OK, 1 WARNING, 2 ERROR, 3 CRITICAL. */
  status: Type.Integer({ minimum: 0, maximum: 3 }),
});
export type HistorySample = Static<typeof HistorySample>;

/** min / max / avg of the values in [tMs, tMs + bucketMs) (null when every one dropped out), and how many had a value. */
export const HistoryBucket = Type.Object({
  tMs: Type.Number(),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  avg: Nullable(Type.Number()),
  count: Type.Integer({ minimum: 0 }),
});
export type HistoryBucket = Static<typeof HistoryBucket>;

/** A sensor's series: raw when the range holds at most maxPoints samples, else buckets. */
export const HistorySeries = Type.Union([
  Type.Object({ sensorId: Type.String(), kind: Type.Literal('raw'), samples: List(HistorySample) }),
  Type.Object({ sensorId: Type.String(), kind: Type.Literal('buckets'), bucketMs: Type.Number(), buckets: List(HistoryBucket) }),
]);
export type HistorySeries = Static<typeof HistorySeries>;

/** Body of GET /api/plant/history: the range actually covered (widened to whole rollup windows) and the series in the order asked. */
export const HistoryResponse = Type.Object({
  from: Type.String(),
  to: Type.String(),
  source: Type.Union([Type.Literal('twin'), Type.Literal('plant')]),
  series: List(HistorySeries),
});
export type HistoryResponse = Static<typeof HistoryResponse>;
