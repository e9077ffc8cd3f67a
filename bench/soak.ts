/**
 * npm run bench:soak — the live server kept under load and fed bad input, measured from outside
 * over 127.0.0.1. Ends with ONE JSON line on stdout (progress on stderr). Three phases, each on a
 * real server process (development mode, embedded PGlite, a fresh DATA_DIR, TWIN_SPEED=1, no
 * background model training):
 *
 *   soak   SOAK_S (600) seconds of SOAK_RPS (1,000) requests/s over a mix of GET routes, plus
 *          SOAK_WS (200) WebSocket clients on every channel. RSS of the server is read from /proc
 *          every 5 s: `soak_rss_growth_mb_per_10min` is the least-squares slope over the second half
 *          of the run (after warm-up), scaled to 10 minutes; "flat" means near 0 against the level.
 *   fuzz   FUZZ_BODIES (10,000) fuzzed requests to the write routes (the arbitraries of the API's
 *          property tests, including NUL and lone-surrogate text), sent over HTTP. Every 2xx write
 *          is audited before its response leaves (twin-api/app.ts), so the audit log's growth must
 *          cover every acknowledged write: `fuzz_lost_acknowledged_writes` is the shortfall.
 *   mqtt   (when MQTT_URL is set) a server whose plant is MQTT: FUZZ_MQTT (1,000) malformed or
 *          poison messages (year 0000, 9999, NUL in ids, sensor not the topic's, unknown sensors,
 *          non-JSON, wrong types) interleaved with valid samples of real sensors. After SIGTERM the
 *          stored plant rows are read back: `mqtt_valid_lost` valid samples missing, `mqtt_poison_stored`
 *          poison ones that got in.
 *
 * A writer is "stuck" when samples stop being written while the engine runs: after each phase the
 * server's twin_samples_written_total must still advance. Each phase ends with SIGTERM and reports
 * the exit time and code. The load generators run in this process on the same 2 cores, so the
 * server's figures are pessimistic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import fc from 'fast-check';
import mqtt from 'mqtt';
import WebSocket from 'ws';
import { CHANNELS } from '../protocol/ws.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import { PgliteStore } from '../twin-api/store/pglite-store.ts';
import { bodiesAround, nasty, pathId, payloadOf } from './support/fuzz-inputs.ts';
import { metricsOf, progressLog, round, rssMb, sleep, startServer, stopServer, type ServerProcess } from './support/server-process.ts';

const log = progressLog('bench:soak');
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name}: "${process.env[name]}" is not a non-negative number`);
  return v;
};
const SOAK_S = num('SOAK_S', 600);
const SOAK_RPS = num('SOAK_RPS', 1000);
const SOAK_WS = num('SOAK_WS', 200);
const FUZZ_BODIES = num('FUZZ_BODIES', 10_000);
const FUZZ_MQTT = num('FUZZ_MQTT', 1000);
const MQTT_URL = process.env['MQTT_URL'] || null;
const SEED = 20261202;

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json()) as { data: T };
  return body.data;
}

/** twin_samples_written_total advances over `windowMs` (a stuck writer would leave it still). */
async function writerAdvances(base: string, windowMs = 6000): Promise<boolean> {
  const before = (await metricsOf(base)).get('twin_samples_written_total') ?? 0;
  await sleep(windowMs);
  const after = (await metricsOf(base)).get('twin_samples_written_total') ?? 0;
  return after > before;
}

function slopePerMs(points: readonly { at: number; v: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((a, p) => a + p.at, 0) / n;
  const my = points.reduce((a, p) => a + p.v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.at - mx) * (p.v - my);
    sxx += (p.at - mx) ** 2;
  }
  return sxy / sxx;
}

// ---- soak ----------------------------------------------------------------------------------------

