import type { AddressInfo } from 'node:net';
import { VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { WebSocket, WebSocketServer, type ClientOptions } from 'ws';
import { WsHub, type WsClientHandle } from './hub.ts';
import type { WsHubOptions } from './hub-options.ts';
import { PROTOCOL_VERSION } from '../../protocol/version.ts';
import type { AlertChange } from '../../protocol/alerts.ts';
import type { StateData } from '../../protocol/state-data.ts';
import type { PredictionData } from '../../protocol/predictions.ts';

/** Virtual time that a test moves forward by hand; the hub's timers run on it. */
export class ManualScheduler extends VirtualTimeScheduler {
  constructor() {
    super(VirtualAction, 0);
  }
  advance(ms: number): void {
    const target = this.frame + ms;
    this.maxFrames = target;
    this.flush();
    this.frame = target;
  }
}

/** A real ws server on 127.0.0.1 with a hub attached; `handles` lists the hub's side of each client, in connection order. */
export async function startHub(options: WsHubOptions = {}) {
  const hub = new WsHub({ pingIntervalMs: 0, ...options });
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const handles: WsClientHandle[] = [];
  server.on('connection', (socket) => handles.push(hub.attach(socket)));
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    hub,
    handles,
    url,
    connect: (options?: ClientOptions) => TestClient.connect(url, options),
    async stop() {
      hub.close();
      for (const c of server.clients) c.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A real ws client that records every message it gets. */
export class TestClient {
  readonly received: any[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.received.push(JSON.parse(data.toString())));
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  static async connect(url: string, options?: ClientOptions): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return client;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Data messages only, in arrival order. */
  get data(): any[] {
    return this.received.filter((m) => 'channel' in m);
  }

  ofType(type: string): any[] {
    return this.received.filter((m) => m.type === type);
  }

  /** Waits until `predicate` holds over what was received. */
  async until(predicate: (c: TestClient) => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) throw new Error(`timed out; received ${this.received.length}: ${JSON.stringify(this.received.slice(-3))}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Says hello and subscribes, and waits for the acknowledgement. */
  async join(subscribe: Record<string, unknown>, hello: Record<string, unknown> = {}): Promise<void> {
    this.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, ...hello });
    this.send({ type: 'subscribe', ...subscribe });
    await this.until((c) => c.ofType('subscribed').length > 0);
  }

  close(): void {
    this.ws.terminate();
  }
}

export const T0 = '2024-01-01T00:00:00.000Z';

/**
 * Typed payloads that carry a mark (the alert id, the session id, the asset), so a test can publish
 * real channel payloads and still read back which message arrived.
 */
export const alertMark = (mark: string | number): AlertChange => ({
  kind: 'opened',
  alert: {
    id: String(mark), rule: 'threshold', severity: 'LOW', state: 'active', asset: 'm1', sensor: 'm1.temp', parameter: 'temp',
    openedAt: T0, lastAt: T0, clearedAt: null, value: 1, threshold: 0, unit: 'C', direction: 'above', message: '', recommendedAction: '',
    reopenCount: 0, contributors: [], acknowledgedBy: null, acknowledgedAt: null, dismissedBy: null, dismissedAt: null, justification: null,
  },
});
export const stateMark = (mark: string | number): StateData => ({
  kind: 'session', id: String(mark), source: { kind: 'scenario', scenario: 's' }, scenario: 's', t: T0, tS: 0, startS: 0, endS: 60,
  running: true, finished: false, speed: 1, recording: false, timelineMarks: 0,
});
export const predictionMark = (mark: string | number): PredictionData => ({ asset: String(mark), kind: 'pump', tS: 0, status: {} });
/** The mark of a payload built by one of the above (or a sensors frame's tick). */
export function markOf(data: unknown): string {
  const d = data as { alert?: { id: string }; kind?: string; id?: string; asset?: string; tick?: number };
  return d.alert?.id ?? (d.kind === 'session' ? d.id : undefined) ?? d.asset ?? String(d.tick);
}
