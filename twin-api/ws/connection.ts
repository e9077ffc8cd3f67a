import type { SchedulerLike, Subscription } from 'rxjs';
import { WebSocket, type RawData } from 'ws';
import { PROTOCOL_VERSION } from '../../protocol/version.ts';
import { CHANNELS, type Channel, type ClientMessage, type ControlMessage, type SensorsData } from '../../protocol/ws.ts';
import { assetFilter, filterAccepts, filterSensors, type AssetFilter } from './asset-filter.ts';
import type { DropReason } from './channel-policy.ts';
import { parseClientMessage } from './client-message.ts';
import * as E from './errors.ts';
import type { ResolvedHubOptions } from './hub-options.ts';
import type { HubCounters } from './metrics.ts';
import { Outbox, type OutFrame } from './outbox.ts';
import type { Published, Since } from './ring-buffer.ts';

/** Our messages are JSON text frames, handed to ws already encoded. */
const SEND_TEXT = { binary: false } as const;

/** What a connection needs of its hub. */
export interface HubContext {
  readonly options: ResolvedHubOptions;
  readonly counters: HubCounters;
  latestSeq(): number;
  since(lastSeq: number): Since;
}

/** Per-publish cache: clients with the same filter share one frame object and its JSON. */
export type FrameCache = Map<string, OutFrame | null>;

/** One client's statistics, for tests and diagnostics. */
export interface WsClientStats {
  readonly id: number;
  readonly channels: readonly Channel[];
  /** Messages waiting in the hub for this client. */
  readonly queued: number;
  /** Bytes ws holds for this socket, not yet written to the kernel. */
  readonly bufferedAmount: number;
  readonly messagesSent: number;
  readonly bytesSent: number;
  readonly messagesDropped: Readonly<Record<DropReason, number>>;
  readonly queueHighWater: number;
}

/** One WebSocket client: its handshake state, subscriptions and outbox. */
export class Connection {
  private greeted = false;
  /** lastSeq from a resuming hello, replayed on the first subscribe. */
  private resumeFrom: number | null = null;
  private readonly subs = new Map<Channel, AssetFilter | null>();
  private readonly outbox: Outbox;
  private readonly dropped: Record<DropReason, number> = { conflated: 0, rate: 0, overflow: 0 };
  private sent = 0;
  private bytes = 0;
  private badTokens: number;
  private badRefilledAtMs: number;
  private pingSentAtMs: number | null = null;
  private helloTimer: Subscription | null;
  private pongTimer: Subscription | null = null;
  private heldTimer: Subscription | null = null;
  private readonly onWritten = (err?: Error | null): void => {
    if (!err && this.outbox.size > 0) this.flush();
  };
  /** ws's underlying net.Socket, when it exposes one: corked while a burst of sends lasts. */
  private readonly raw: { cork(): void; uncork(): void } | null;
  private corked = false;
  private readonly uncork = (): void => {
    this.corked = false;
    this.raw!.uncork();
  };

  constructor(
    readonly id: number,
    private readonly socket: WebSocket,
    private readonly hub: HubContext,
  ) {
    const { options, counters } = hub;
    this.outbox = new Outbox(
      options.maxQueue,
      (reason, n) => {
        this.dropped[reason] += n;
        counters.messagesDropped[reason] += n;
      },
      () => counters.resyncs++,
    );
    const raw = (socket as unknown as { _socket?: { cork?: unknown; uncork?: unknown } })._socket;
    this.raw = typeof raw?.cork === 'function' && typeof raw.uncork === 'function' ? (raw as { cork(): void; uncork(): void }) : null;
    this.badTokens = options.badMessageBurst;
    this.badRefilledAtMs = this.scheduler.now();
    this.helloTimer = this.scheduler.schedule(() => {
      this.helloTimer = null;
      if (!this.greeted) this.fail(E.TWIN_ERR_WS_HELLO_TIMEOUT, `no hello within ${options.helloTimeoutMs} ms`, E.WS_CLOSE.POLICY_VIOLATION);
    }, options.helloTimeoutMs);
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('pong', () => this.onPong());
  }

  private get scheduler(): SchedulerLike {
    return this.hub.options.scheduler;
  }