async function openWsClients(base: string, n: number) {
  const url = `${base.replace('http', 'ws')}/ws`;
  const sockets: WebSocket[] = [];
  let messages = 0;
  let closedEarly = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      sockets.push(ws);
      const timer = setTimeout(() => reject(new Error('ws: no "subscribed" within 15 s')), 15_000);
      ws.on('error', reject);
      ws.on('open', () => {
        ws.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
        ws.send(JSON.stringify({ type: 'subscribe', channels: CHANNELS }));
      });
      ws.on('close', () => (closedEarly += 1));
      ws.on('message', (raw: Buffer) => {
        messages++;
        if (raw.toString('latin1', 0, 24).startsWith('{"type":"subscribed"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  for (let i = 0; i < n; i += 50) await Promise.all(Array.from({ length: Math.min(50, n - i) }, one));
  return {
    messages: () => messages,
    closedByServer: () => closedEarly,
    close: () => {
      closedEarly -= sockets.length; // our own closes are not the server's
      for (const ws of sockets) ws.terminate();
    },
  };
}

async function soakPhase(s: ServerProcess) {
  const health = await json<{ engine: { simTime: string } }>(await fetch(`${s.base}/api/health`));
  const toMs = Date.parse(health.engine.simTime);
  const history = new URLSearchParams({ sensors: 'Line_A.forming.belt_speed,pump_003.bearing_temp_c', from: new Date(toMs - 3_600_000).toISOString(), to: new Date(toMs + 3_600_000 * 24).toISOString(), maxPoints: '500' });
  const paths = ['/api/plant/latest', '/api/kpis', '/api/alerts', `/api/plant/history?${history}`, '/api/predictions', '/api/health', '/api/plant/events?limit=50', '/api/digital-twin/shadow-state'];

  const ws = await openWsClients(s.base, SOAK_WS);
  log(`soak: ${SOAK_WS} WebSocket clients subscribed to ${CHANNELS.length} channels; ${SOAK_RPS} req/s for ${SOAK_S} s`);
  const rss: { at: number; v: number }[] = [];
  const t0 = Date.now();
  const sampler = setInterval(() => rss.push({ at: Date.now() - t0, v: rssMb(s.proc.pid!) }), 5000);
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      { url: s.base, connections: 40, overallRate: SOAK_RPS, duration: SOAK_S, requests: paths.map((path) => ({ method: 'GET' as const, path })) },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    inst.on('response', (_c, status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
  });
  clearInterval(sampler);
  const dropped = (await metricsOf(s.base)).get('twin_ws_dropped_messages_total') ?? 0;
  const wsMessages = ws.messages();
  const wsClosedByServer = ws.closedByServer();
  ws.close();
  const secondHalf = rss.filter((p) => p.at >= (SOAK_S * 1000) / 2);
  return {
    soak_s: SOAK_S,
    soak_target_rps: SOAK_RPS,
    soak_achieved_rps: Math.round(result.requests.average),
    soak_requests: result.requests.total,
    soak_non2xx: result.non2xx,
    soak_5xx: [...statuses].filter(([code]) => code >= 500).reduce((a, [, n]) => a + n, 0),
    soak_errors: result.errors + result.timeouts,
    soak_p99_ms: result.latency.p99,
    soak_ws_clients: SOAK_WS,
    soak_ws_messages: wsMessages,
    soak_ws_closed_by_server: wsClosedByServer,
    soak_ws_dropped_messages: dropped,
    soak_rss_mb_start: round(rss[0]?.v ?? NaN),
    soak_rss_mb_end: round(rss.at(-1)?.v ?? NaN),
    soak_rss_mb_max: round(Math.max(...rss.map((p) => p.v))),
    soak_rss_growth_mb_per_10min: round(slopePerMs(secondHalf) * 600_000, 2),
    soak_writer_advances: await writerAdvances(s.base),
  };
}

// ---- fuzzed bodies -------------------------------------------------------------------------------

async function auditTotal(base: string): Promise<number> {
  return (await json<{ total: number }>(await fetch(`${base}/api/audit?limit=1`))).total;
}

async function fuzzPhase(s: ServerProcess) {
  const setpointIds = (await json<{ id: string }[]>(await fetch(`${s.base}/api/plant/setpoints`))).map((x) => x.id);
  const alertIds = (await json<{ id: string }[]>(await fetch(`${s.base}/api/alerts`))).map((a) => a.id);
  const settings = await json<Record<string, unknown>>(await fetch(`${s.base}/api/settings/alerts`));
  const known = (xs: readonly string[], fallback: string) => fc.constantFrom(...(xs.length ? xs : [fallback]));
  // Background model training and retraining are left out: a valid body would start a training job per request.
  const WRITES: readonly { method: 'PUT' | 'POST' | 'DELETE'; path: (id: string) => string; ids: fc.Arbitrary<string>; bodies: fc.Arbitrary<unknown> }[] = [
    { method: 'PUT', path: (id) => `/api/plant/setpoints/${id}`, ids: fc.oneof(known(setpointIds, 'Line_A.belt_speed'), pathId), bodies: bodiesAround({ value: 140 }) },
    { method: 'POST', path: (id) => `/api/alerts/${id}/acknowledge`, ids: fc.oneof(known(alertIds, 'ALT-000001'), pathId), bodies: bodiesAround({}) },
    { method: 'POST', path: (id) => `/api/alerts/${id}/dismiss`, ids: fc.oneof(known(alertIds, 'ALT-000001'), pathId), bodies: bodiesAround({ justification: 'probe replaced during the shift' }) },
    { method: 'PUT', path: () => '/api/settings/alerts', ids: fc.constant(''), bodies: bodiesAround(settings) },
    { method: 'POST', path: (id) => `/api/plant/maintenance/${id}`, ids: fc.oneof(fc.constantFrom('pump_003', 'fan_001'), pathId), bodies: bodiesAround({ reason: 'bearing noise' }) },
    { method: 'POST', path: () => '/api/digital-twin/what-if', ids: fc.constant(''), bodies: bodiesAround({ changes: [{ setpoint: 'Line_A.furnace_temp', value: 1450 }], horizon: '30m', seeds: 2 }) },
    { method: 'POST', path: () => '/api/sessions', ids: fc.constant(''), bodies: bodiesAround({ scenario: 'furnace-overheat-crack-storm' }) },
    { method: 'POST', path: () => '/api/models/promote', ids: fc.constant(''), bodies: bodiesAround({ task: 'defects', kind: 'line' }) },
  ];
  const requests = fc.sample(
    fc.integer({ min: 0, max: WRITES.length - 1 }).chain((k) => fc.tuple(fc.constant(k), WRITES[k]!.ids, payloadOf(WRITES[k]!.bodies))),
    { numRuns: FUZZ_BODIES, seed: SEED },
  );
  const auditBefore = await auditTotal(s.base);
  const byStatus = new Map<number, number>();
  let acknowledged = 0;
  let transportErrors = 0;
  const sessions: string[] = [];
  const firstFailures: string[] = [];
  let next = 0;
  // Eight requests in flight: enough to overlap, few enough that what-ifs do not queue for minutes.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < requests.length) {
        const [k, id, { contentType, payload }] = requests[next++]!;
        const w = WRITES[k]!;
        try {
          const res = await fetch(`${s.base}${w.path(id)}`, { method: w.method, headers: { 'content-type': contentType }, body: payload });
          const text = await res.text();
          byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
          if (res.ok) acknowledged++;
          if (res.status >= 500 && firstFailures.length < 5) firstFailures.push(`${w.method} ${w.path(id).slice(0, 80)} → ${res.status} ${text.slice(0, 200)}`);
          if (res.ok && w.path('') === '/api/sessions') {
            const sid = (JSON.parse(text) as { data?: { id?: string } }).data?.id;
            if (sid) sessions.push(sid);
          }
        } catch {
          transportErrors++;
        }
      }
    }),
  );
  for (const sid of sessions) await fetch(`${s.base}/api/sessions/${sid}`, { method: 'DELETE' });
  const auditAfter = await auditTotal(s.base);
  // The session deletions above are acknowledged writes too.
  const audited = auditAfter - auditBefore - sessions.length;
  for (const f of firstFailures) log(`fuzz 5xx: ${f}`);
  return {
    fuzz_bodies: requests.length,
    fuzz_5xx: [...byStatus].filter(([code]) => code >= 500).reduce((a, [, n]) => a + n, 0),
    fuzz_2xx: acknowledged,
    fuzz_4xx: [...byStatus].filter(([code]) => code >= 400 && code < 500).reduce((a, [, n]) => a + n, 0),
    fuzz_transport_errors: transportErrors,
    fuzz_lost_acknowledged_writes: Math.max(0, acknowledged - audited),
    fuzz_writer_advances: await writerAdvances(s.base),
  };
}

