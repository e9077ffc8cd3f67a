import { PROTOCOL_VERSION } from '../../../protocol/version.ts';
import type { Channel, ChannelMessage, ClientMessage, ControlMessage } from '../../../protocol/ws.ts';
import type { ConnectionState } from './store-types.ts';

/** The subset of the browser WebSocket the client uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface LiveClientOptions {
  readonly url: () => string;
  readonly protocols: () => string[];
  readonly channels: readonly Channel[];
  /** Sensor frames per second to ask for; undefined: every tick. */
  readonly maxRateHz: () => number | undefined;
  /** Last seq applied, sent in hello so the server replays what was missed. */
  readonly lastSeq: () => number;
  readonly onMessage: (m: ChannelMessage | ControlMessage) => void;
  readonly onConnection: (change: Partial<ConnectionState>) => void;
  /** A connection closed before it opened: maybe a 401 at the upgrade, which the browser hides. */
  readonly onHandshakeFailed?: () => void;
  readonly createSocket?: (url: string, protocols: string[]) => SocketLike;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** No message for this long while open: the link is half-open; reconnect. */
  readonly staleMs?: number;
  readonly random?: () => number;
  readonly now?: () => number;
}

/** Close code of a protocol-version mismatch (twin-api ws/errors.ts): retrying cannot help. */
const CLOSE_PROTOCOL_VERSION = 4001;

/** What the viewer says when it and the server speak different protocols; null: the server's version is not known. */
export function incompatibleDetail(serverVersion: number | null): string {
  const server = serverVersion === null ? 'another protocol version' : `protocol v${serverVersion}`;
  return `server speaks ${server}, this viewer v${PROTOCOL_VERSION}: reload the page`;
}

/** The version in the server's refusal ("… this server speaks 3"), if it names one. */
function versionInReason(reason: string): number | null {
  const m = /speaks (\d+)/.exec(reason);
  return m ? Number(m[1]) : null;
}

/** Reconnect delay: exponential from baseMs to maxMs, with jitter so clients do not return in step. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * The viewer's WebSocket client: hello (with lastSeq after a reconnect), subscribe, reconnect with
 * backoff for as long as it runs. It keeps no state of its own beyond the socket: data and
 * connection state go to the store through the callbacks.
 */
export class LiveClient {
  private socket: SocketLike | null = null;
  private running = false;
  private attempt = 0;
  private opened = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private staleTimer: ReturnType<typeof setTimeout> | null = null;
  private resumed = false;

  constructor(private readonly o: LiveClientOptions) {}

  /** Connects and keeps connecting until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    s?.close(1000, 'viewer closed');
  }

  /** Re-sends the subscription (after a rate setting changed). */
  resubscribe(): void {
    if (this.socket?.readyState === 1) this.subscribe();
  }

  /** Drops the connection and reconnects at once (after the API key changed). */
  reconnectNow(): void {
    this.attempt = 0;
    this.socket?.close(4000, 'reconnect');
  }

  private connect(): void {
    this.clearTimers();
    const create = this.o.createSocket ?? ((url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike);
    this.opened = false;
    let socket: SocketLike;
    try {
      socket = create(this.o.url(), this.o.protocols());
    } catch (err) {
      this.scheduleRetry(`cannot open WebSocket: ${(err as Error).message}`);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.opened = true;
      const lastSeq = this.o.lastSeq();
      // Only a resuming client sends lastSeq: a first connection wants live data, not the backlog.
      this.resumed = lastSeq > 0;
      this.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, ...(this.resumed ? { lastSeq } : {}) });
      this.armStale();
    };
    socket.onmessage = (ev) => {
      if (socket !== this.socket) return; // a socket given up on (another protocol version) says nothing more
      this.armStale();
      let m: ChannelMessage | ControlMessage;
      try {
        m = JSON.parse(String(ev.data)) as ChannelMessage | ControlMessage;
      } catch {
        return;
      }
      if ('type' in m && m.type === 'welcome') {
        // A server that welcomes another version would send messages this viewer misreads: stop here.
        if (m.protocolVersion !== PROTOCOL_VERSION) return this.incompatible(m.protocolVersion);
        this.subscribe();
      }
      this.o.onMessage(m);
    };
    socket.onerror = () => {};
    socket.onclose = (ev) => {
      if (socket !== this.socket && this.socket !== null) return;
      this.socket = null;
      if (!this.running) return;
      if (ev.code === CLOSE_PROTOCOL_VERSION) {
        this.clearTimers();
        this.o.onConnection({ status: 'incompatible', detail: incompatibleDetail(versionInReason(ev.reason)) });
        return;
      }
      if (!this.opened) this.o.onHandshakeFailed?.();
      this.scheduleRetry(ev.reason || (this.opened ? 'connection lost' : 'cannot connect'));
    };
  }

  /** Gives up on this server until the page reloads: retrying cannot make the versions agree. */
  private incompatible(serverVersion: number): void {
    this.running = false;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    s?.close(1000, 'protocol version mismatch');
    this.o.onConnection({ status: 'incompatible', detail: incompatibleDetail(serverVersion) });
  }

  private subscribe(): void {
    const rate = this.o.maxRateHz();
    this.send({ type: 'subscribe', channels: [...this.o.channels], ...(rate !== undefined ? { maxRateHz: rate } : {}) });
  }

  private send(m: ClientMessage): void {
    this.socket?.send(JSON.stringify(m));
  }

  private scheduleRetry(detail: string): void {
    this.clearTimers();
    this.attempt++;
    const delay = backoffMs(this.attempt, this.o.baseDelayMs ?? 500, this.o.maxDelayMs ?? 10_000, this.o.random ?? Math.random);
    const now = (this.o.now ?? Date.now)();
    this.o.onConnection({ status: 'reconnecting', attempt: this.attempt, retryAtMs: now + delay, detail });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.running) this.connect();
    }, delay);
  }

  private armStale(): void {
    if (this.staleTimer) clearTimeout(this.staleTimer);
    this.staleTimer = setTimeout(() => this.socket?.close(4000, 'no data for a while'), this.o.staleMs ?? 20_000);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.staleTimer) clearTimeout(this.staleTimer);
    this.retryTimer = this.staleTimer = null;
  }
}