  /** Offers a published message; the connection decides whether and in what form this client gets it. */
  offer(p: Published, cache: FrameCache | null): void {
    if (!this.subs.has(p.channel)) return;
    const filter = this.subs.get(p.channel) ?? null;
    if (!filterAccepts(filter, p.assets)) return;
    if (p.channel === 'sensors') {
      const key = filter?.key ?? '';
      let frame = cache?.get(key);
      if (frame === undefined) {
        const data = filterSensors(p.data as SensorsData, filter);
        // A frame with none of this client's sensors is not worth a message.
        frame = data.samples.length === 0 && (p.data as SensorsData).samples.length > 0 ? null : { seq: p.seq, channel: p.channel, t: p.t, data };
        cache?.set(key, frame);
      }
      if (frame === null) return;
      this.outbox.pushSensors(frame as OutFrame & { data: SensorsData }, this.scheduler.now());
      this.armHeldTimer();
    } else {
      let frame = cache?.get('');
      if (!frame) {
        frame = { seq: p.seq, channel: p.channel, t: p.t, data: p.data };
        cache?.set('', frame);
      }
      this.outbox.pushData(frame);
    }
    this.flush();
  }

  /** Pings, or terminates the client if the last ping went unanswered (its own timer does that on time). */
  keepalive(nowMs: number): void {
    if (this.socket.readyState !== WebSocket.OPEN || this.pingSentAtMs !== null) return;
    this.pingSentAtMs = nowMs;
    this.socket.ping();
    this.pongTimer = this.scheduler.schedule(() => {
      this.pongTimer = null;
      if (this.pingSentAtMs === null) return;
      this.hub.counters.keepaliveTerminations++;
      this.socket.terminate();
    }, this.hub.options.pongTimeoutMs);
  }

  stats(): WsClientStats {
    return {
      id: this.id,
      channels: [...this.subs.keys()],
      queued: this.outbox.size,
      bufferedAmount: this.socket.bufferedAmount,
      messagesSent: this.sent,
      bytesSent: this.bytes,
      messagesDropped: { ...this.dropped },
      queueHighWater: this.outbox.highWater,
    };
  }