// ---- fuzzed MQTT -----------------------------------------------------------------------------------

interface Published {
  readonly topic: string;
  readonly payload: string | Buffer;
  readonly valid?: { sensorId: string; tMs: number };
  /** Which poison it is (its index in the list), for the report. */
  readonly poison?: number;
  readonly key?: string;
}

/** Valid samples of real sensors, one every `every` messages, among poison and malformed ones. */
function mqttMessages(sensors: readonly { id: string; asset: string; parameter: string; unit: string; line: boolean }[], simMs: number): Published[] {
  const rng = fc.sample(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { numRuns: FUZZ_MQTT * 4, seed: SEED });
  let r = 0;
  const pick = <T>(xs: readonly T[]): T => xs[rng[r++ % rng.length]! % xs.length]!;
  const record = (s: (typeof sensors)[number], tMs: number, over: Record<string, unknown> = {}) => ({
    timestamp: new Date(tMs).toISOString(),
    sensor_id: s.id,
    parameter_name: s.parameter,
    value: 40 + (tMs % 1000) / 100,
    unit: s.unit,
    status: 'OK',
    ...(s.line ? { production_line: s.asset } : { machine_id: s.asset }),
    ...over,
  });
  const topicOf = (s: (typeof sensors)[number]) => `plant/${s.asset}/${s.parameter}`;
  const poison: ((s: (typeof sensors)[number], tMs: number) => Published)[] = [
    (s, t) => ({ topic: topicOf(s), payload: JSON.stringify(record(s, t, { timestamp: '0000-06-01T00:00:00Z' })) }),
    (s, t) => ({ topic: topicOf(s), payload: JSON.stringify(record(s, t, { timestamp: '9999-12-31T23:59:59Z' })) }),
    (s, t) => ({ topic: topicOf(s), payload: JSON.stringify(record(s, t, { sensor_id: `${s.id}\u0000` })) }),
    (s, t) => ({ topic: topicOf(s), payload: JSON.stringify(record(s, t, { unit: 'lone \ud800' })) }),
    // Another sensor's id than the topic's (when the topic is zone 3's own, zone 2's).
    (s, t) => ({ topic: topicOf(s), payload: JSON.stringify(record(s, t, { sensor_id: s.id === 'Line_A.furnace.zone3_temp' ? 'Line_A.furnace.zone2_temp' : 'Line_A.furnace.zone3_temp' })) }),
    (s, t) => ({ topic: `plant/${s.asset}/made_up_${t % 997}`, payload: JSON.stringify(record(s, t, { parameter_name: `made_up_${t % 997}`, sensor_id: `${s.asset}.made_up_${t % 997}` })) }),
    (s, t) => ({ topic: topicOf(s), payload: JSON.stringify(record(s, t, { value: 'hot' })) }),
    (s, t) => ({ topic: topicOf(s), payload: JSON.stringify(record(s, t)).replace(/"value":[^,]+/, '"value":1e400') }),
    (s, t) => ({ topic: topicOf(s), payload: JSON.stringify(record(s, t, { status: 'MELTING' })) }),
    (s, t) => ({ topic: topicOf(s), payload: JSON.stringify(record(s, t, { timestamp: new Date(t).toISOString().replace('Z', '+25:00') })) }),
    (s) => ({ topic: topicOf(s), payload: '{"timestamp": ' }),
    (s) => ({ topic: topicOf(s), payload: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0xc3]) }),
    (s) => ({ topic: topicOf(s), payload: '' }),
    (s) => ({ topic: topicOf(s), payload: JSON.stringify([1, 2, 3]) }),
    (s, t) => ({ topic: `plant/${s.asset}`, payload: JSON.stringify(record(s, t)) }),
    (s, t) => ({ topic: topicOf(s), payload: JSON.stringify(record(s, t, { timestamp: String(fc.sample(nasty, { numRuns: 1, seed: t })[0]) })) }),
  ];
  const out: Published[] = [];
  const every = 4;
  let tMs = simMs - 600_000;
  for (let i = 0; out.filter((m) => !m.valid).length < FUZZ_MQTT; i++) {
    const s = pick(sensors);
    tMs += 1000;
    // A valid sample, now and then with an unknown field nested 5,000 deep (kept: gateways add fields).
    const extra = i % (every * 10) === 0 ? `,"gateway":${'['.repeat(5000)}${']'.repeat(5000)}` : '';
    if (i % every === 0) out.push({ topic: topicOf(s), payload: `${JSON.stringify(record(s, tMs)).slice(0, -1)}${extra}}`, valid: { sensorId: s.id, tMs } });
    else {
      const k = rng[r++ % rng.length]! % poison.length;
      out.push({ ...poison[k]!(s, tMs), poison: k, key: `${s.id}@${tMs}` });
    }
  }
  return out;
}

