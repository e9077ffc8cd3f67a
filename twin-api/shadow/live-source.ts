import type { Observable } from 'rxjs';
import type { SampleRecord } from '../../engine/records.ts';

/** A live measurement: the wire record plus its parsed time. */
export interface LiveSample extends SampleRecord {
  /** `timestamp` as epoch milliseconds. */
  readonly timeMs: number;
}

/** What a live source has done so far. */
export interface LiveSourceStatus {
  readonly connected: boolean;
  /** Messages received (valid or not). */
  readonly received: number;
  /** Samples emitted on samples$. */
  readonly accepted: number;
  /** Messages refused (bad JSON, schema, topic mismatch). */
  readonly rejected: number;
  /** Redelivered or out-of-order samples dropped (QoS 1 is at-least-once). */
  readonly duplicates: number;
  readonly reconnects: number;
  readonly lastError: string | null;
}

/**
 * The port to the real plant: a stream of measured samples. Implementations: EnginePlantSource
 * (embedded default, a hidden second engine) and MqttSource (a broker).
 */
export interface LiveSource {
  readonly samples$: Observable<LiveSample>;
  status(): LiveSourceStatus;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A record plus its parsed time (NaN-free: callers validated the timestamp). */
export function toLiveSample(record: SampleRecord): LiveSample {
  return { ...record, timeMs: Date.parse(record.timestamp) };
}
