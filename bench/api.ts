/**
 * npm run bench:api — the live twin server under load, end to end over 127.0.0.1. Starts the real
 * server (`node --import tsx twin-api/server.ts`, development mode, TWIN_SPEED=1, a fresh temp
 * DATA_DIR with embedded PGlite) as a child process, measures, stops it with SIGTERM, and ends with
 * ONE JSON line on stdout (progress on stderr):
 *   latest_rps, latest_p95_ms   autocannon, GET /api/plant/latest, 50 connections, 10 s
 *   history_p95_ms              GET /api/plant/history, 3 sensors, 24 h window, maxPoints=2000, 50× sequential
 *   whatif_4h_16seeds_ms        POST /api/digital-twin/what-if (furnace 1450 °C, 4 h, 16 seeds), median of 5 after a warm-up:
 *                               the product's default, a shortcut: only the changed line (scope `affected`), 10 s step, sensors off
 *   whatif_4h_16seeds_plant_1s_ms   the same change over the whole plant (scope `plant`) at the plant's own 1 s step, median of 3
 *   whatif_workers              the server's rollout pool (twin_whatif_workers)
 *   ws_clients, ws_p95_ms       1,000 WebSocket clients on `sensors`, ~20 s (see measureWs for the method)
 *   samples_lost                samples the engine produced − rows stored, after a SIGTERM flush
 *
 * Everything runs on one 2-core machine: the load generators (autocannon, the 1,000 ws clients)
 * live in this process and compete with the server for the two cores, so every figure is a
 * pessimistic one for the server alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { createEngine } from '../engine/plant.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import type { SampleRow } from '../twin-api/store/history-store.ts';
import { PgliteStore } from '../twin-api/store/pglite-store.ts';
import { metricsOf, now, progressLog, quantile, round, sleep, startServer as startServerProcess, stopServer, type ServerProcess } from './support/server-process.ts';

const log = progressLog('bench:api');
const DAY_MS = 86_400_000;
const HISTORY_SENSORS = ['Line_A.forming.belt_speed', 'Line_A.annealing.lehr_exit_temp', 'Line_A.furnace.zone1_temp'];
const WS_CLIENTS = 1000;
const WS_WINDOW_MS = 20_000;
/** TWIN_BENCH_SPEED: the live server's TWIN_SPEED (default 1: one tick, one sensors message per second). */
const SPEED = process.env['TWIN_BENCH_SPEED'] ?? '1';
const WHAT_IF = { changes: [{ setpoint: 'Line_A.furnace_temp', value: 1450 }], horizon: '4h', seeds: 16 };
const WHAT_IF_PLANT_1S = { ...WHAT_IF, scope: 'plant', stepS: 1 };

type Server = ServerProcess;
const startServer = (dataDir: string, speed: string): Promise<Server> => startServerProcess({ dataDir, speed });

// ---- pre-filled history ------------------------------------------------------------------------

/**
 * 24 h of history before the live run starts, so a 24 h query has 24 h to read: the same plant
 * simulated over the previous day (scenario start moved back 24 h), keeping only the queried
 * sensors. The full plant writes 164 samples/s (14 M rows a day), which PGlite takes minutes to
 * insert, so the other 301 sensors are not pre-filled; the index is on (sensor_id, t).
 */
async function prefillHistory(dataDir: string): Promise<{ rows: number }> {
  const scenario = loadLibraryScenario('glass-plant');
  const engine = createEngine({ ...scenario, start: new Date(Date.parse(scenario.start) - DAY_MS).toISOString() });
  const ids = engine.layout.sensors.map((s) => s.id);
  for (const id of HISTORY_SENSORS) if (!engine.layout.sensorIndex.has(id)) throw new Error(`unknown sensor ${id}`);
  const wanted = new Set(HISTORY_SENSORS);
  const rows: SampleRow[] = [];
  const sub = engine.frames$.subscribe((f) => {
    for (let i = 0; i < f.sampledCount; i++) {
      const k = f.sampled[i]!;
      if (!wanted.has(ids[k]!)) continue;
      const v = f.values[k]!;
      rows.push({ tMs: f.timeMs, sensorId: ids[k]!, value: Number.isNaN(v) ? null : v, status: f.status[k]! });
    }
  });
  engine.runFor(DAY_MS / 1000);
  sub.unsubscribe();
  const store = await PgliteStore.open(dataDir);
  for (let i = 0; i < rows.length; i += 20_000) await store.insertSamples(rows.slice(i, i + 20_000));
  await store.close();
  return { rows: rows.length };
}

// ---- measurements ------------------------------------------------------------------------------

