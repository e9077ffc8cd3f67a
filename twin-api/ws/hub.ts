import type { Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import type { Channel, ChannelPayloads } from '../../protocol/ws.ts';
import { Connection, type FrameCache, type HubContext, type WsClientStats } from './connection.ts';
import { WS_CLOSE } from './errors.ts';
import { resolveHubOptions, type ResolvedHubOptions, type WsHubOptions } from './hub-options.ts';
import { startKeepalive } from './keepalive.ts';
import { HubCounters, type WsHubMetrics } from './metrics.ts';
import { RingBuffer, type Since } from './ring-buffer.ts';

/** A client as the hub's owner sees it. */
export interface WsClientHandle {
  readonly id: number;
  stats(): WsClientStats;
}

/** Payload type of a channel (protocol/ws.ts ChannelPayloads): publishing anything else does not compile. */
export type ChannelData<C extends Channel> = ChannelPayloads[C];

/**
 * Fans server data out to WebSocket clients. It takes `ws` sockets, so it does not depend on
 * fastify: the server attaches each socket of its `/ws` route.
 *
 * @example
 * const hub = new WsHub({ ringSize: 10_000 });
 * fastify.get('/ws', { websocket: true }, (socket) => hub.attach(socket));
 * hub.publish('sensors', frame.t, { tick, samples });
 */
export class WsHub {
  private readonly options: ResolvedHubOptions;
  private readonly counters = new HubCounters();
  private readonly ring: RingBuffer;
  private readonly connections = new Set<Connection>();
  private readonly keepalive: Subscription | null;
  private readonly context: HubContext;
  private seq = 0;
  private nextId = 1;
  private closed = false;

  constructor(options: WsHubOptions = {}) {
    this.options = resolveHubOptions(options);
    this.ring = new RingBuffer(this.options.ringSize);
    this.context = {
      options: this.options,
      counters: this.counters,
      latestSeq: () => this.seq,
      since: (lastSeq: number): Since => this.ring.since(lastSeq, this.seq),
    };
    this.keepalive = this.options.pingIntervalMs > 0 ? startKeepalive(this.options.scheduler, this.options.pingIntervalMs, () => this.connections) : null;
  }

  /** Takes a new connection; the client must then send `hello`. */
  attach(socket: WebSocket): WsClientHandle {
    const conn = new Connection(this.nextId++, socket, this.context);
    if (this.closed) {
      conn.dispose();
      conn.close(WS_CLOSE.GOING_AWAY, 'server shutting down');
      return conn;
    }
    this.connections.add(conn);
    // ws emits 'error' before 'close' on protocol violations; without a listener it would throw.
    socket.on('error', () => {});
    socket.on('close', () => {
      this.connections.delete(conn);
      conn.dispose();
    });
    return conn;
  }

  /**
   * Publishes one message to every subscribed client and keeps it for resume; returns its seq.
   * O(clients), never waits on a socket. `assets` limits it to clients whose filter covers one of
   * them. The data is kept by reference: do not mutate it afterwards.
   */
  publish<C extends Channel>(channel: C, tIso: string, data: ChannelData<C>, assets?: readonly string[]): number {
    const p = { seq: ++this.seq, channel, t: tIso, data, assets: assets ?? null };
    this.ring.push(p);
    this.counters.messagesPublished++;
    const cache: FrameCache = new Map();
    for (const conn of this.connections) conn.offer(p, cache);
    return p.seq;
  }

  /** The latest seq published (0 before the first). */
  get latestSeq(): number {
    return this.seq;
  }

  metrics(): WsHubMetrics {
    return this.counters.snapshot(this.connections.size, this.seq);
  }

  clients(): WsClientStats[] {
    return [...this.connections].map((c) => c.stats());
  }

  /** Stops the keepalive and closes every client with 1001 (going away). */
  close(): void {
    this.closed = true;
    this.keepalive?.unsubscribe();
    for (const conn of this.connections) {
      conn.dispose();
      conn.close(WS_CLOSE.GOING_AWAY, 'server shutting down');
    }
  }
}
