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
 *   ws_clients, ws_p95_ms       1,000 WebSocket clients on `sensors`, ~20 s (see measureWs for the method); latency from the newest tick
 *   ws_messages_dropped         messages the hub merged or dropped for these clients over the window (twin_ws_dropped_messages_total)
 *   ws_oldest_merged_age_*      for merged messages, receipt − wall time of the oldest tick merged in (how stale a sample can be)
 *   samples_lost, _duplicated   distinct (sensor, time) pairs the deterministic re-run up to the engine's last tick has and the
 *                               store lacks, and stored rows beyond one per pair, after a SIGTERM flush (see samplesLost)
 *   max_*                       a second server at TWIN_SPEED=max for MAX_RUN_S: latest under autocannon, then the same loss check
 *   failures                    any non-2xx, request error, lost, duplicated or unexpected sample: the run exits 1
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
/** Simulated run of the TWIN_SPEED=max server before its loss check, wall s. */
const MAX_RUN_S = 20;

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
  const receipts: { tick: number; at: number; wallMs: number; fromWallMs: number | null }[] = [];
  const droppedBefore = (await metricsOf(base)).get('twin_ws_dropped_messages_total') ?? 0;
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
        const head = raw.toString('latin1', 0, 260);
        if (head.startsWith('{"channel":"sensors"')) {
          const from = /"fromWallMs":(\d+)/.exec(head)?.[1];
          if (measuring) receipts.push({ tick: Number(/"tick":(\d+)/.exec(head)?.[1] ?? NaN), wallMs: Number(/"wallMs":(\d+)/.exec(head)?.[1] ?? NaN), fromWallMs: from === undefined ? null : Number(from), at });
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
  // A merged message may carry samples as old as its oldest tick: that age is what a client shows.
  const mergedAges = receipts.filter((r) => r.fromWallMs !== null).map((r) => r.at - r.fromWallMs!);
  const dropped = ((await metricsOf(base)).get('twin_ws_dropped_messages_total') ?? 0) - droppedBefore;
  return {
    ws_clients: connected,
    ws_p95_ms: round(quantile(latency, 0.95), 1),
    ws_median_ms: round(quantile(latency, 0.5), 1),
    ws_max_ms: round(Math.max(...latency), 1),
    ws_fanout_p95_ms: round(quantile(fanout, 0.95), 1),
    ws_messages: receipts.length,
    ws_ticks: byTick.size,
    ws_ticks_every_client: complete,
    ws_messages_dropped: dropped,
    ws_merged_messages: mergedAges.length,
    ws_oldest_merged_age_p95_ms: mergedAges.length > 0 ? round(quantile(mergedAges, 0.95), 1) : null,
    ws_oldest_merged_age_max_ms: mergedAges.length > 0 ? round(Math.max(...mergedAges), 1) : null,
  };
}

/**
 * Samples lost and duplicated, as distinct (sensor, time) pairs. The engine is deterministic and
 * nothing in this bench changes the live plant (what-if runs on forks), so the same scenario
 * stepped here to the tick the server's engine stopped at (it logs it at shutdown: every sample up
 * to it was produced and handed to history, the shutdown flush included) produces exactly the
 * pairs the server should have stored. Per sensor: lost = expected pairs − distinct stored pairs
 * in that span (a stored pair off the expected times would hide a loss, so such pairs are counted
 * apart as `samples_unexpected`), duplicated = stored rows − distinct stored pairs. Only the twin's
 * own samples (source 0) count.
 */