async function measureLatest(base: string) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon({ url: `${base}/api/plant/latest`, connections: 50, duration: 10 }, (err, r) => (err ? reject(err) : resolve(r)));
    inst.on('response', (_client, _status, _bytes, responseTimeMs) => times.push(responseTimeMs));
  });
  return {
    latest_rps: Math.round(result.requests.average),
    latest_p95_ms: round(quantile(times, 0.95), 2),
    latest_p99_ms: round(quantile(times, 0.99), 2),
    latest_requests: result.requests.total,
    latest_non2xx: result.non2xx,
    latest_errors: result.errors,
  };
}

async function measureHistory(base: string) {
  const health = (await (await fetch(`${base}/api/health`)).json()) as { data: { engine: { simTime: string } } };
  const toMs = Date.parse(health.data.engine.simTime);
  const q = new URLSearchParams({ sensors: HISTORY_SENSORS.join(','), from: new Date(toMs - DAY_MS).toISOString(), to: new Date(toMs).toISOString(), maxPoints: '2000' });
  const url = `${base}/api/plant/history?${q}`;
  const times: number[] = [];
  let window: Record<string, unknown> = {};
  // 50 queries, or fewer (at least 10) when they are slow: the whole bench stays under ~3 minutes.
  const until = now() + 25_000;
  for (let i = 0; i < 50 && (i < 10 || now() < until); i++) {
    const t0 = now();
    const res = await fetch(url);
    const body = (await res.json()) as { data: { series: { sensorId: string; kind: string; buckets?: { count: number }[]; samples?: unknown[] }[] } };
    times.push(now() - t0);
    if (!res.ok) throw new Error(`history: HTTP ${res.status}`);
    if (i === 0) {
      const per = body.data.series.map((s) => ({
        sensor: s.sensorId,
        kind: s.kind,
        points: s.buckets?.length ?? s.samples?.length ?? 0,
        samples: s.buckets ? s.buckets.reduce((a, b) => a + b.count, 0) : (s.samples?.length ?? 0),
      }));
      window = { from: q.get('from'), to: q.get('to'), series: per };
    }
  }
  return { history_p95_ms: round(quantile(times, 0.95), 1), history_median_ms: round(quantile(times, 0.5), 1), history_queries: times.length, history_window: window };
}

async function whatIfOnce(base: string, body: object = WHAT_IF): Promise<number> {
  const t0 = now();
  const res = await fetch(`${base}/api/digital-twin/what-if`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`what-if: HTTP ${res.status}`);
  return now() - t0;
}

/**
 * 1,000 clients on `sensors`; a message's latency is its receipt time here minus `data.wallMs`, the
 * server's wall clock when the tick ran (same machine, same clock). Receipt times are taken when
 * this process's event loop gets to the message, so the cost of 1,000 clients on one core here is
 * in the figures. Only a message's first bytes are decoded. `ws_fanout_p95_ms` is the spread
 * between the first and the other clients' receipt of the same tick.
 */
async function measureWs(base: string) {
  const url = `${base.replace('http', 'ws')}/ws`;
  const receipts: { tick: number; at: number; wallMs: number }[] = [];
  let measuring = false;
  let connected = 0;
  const sockets: WebSocket[] = [];
  const connectOne = () =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      sockets.push(ws);
      const timer = setTimeout(() => reject(new Error('ws: no "subscribed" within 15 s')), 15_000);
      ws.on('error', (err) => reject(err));
      ws.on('open', () => {
        ws.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
        ws.send(JSON.stringify({ type: 'subscribe', channels: ['sensors'] }));
      });
      ws.on('message', (raw: Buffer) => {
        const at = now();
        const head = raw.toString('latin1', 0, 160);
        if (head.startsWith('{"channel":"sensors"')) {
          if (measuring) receipts.push({ tick: Number(/"tick":(\d+)/.exec(head)?.[1] ?? NaN), wallMs: Number(/"wallMs":(\d+)/.exec(head)?.[1] ?? NaN), at });
        } else if (head.startsWith('{"type":"subscribed"')) {
          clearTimeout(timer);
          connected++;
          resolve();
        }
      });
    });
  const t0 = now();
  for (let i = 0; i < WS_CLIENTS; i += 50) await Promise.all(Array.from({ length: Math.min(50, WS_CLIENTS - i) }, connectOne));
  log(`ws: ${connected} clients subscribed in ${Math.round(now() - t0)} ms`);
  await sleep(1500);
  measuring = true;
  await sleep(WS_WINDOW_MS);
  measuring = false;
  for (const ws of sockets) ws.terminate();

  const latency = receipts.map((r) => r.at - r.wallMs);
  if (latency.some((x) => !Number.isFinite(x))) throw new Error('ws: a sensors message without data.wallMs');
  const byTick = new Map<number, number[]>();
  for (const r of receipts) {
    const list = byTick.get(r.tick);
    if (list) list.push(r.at);
    else byTick.set(r.tick, [r.at]);
  }
  const fanout: number[] = [];
  for (const ats of byTick.values()) {
    const first = Math.min(...ats);
    for (const a of ats) fanout.push(a - first);
  }
  const complete = [...byTick.values()].filter((a) => a.length === connected).length;
  return {
    ws_clients: connected,
    ws_p95_ms: round(quantile(latency, 0.95), 1),
    ws_median_ms: round(quantile(latency, 0.5), 1),
    ws_max_ms: round(Math.max(...latency), 1),
    ws_fanout_p95_ms: round(quantile(fanout, 0.95), 1),
    ws_messages: receipts.length,
    ws_ticks: byTick.size,
    ws_ticks_every_client: complete,
  };
}

