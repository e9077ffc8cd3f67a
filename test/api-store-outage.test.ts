/**
 * While the history database is away, the API says so: 503 with a coded error (try again), not a
 * 500, on reads and on writes, and each one is logged once, as JSON, under its request id.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { buildApp } from '../twin-api/app.ts';
import { LiveTwin } from '../twin-api/live/live-twin.ts';
import { historyRoutes } from '../twin-api/routes/history.ts';
import { sessionRoutes } from '../twin-api/routes/sessions.ts';
import { SessionManager } from '../twin-api/sessions/session-manager.ts';
import { PgliteStore } from '../twin-api/store/pglite-store.ts';
import type { SqlClient } from '../twin-api/store/sql-client.ts';
import { SqlHistoryStore } from '../twin-api/store/sql-history-store.ts';
import { KEYS, testAuth } from '../twin-api/test-app.test-helper.ts';

const engine = createEngine(loadLibraryScenario('glass-plant'));
engine.runFor(60);
const twin = new LiveTwin(engine, { mode: { kind: 'paced', speed: 1 } });
const headers = { 'x-api-key': KEYS.engineer };
const historyUrl = `/api/plant/history?sensors=Line_A.furnace.zone1_temp&from=${engine.isoAt(0)}&to=${engine.isoAt()}`;

async function appOver(store: SqlHistoryStore, sessions?: SessionManager) {
  const lines: string[] = [];
  const app = await buildApp({
    auth: testAuth(),
    log: { level: 'warn', stream: { write: (line) => void lines.push(line) } },
    routes: [historyRoutes(twin, store), ...(sessions ? [sessionRoutes(sessions, store)] : [])],
  });
  const logged = () => lines.map((l) => JSON.parse(l) as { level: number; reqId: string; msg: string });
  return { app, logged };
}

/** The 503 envelope, and the request id its message gives. */
function unavailable(r: { statusCode: number; json(): unknown }): string {
  expect(r.statusCode).toBe(503);
  const { data, error } = r.json() as { data: null; error: { code: string; message: string } };
  expect(data).toBeNull();
  expect(error.code).toBe('TWIN_ERR_UNAVAILABLE');
  expect(error.message).toMatch(/^the history database is unavailable; try again later \(logged on the server as request req-\w+\)$/);
  return /request (req-\w+)/.exec(error.message)![1]!;
}

describe('the embedded store, closed under a running API', async () => {
  const store = await PgliteStore.open('memory://');
  const sessions = new SessionManager({ loadScenario: loadLibraryScenario, createEngine, store });
  const { app, logged } = await appOver(store, sessions);
  const session = (await app.inject({ method: 'POST', url: '/api/sessions', headers, payload: { scenario: 'furnace-overheat-crack-storm' } })).json().data.id as string;
  expect((await app.inject({ method: 'GET', url: historyUrl, headers })).statusCode).toBe(200);
  await store.close();
  afterAll(() => sessions.closeAll());

  it('answers a history read with 503 and logs it once under its request id', async () => {
    const id = unavailable(await app.inject({ method: 'GET', url: historyUrl, headers }));
    expect(logged()).toHaveLength(1);
    expect(logged()[0]).toMatchObject({ level: 50, reqId: id, msg: '503 GET /api/plant/history: the history database is unavailable' });
  });

  it('answers a write that needs the store (saving a recording) with 503, logged under its id', async () => {
    const id = unavailable(await app.inject({ method: 'POST', url: `/api/sessions/${session}/recording`, headers, payload: { name: 'during the outage' } }));
    expect(logged().filter((l) => l.reqId === id)).toHaveLength(1);
  });
});

describe('a PostgreSQL server that refuses connections', async () => {
  // node-postgres against a port nothing listens on: its own connection error, as an outage makes it.
  const pool = new pg.Pool({ host: '127.0.0.1', port: 1, user: 'nobody', database: 'none', connectionTimeoutMillis: 5000 });
  const client: SqlClient = {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await pool.query(sql, [...params])).rows as T[],
    exec: async (sql) => void (await pool.query(sql)),
    transaction: async (fn) => fn(client),
    close: () => pool.end(),
  };
  const { app, logged } = await appOver(new SqlHistoryStore(client));
  afterAll(() => pool.end());

  it('answers a history read with 503 and logs it once under its request id', async () => {
    const id = unavailable(await app.inject({ method: 'GET', url: historyUrl, headers }));
    expect(logged().map((l) => l.reqId)).toEqual([id]);
  });
});
