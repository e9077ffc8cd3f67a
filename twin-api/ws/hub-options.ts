import { asyncScheduler, type SchedulerLike } from 'rxjs';

export interface WsHubOptions {
  /** Published messages kept for resume. */
  readonly ringSize?: number;
  /** Queued non-sensor messages per client before it sheds. */
  readonly maxQueue?: number;
  /** A client's socket gets more only while ws `bufferedAmount` is below this. */
  readonly highWaterBytes?: number;
  /** A client message above this size closes the connection (set ws `maxPayload` to the same). */
  readonly maxMessageBytes?: number;
  /** Ping period; 0 turns the keepalive off. */
  readonly pingIntervalMs?: number;
  /** A client that has not answered a ping within this is terminated. */
  readonly pongTimeoutMs?: number;
  /** A client that has not said hello within this is closed. */
  readonly helloTimeoutMs?: number;
  /** Bad client messages tolerated in a burst; the allowance refills at one per second. */
  readonly badMessageBurst?: number;
  /** Time and timers: `asyncScheduler` live, a virtual scheduler in tests. */
  readonly scheduler?: SchedulerLike;
}

export type ResolvedHubOptions = Required<WsHubOptions>;

export const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

export function resolveHubOptions(o: WsHubOptions): ResolvedHubOptions {
  return {
    ringSize: o.ringSize ?? 10_000,
    maxQueue: o.maxQueue ?? 1_000,
    highWaterBytes: o.highWaterBytes ?? 1024 * 1024,
    maxMessageBytes: o.maxMessageBytes ?? MAX_CLIENT_MESSAGE_BYTES,
    pingIntervalMs: o.pingIntervalMs ?? 30_000,
    pongTimeoutMs: o.pongTimeoutMs ?? 10_000,
    helloTimeoutMs: o.helloTimeoutMs ?? 10_000,
    badMessageBurst: o.badMessageBurst ?? 10,
    scheduler: o.scheduler ?? asyncScheduler,
  };
}