/**
 * Samples lost = samples the engine produced − rows stored. The server has no counter of produced
 * samples (only twin_samples_written_total and twin_samples_buffered), but the engine is
 * deterministic and nothing in this bench changes the live plant (what-if runs on forks), so the
 * same scenario stepped to the same tick here produces exactly the same samples. Compared up to the
 * tick read just before SIGTERM; rows after it are not counted.
 */
async function samplesLost(dataDir: string, lastTick: number, startMs: number, producedMetric: number | null) {
  const engine = createEngine(loadLibraryScenario('glass-plant'));
  let produced = 0;
  const sub = engine.frames$.subscribe((f) => (produced += f.sampledCount));
  engine.step(lastTick);
  sub.unsubscribe();
  const store = await PgliteStore.open(dataDir);
  const [row] = await store.db.query<{ n: number; all: number }>(
    'SELECT count(*) FILTER (WHERE t <= $2)::int AS n, count(*)::int AS "all" FROM samples WHERE t > $1',
    [new Date(startMs).toISOString(), new Date(startMs + lastTick * engine.stepS * 1000).toISOString()],
  );
  await store.close();
  const stored = row?.n ?? 0;
  return {
    samples_produced: produced,
    samples_stored: stored,
    samples_lost: produced - stored,
    samples_stored_after_cut: (row?.all ?? 0) - stored,
    samples_last_tick: lastTick,
    samples_lost_by_metric: producedMetric === null ? null : producedMetric - (row?.all ?? 0),
  };
}

// ---- the run ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const began = now();
  const dataDir = mkdtempSync(join(tmpdir(), 'twin-bench-api-'));
  const scenario = loadLibraryScenario('glass-plant');
  const startMs = Date.parse(scenario.start);
  let server: Server | null = null;
  try {
    log('pre-filling 24 h of history for the queried sensors…');
    const prefill = await prefillHistory(dataDir);
    log(`pre-filled ${prefill.rows} rows`);

    server = await startServer(dataDir, SPEED);
    log(`server up at ${server.base} (TWIN_SPEED=${SPEED})`);
    log('what-if warm-up (also waits for the worker pool)…');
    const warm = await whatIfOnce(server.base);
    log(`what-if warm-up ${Math.round(warm)} ms`);

    log(`ws: ${WS_CLIENTS} clients, ${WS_WINDOW_MS / 1000} s…`);
    const ws = await measureWs(server.base);
    await sleep(1000);

    log('autocannon GET /api/plant/latest, 50 connections, 10 s…');
    const latest = await measureLatest(server.base);

    log('history, 50 queries…');
    const history = await measureHistory(server.base);

    log('what-if, 5 runs…');
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push(await whatIfOnce(server.base));
    log('what-if over the whole plant at 1 s, 3 runs…');
    const plantRuns: number[] = [];
    for (let i = 0; i < 3; i++) plantRuns.push(await whatIfOnce(server.base, WHAT_IF_PLANT_1S));

    const m = await metricsOf(server.base);
    const lastTick = Math.floor((m.get('twin_sim_time_seconds') ?? 0) / scenario.stepS);
    const producedMetric = m.get('twin_samples_produced_total') ?? null;
    log(`SIGTERM at about tick ${lastTick}; waiting for the flush…`);
    await stopServer(server);
    server = null;
    const lost = await samplesLost(dataDir, lastTick, startMs, producedMetric);

    const out = {
      speed: SPEED === 'max' ? SPEED : Number(SPEED),
      ...latest,
      ...history,
      history_prefilled_rows: prefill.rows,
      whatif_4h_16seeds_ms: Math.round(quantile(runs, 0.5)),
      whatif_runs_ms: runs.map((r) => Math.round(r)),
      whatif_warmup_ms: Math.round(warm),
      whatif_4h_16seeds_plant_1s_ms: Math.round(quantile(plantRuns, 0.5)),
      whatif_plant_1s_runs_ms: plantRuns.map((r) => Math.round(r)),
      whatif_workers: m.get('twin_whatif_workers') ?? null,
      ...ws,
      ...lost,
      samples_written_metric: m.get('twin_samples_written_total') ?? null,
      samples_buffered_metric: m.get('twin_samples_buffered') ?? null,
      bench_s: Math.round((now() - began) / 1000),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    log('done');
  } finally {
    if (server) {
      server.proc.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  log(`failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