async function mqttPhase(dataDir: string) {
  const s = await startServer({ dataDir, speed: '1', env: { MQTT_URL: MQTT_URL! }, label: 'mqtt-server' });
  const topo = await json<{ assets: { id: string; kind: string; sensors: { id: string; name: string; unit: string }[] }[] }>(await fetch(`${s.base}/api/plant/topology`));
  const health = await json<{ engine: { simTime: string } }>(await fetch(`${s.base}/api/health`));
  // The topic names the asset and the sensor's name; a line's samples say production_line (engine/records.ts).
  const sensors = topo.assets.flatMap((a) => a.sensors.map((x) => ({ id: x.id, asset: a.id, parameter: x.name, unit: x.unit, line: a.kind === 'line' })));
  const messages = mqttMessages(sensors, Date.parse(health.engine.simTime));
  const client = await mqtt.connectAsync(MQTT_URL!, { clientId: `twin-bench-soak-${process.pid}` });
  for (const m of messages) await client.publishAsync(m.topic, m.payload, { qos: 1 });
  await client.endAsync();
  log(`mqtt: published ${messages.length} messages (${messages.filter((m) => m.valid).length} valid)`);
  await sleep(5000);
  const advances = await writerAdvances(s.base);
  const stop = await stopServer(s);
  const store = await PgliteStore.open(dataDir);
  const rows = await store.db.query<{ sensor_id: string; t: string | Date }>('SELECT sensor_id, t FROM samples WHERE source = 1');
  await store.close();
  const stored = new Set(rows.map((r) => `${r.sensor_id}@${new Date(r.t).getTime()}`));
  const valid = messages.filter((m) => m.valid).map((m) => `${m.valid!.sensorId}@${m.valid!.tMs}`);
  const validSet = new Set(valid);
  return {
    mqtt_messages: messages.length,
    mqtt_poison_messages: messages.length - valid.length,
    mqtt_valid_messages: valid.length,
    mqtt_valid_lost: valid.filter((k) => !stored.has(k)).length,
    mqtt_poison_stored: [...stored].filter((k) => !validSet.has(k)).length,
    mqtt_poison_stored_by_kind: Object.fromEntries(
      [...new Set(messages.filter((m) => m.key && stored.has(m.key)).map((m) => m.poison!))].map((k) => [k, messages.filter((m) => m.poison === k && stored.has(m.key!)).length]),
    ),
    mqtt_writer_advances: advances,
    mqtt_sigterm_exit_ms: Math.round(stop.exitMs),
    mqtt_sigterm_exit_code: stop.code,
  };
}

// ---- the run -----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'twin-bench-soak-'));
    dirs.push(d);
    return d;
  };
  try {
    const server = await startServer({ dataDir: fresh(), speed: '1', label: 'server' });
    const soak = await soakPhase(server);
    log(`soak: ${JSON.stringify(soak)}`);
    const fuzz = await fuzzPhase(server);
    log(`fuzz: ${JSON.stringify(fuzz)}`);
    const stop = await stopServer(server);
    const mq = MQTT_URL ? await mqttPhase(fresh()) : { mqtt_skipped: 'MQTT_URL not set' };
    process.stdout.write(`${JSON.stringify({ bench: 'soak', ...soak, ...fuzz, sigterm_exit_ms: Math.round(stop.exitMs), sigterm_exit_code: stop.code, ...mq })}\n`);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:soak failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