async function samplesLost(dataDir: string, lastTick: number, startMs: number) {
  const engine = createEngine(loadLibraryScenario('glass-plant'));
  const ids = engine.layout.sensors.map((x) => x.id);
  const expected = new Map<string, number>();
  // Sum of each sensor's expected times (s since start): equal sums with equal counts leave no stored pair off the grid unnoticed in practice.
  const expectedTimeSum = new Map<string, number>();
  const sub = engine.frames$.subscribe((f) => {
    const tS = (f.timeMs - startMs) / 1000;
    for (let i = 0; i < f.sampledCount; i++) {
      const id = ids[f.sampled[i]!]!;
      expected.set(id, (expected.get(id) ?? 0) + 1);
      expectedTimeSum.set(id, (expectedTimeSum.get(id) ?? 0) + tS);
    }
  });
  engine.step(lastTick);
  sub.unsubscribe();
  const store = await PgliteStore.open(dataDir);
  const rows = await store.db.query<{ sensor_id: string; n: number; pairs: number; tsum: number }>(
    `SELECT sensor_id, count(*)::int AS n, count(DISTINCT t)::int AS pairs, sum(DISTINCT extract(epoch FROM t - $1::timestamptz))::float8 AS tsum
       FROM samples WHERE source = 0 AND t > $1 AND t <= $2 GROUP BY sensor_id`,
    [new Date(startMs).toISOString(), new Date(startMs + lastTick * engine.stepS * 1000).toISOString()],
  );
  const [after] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM samples WHERE source = 0 AND t > $1', [new Date(startMs + lastTick * engine.stepS * 1000).toISOString()]);
  await store.close();
  let produced = 0;
  for (const n of expected.values()) produced += n;
  let lost = 0;
  let duplicated = 0;
  let unexpected = 0;
  let stored = 0;
  const seen = new Set<string>();
  for (const r of rows) {
    seen.add(r.sensor_id);
    stored += r.pairs;
    duplicated += r.n - r.pairs;
    const want = expected.get(r.sensor_id) ?? 0;
    if (r.pairs > want) unexpected += r.pairs - want;
    else lost += want - r.pairs;
    if (r.pairs === want && Math.abs(r.tsum - (expectedTimeSum.get(r.sensor_id) ?? 0)) > 1e-3 * Math.max(1, r.pairs)) unexpected++;
  }
  for (const [id, n] of expected) if (!seen.has(id)) lost += n;
  return {
    samples_produced: produced,
    samples_stored: stored,
    samples_lost: lost,
    samples_duplicated: duplicated,
    samples_unexpected: unexpected,
    samples_stored_after_last_tick: after?.n ?? 0,
    samples_last_tick: lastTick,
  };
}

/** The engine's last tick, from the server's shutdown line. */
function lastTickOf(output: string): number {
  const m = /the engine's last tick (\d+)/.exec(output);
  if (!m) throw new Error("the server did not log the engine's last tick at shutdown");
  return Number(m[1]);
}

// ---- the run ------------------------------------------------------------------------------------

/** The loss check with the engine as fast as it goes (the history writer holds the clock when it lags), and `latest` meanwhile. */
async function maxSpeedRun(startMs: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'twin-bench-api-max-'));
  let server: Server | null = null;
  try {
    server = await startServer(dir, 'max');
    log(`second server at TWIN_SPEED=max: ${MAX_RUN_S} s, then GET /api/plant/latest under autocannon…`);
    await sleep(MAX_RUN_S * 1000);
    const latest = await measureLatest(server.base);
    log('SIGTERM; waiting for the flush…');
    const stopped = await stopServer(server);
    log(`stopped with exit code ${stopped.code} in ${Math.round(stopped.exitMs)} ms`);
    const lastTick = lastTickOf(server.output());
    server = null;
    log(`re-running the plant to tick ${lastTick} for the loss check…`);
    const lost = await samplesLost(dir, lastTick, startMs);
    return Object.fromEntries(Object.entries({ ...latest, ...lost, exit_ms: Math.round(stopped.exitMs) }).map(([k, v]) => [`max_${k}`, v]));
  } finally {
    if (server) {
      server.proc.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--max-only')) {
    const out = await maxSpeedRun(Date.parse(loadLibraryScenario('glass-plant').start));
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
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
    log('SIGTERM; waiting for the flush…');
    await stopServer(server);
    const lastTick = lastTickOf(server.output());
    server = null;
    const lost = await samplesLost(dataDir, lastTick, startMs);

    const maxRun = await maxSpeedRun(startMs);

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
      ...maxRun,
      bench_s: Math.round((now() - began) / 1000),
    };
    // A benchmark whose requests failed measured something else: the run fails, naming what.
    const failures = Object.entries(out)
      .filter(([k, v]) => /(non2xx|errors|samples_lost|samples_duplicated|samples_unexpected)$/.test(k) && typeof v === 'number' && v > 0)
      .map(([k, v]) => `${k} ${v}`);
    process.stdout.write(`${JSON.stringify({ ...out, failures })}\n`);
    if (failures.length > 0) {
      log(`FAILED: ${failures.join(', ')}`);
      process.exitCode = 1;
    }
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
