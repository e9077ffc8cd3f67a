// @vitest-environment happy-dom
import { PROTOCOL_VERSION } from '../../../protocol/version.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from './store-types.ts';
import { backoffMs, LiveClient, type SocketLike } from './ws-client.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string, readonly protocols: string[]) {}
  send(data: string) { this.sent.push(JSON.parse(data)); }
  close(code = 1000, reason = '') { this.readyState = 3; this.onclose?.({ code, reason }); }
  open() { this.readyState = 1; this.onopen?.({}); }
  receive(m: unknown) { this.onmessage?.({ data: JSON.stringify(m) }); }
  drop(code = 1006) { this.readyState = 3; this.onclose?.({ code, reason: '' }); }
}

function setup(lastSeq = 0) {
  const sockets: FakeSocket[] = [];
  const changes: Partial<ConnectionState>[] = [];
  const received: unknown[] = [];
  let seq = lastSeq;
  const failedHandshakes = vi.fn();
  const client = new LiveClient({
    url: () => 'ws://twin/ws',
    protocols: () => ['twinworks'],
    channels: ['sensors', 'alerts'],
    maxRateHz: () => 2,
    lastSeq: () => seq,
    onMessage: (m) => received.push(m),
    onConnection: (c) => changes.push(c),
    onHandshakeFailed: failedHandshakes,
    createSocket: (url, protocols) => { const s = new FakeSocket(url, protocols); sockets.push(s); return s; },
    random: () => 1,
    now: () => 0,
  });
  return { client, sockets, changes, received, failedHandshakes, setSeq: (n: number) => (seq = n) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('LiveClient', () => {
  it('says hello without lastSeq on a first connection, then subscribes with the sensor rate after welcome', () => {
    const { client, sockets } = setup();
    client.start();
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ type: 'hello', protocolVersion: PROTOCOL_VERSION }]);
    sockets[0]!.receive({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, seq: 40, channels: [] });
    expect(sockets[0]!.sent[1]).toEqual({ type: 'subscribe', channels: ['sensors', 'alerts'], maxRateHz: 2 });
    client.stop();
  });

  it('passes every message on to the store callback', () => {
    const { client, sockets, received } = setup();
    client.start();
    sockets[0]!.open();
    sockets[0]!.receive({ channel: 'sensors', seq: 41, t: 'x', data: {} });
    expect(received).toEqual([{ channel: 'sensors', seq: 41, t: 'x', data: {} }]);
    client.stop();
  });

  it('after a lost connection reports "reconnecting" with the attempt and retry time, and resumes from lastSeq', () => {
    const { client, sockets, changes, setSeq } = setup();
    client.start();
    sockets[0]!.open();
    setSeq(120);
    sockets[0]!.drop();
    expect(changes.at(-1)).toMatchObject({ status: 'reconnecting', attempt: 1, retryAtMs: 500 });
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(sockets[1]!.sent[0]).toEqual({ type: 'hello', protocolVersion: PROTOCOL_VERSION, lastSeq: 120 });
    client.stop();
  });

  it('backs off exponentially up to the maximum while the server stays away', () => {
    const { client, sockets, changes, failedHandshakes } = setup();
    client.start();
    for (let i = 0; i < 6; i++) {
      sockets.at(-1)!.drop();
      vi.advanceTimersByTime(10_000);
    }
    expect(changes.filter((c) => c.status === 'reconnecting').map((c) => c.retryAtMs)).toEqual([500, 1000, 2000, 4000, 8000, 10_000]);
    expect(failedHandshakes).toHaveBeenCalledTimes(6);
    client.stop();
  });

  it('stops retrying when the server speaks another protocol version', () => {
    const { client, sockets, changes } = setup();
    client.start();
    sockets[0]!.open();
    sockets[0]!.close(4001, `protocol version ${PROTOCOL_VERSION} is not supported; this server speaks ${PROTOCOL_VERSION + 1}`);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(changes.at(-1)).toEqual({ status: 'incompatible', detail: `server speaks protocol v${PROTOCOL_VERSION + 1}, this viewer v${PROTOCOL_VERSION}: reload the page` });
  });

  it('checks the version the server welcomes with: another one is not read, not subscribed to and not retried', () => {
    const { client, sockets, changes, received } = setup();
    client.start();
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'welcome', protocolVersion: PROTOCOL_VERSION - 1, seq: 3, channels: [] });
    sockets[0]!.receive({ channel: 'sensors', seq: 4, t: 'x', data: {} });
    vi.advanceTimersByTime(60_000);
    expect(sockets[0]!.sent).toEqual([{ type: 'hello', protocolVersion: PROTOCOL_VERSION }]);
    expect(received).toEqual([]);
    expect(sockets).toHaveLength(1);
    expect(changes.at(-1)).toEqual({ status: 'incompatible', detail: `server speaks protocol v${PROTOCOL_VERSION - 1}, this viewer v${PROTOCOL_VERSION}: reload the page` });
  });

  it('reconnects when an open connection goes quiet (half-open link)', () => {
    const { client, sockets } = setup();
    client.start();
    sockets[0]!.open();
    vi.advanceTimersByTime(20_000);
    vi.advanceTimersByTime(1_000);
    expect(sockets.length).toBe(2);
    client.stop();
  });

  it('stop() closes the socket and never reconnects', () => {
    const { client, sockets } = setup();
    client.start();
    sockets[0]!.open();
    client.stop();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});

describe('backoffMs', () => {
  it('doubles from the base, is capped, and jitters between half and all of it', () => {
    expect(backoffMs(1, 500, 10_000, () => 1)).toBe(500);
    expect(backoffMs(4, 500, 10_000, () => 1)).toBe(4000);
    expect(backoffMs(20, 500, 10_000, () => 1)).toBe(10_000);
    expect(backoffMs(4, 500, 10_000, () => 0)).toBe(2000);
  });
});
