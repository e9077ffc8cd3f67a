import { DROP_REASONS, type DropReason } from './channel-policy.ts';

/** A snapshot of the hub's counters; counters only grow, gauges are current values. */
export interface WsHubMetrics {
  /** Gauge: connected clients. */
  readonly clients: number;
  /** The latest seq published. */
  readonly seq: number;
  readonly messagesPublished: number;
  /** Data and control messages handed to sockets. */
  readonly messagesSent: number;
  readonly bytesSent: number;
  /** Messages meant for a client that it did not get as themselves, per reason. */
  readonly messagesDropped: Readonly<Record<DropReason, number>>;
  /** `resync` messages sent: a client fell too far behind, or resumed from too far back. */
  readonly resyncs: number;
  /** Invalid messages received from clients. */
  readonly clientErrors: number;
  /** Connections ended by the keepalive because no pong came back. */
  readonly keepaliveTerminations: number;
  /** The most messages any client ever had waiting in its queue. */
  readonly queueHighWater: number;
  /** The most bytes any client socket ever had buffered (ws `bufferedAmount`). */
  readonly bufferedHighWaterBytes: number;
}

/** The hub's mutable counters; connections write them, `snapshot` reads them. */
export class HubCounters {
  messagesPublished = 0;
  messagesSent = 0;
  bytesSent = 0;
  readonly messagesDropped = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
  resyncs = 0;
  clientErrors = 0;
  keepaliveTerminations = 0;
  queueHighWater = 0;
  bufferedHighWaterBytes = 0;

  snapshot(clients: number, seq: number): WsHubMetrics {
    const { messagesPublished, messagesSent, bytesSent, resyncs, clientErrors, keepaliveTerminations, queueHighWater, bufferedHighWaterBytes } = this;
    return {
      clients,
      seq,
      messagesPublished,
      messagesSent,
      bytesSent,
      messagesDropped: { ...this.messagesDropped },
      resyncs,
      clientErrors,
      keepaliveTerminations,
      queueHighWater,
      bufferedHighWaterBytes,
    };
  }
}