  /** Stops the connection's timers; the hub calls it when the socket closes. */
  dispose(): void {
    for (const t of [this.helloTimer, this.pongTimer, this.heldTimer]) t?.unsubscribe();
    this.helloTimer = this.pongTimer = this.heldTimer = null;
    this.outbox.clearSensors();
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  private onPong(): void {
    this.pingSentAtMs = null;
    this.pongTimer?.unsubscribe();
    this.pongTimer = null;
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.socket.readyState !== WebSocket.OPEN) return; // already failed and closing
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
    if (size > this.hub.options.maxMessageBytes) {
      this.hub.counters.clientErrors++;
      this.fail(E.TWIN_ERR_WS_TOO_LARGE, `message of ${size} bytes exceeds ${this.hub.options.maxMessageBytes}`, E.WS_CLOSE.MESSAGE_TOO_BIG);
      return;
    }
    if (isBinary) return this.reject(E.TWIN_ERR_WS_BINARY, 'binary frames are not part of the protocol; send JSON text');
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as Buffer).toString('utf8');
    const parsed = parseClientMessage(text);
    if (!parsed.ok) return this.reject(parsed.code, parsed.message);
    this.handle(parsed.message);
  }

  private handle(m: ClientMessage): void {
    if (m.type === 'hello') return this.onHello(m.protocolVersion, m.lastSeq);
    if (!this.greeted) return this.reject(E.TWIN_ERR_WS_HELLO_REQUIRED, `send hello before ${m.type}`);
    if (m.type === 'subscribe') {
      const filter = assetFilter(m.assets);
      for (const c of m.channels) this.subs.set(c, filter);
      if (m.channels.includes('sensors')) this.outbox.setSensorRate(m.maxRateHz);
      if (this.resumeFrom !== null) this.replay(this.resumeFrom);
    } else {
      for (const c of m.channels) this.subs.delete(c);
      if (m.channels.includes('sensors')) this.outbox.clearSensors();
    }
    this.control({ type: 'subscribed', channels: CHANNELS.filter((c) => this.subs.has(c)), seq: this.hub.latestSeq() });
  }

  private onHello(version: number, lastSeq: number | undefined): void {
    if (this.greeted) return this.reject(E.TWIN_ERR_WS_ALREADY_GREETED, 'hello was already received on this connection');
    if (version !== PROTOCOL_VERSION) {
      this.hub.counters.clientErrors++;
      const why = `protocol version ${version} is not supported; this server speaks ${PROTOCOL_VERSION}`;
      this.fail(E.TWIN_ERR_WS_PROTOCOL_VERSION, why, E.WS_CLOSE.PROTOCOL_VERSION);
      return;
    }
    this.greeted = true;
    this.helloTimer?.unsubscribe();
    this.helloTimer = null;
    this.resumeFrom = lastSeq ?? null;
    this.control({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, seq: this.hub.latestSeq(), channels: CHANNELS });
  }

  /** Replays what the client missed, through the same filters and outbox as live data. */
  private replay(lastSeq: number): void {
    this.resumeFrom = null;
    const missed = this.hub.since(lastSeq);
    if (missed.kind === 'gap') {
      this.hub.counters.resyncs++;
      const latest = this.hub.latestSeq();
      const reason = lastSeq > latest ? `lastSeq ${lastSeq} is ahead of this server (${latest}): it restarted` : `lastSeq ${lastSeq} is older than the replay buffer`;
      this.control({ type: 'resync', reason, seq: latest });
      return;
    }
    for (const p of missed.messages) this.offer(p, null);
  }

  private armHeldTimer(): void {
    const due = this.outbox.heldDueAtMs;
    if (due === null || this.heldTimer !== null) return;
    this.heldTimer = this.scheduler.schedule(() => {
      this.heldTimer = null;
      if (this.outbox.releaseHeld(this.scheduler.now())) this.flush();
      else this.armHeldTimer();
    }, Math.max(0, due - this.scheduler.now()));
  }

  private control(m: ControlMessage): void {
    this.outbox.pushControl(m);
    this.flush();
  }

  /** A bad message gets an error; only a burst of them (a broken or hostile client) closes the connection. */
  private reject(code: string, message: string): void {
    this.hub.counters.clientErrors++;
    const now = this.scheduler.now();
    const burst = this.hub.options.badMessageBurst;
    this.badTokens = Math.min(burst, this.badTokens + (now - this.badRefilledAtMs) / 1000);
    this.badRefilledAtMs = now;
    if (--this.badTokens < 0) {
      this.fail(E.TWIN_ERR_WS_TOO_MANY_ERRORS, `more than ${burst} bad messages in a burst (last: ${message})`, E.WS_CLOSE.POLICY_VIOLATION);
      return;
    }
    this.control({ type: 'error', code, message });
  }

  /** Sends the error, then closes: for faults that another message cannot fix. */
  private fail(code: string, message: string, closeCode: number): void {
    this.control({ type: 'error', code, message });
    // A close reason is at most 123 bytes (RFC 6455 §5.5).
    this.socket.close(closeCode, Buffer.from(message).subarray(0, 123).toString());
  }

  private flush(): void {
    const socket = this.socket;
    if (socket.readyState !== WebSocket.OPEN) return;
    const { highWaterBytes } = this.hub.options;
    const counters = this.hub.counters;
    // Each ws send is a write syscall; corking until the current task ends turns a burst of
    // publishes (an engine chunk of ticks) into one writev. Corked bytes count in bufferedAmount,
    // so the high-water mark still holds.
    if (this.raw && !this.corked && this.outbox.size > 0) {
      this.corked = true;
      this.raw.cork();
      queueMicrotask(this.uncork);
    }
    while (socket.bufferedAmount < highWaterBytes) {
      const wire = this.outbox.next();
      if (wire === undefined) break;
      const bytes = wire.length;
      socket.send(wire, SEND_TEXT, this.onWritten);
      this.sent++;
      this.bytes += bytes;
      counters.messagesSent++;
      counters.bytesSent += bytes;
    }
    if (socket.bufferedAmount > counters.bufferedHighWaterBytes) counters.bufferedHighWaterBytes = socket.bufferedAmount;
    if (this.outbox.highWater > counters.queueHighWater) counters.queueHighWater = this.outbox.highWater;
  }
}
