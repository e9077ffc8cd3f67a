import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import { feedSensors } from './live/ws-feed.ts';
import { wsRoutes } from './routes/ws.ts';
import { KEYS, testServer } from './test-app.test-helper.ts';
import { WsHub } from './ws/hub.ts';

describe('the /ws route on the server', () => {
  it('streams each tick\'s sensor samples to a subscribed viewer, filtered by asset', async () => {
    const hub = new WsHub({ pingIntervalMs: 0 });
    const { app, twin } = await testServer(() => [wsRoutes(hub)]);
    const sub = feedSensors(twin.engine, hub);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const refused = await new Promise<number>((resolve) => {
      const w = new WebSocket(`ws://127.0.0.1:${port}/ws`);
      w.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      w.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { 'x-api-key': KEYS.viewer } });
    const messages: { channel?: string; type?: string; seq?: number; data?: { tick: number; samples: { id: string }[] } }[] = [];
    ws.on('message', (m) => messages.push(JSON.parse(String(m))));
    await new Promise((r) => ws.on('open', r));
    ws.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    ws.send(JSON.stringify({ type: 'subscribe', channels: ['sensors'], assets: ['Line_A'] }));
    await new Promise((r) => setTimeout(r, 200));
    twin.engine.step(5);
    await new Promise((r) => setTimeout(r, 300));
    const sensors = messages.filter((m) => m.channel === 'sensors');
    expect(messages[0]?.type).toBe('welcome');
    expect(sensors.length).toBe(5);
    expect(sensors.map((m) => m.data!.tick)).toEqual([121, 122, 123, 124, 125]);
    for (const m of sensors) for (const s of m.data!.samples) expect(s.id.startsWith('Line_A.')).toBe(true);
    ws.close();
    sub.unsubscribe();
    hub.close();
    await app.close();
  });

  it('accepts a browser\'s API key offered as a twin-key sub-protocol, and refuses a wrong one', async () => {
    const hub = new WsHub({ pingIntervalMs: 0 });
    const { app } = await testServer(() => [wsRoutes(hub)]);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `ws://127.0.0.1:${(app.server.address() as { port: number }).port}/ws`;
    const open = (key: string) =>
      new Promise<{ status: number; protocol: string }>((resolve) => {
        const w = new WebSocket(url, ['twinworks', `twin-key.${Buffer.from(key).toString('base64url')}`]);
        w.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, protocol: '' }));
        w.on('open', () => {
          resolve({ status: 101, protocol: w.protocol });
          w.close();
        });
      });
    expect(await open(KEYS.viewer)).toEqual({ status: 101, protocol: 'twinworks' });
    expect((await open('not-a-key')).status).toBe(401);
    hub.close();
    await app.close();
  });
});
