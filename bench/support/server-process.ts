/**
 * The real twin server as a child process, for benchmarks that measure it from outside over
 * 127.0.0.1: start it on a free port with a fresh DATA_DIR, wait until it answers, read its
 * metrics and its resident memory, stop it with SIGTERM and time the exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
/** Sub-millisecond wall time of this process (all times compared are taken here). */
export const now = () => performance.timeOrigin + performance.now();

/** A progress logger on stderr, so stdout keeps its one JSON line. */
export function progressLog(name: string): (msg: string) => void {
  const t0 = performance.now();
  return (msg) => process.stderr.write(`[${name} ${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}\n`);
}

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  readonly proc: ChildProcess;
  readonly base: string;
  readonly exited: Promise<number | null>;
  /** Everything the server printed so far (stdout and stderr). */
  readonly output: () => string;
}

export interface ServerOptions {
  readonly dataDir: string;
  readonly speed: string;
  /** Extra environment (e.g. MQTT_URL); credentials and service URLs of the caller's shell are dropped first. */
  readonly env?: NodeJS.ProcessEnv;
  /** Prefix of the server's output lines on stderr. */
  readonly label?: string;
}

/**
 * Starts `node --import tsx twin-api/server.ts` in development mode (no credentials) on embedded
 * PGlite, without background model training unless `env` asks for it, and resolves once
 * `/api/health` says the engine runs (the server listens first and answers "starting" until then).
 */
export async function startServer(o: ServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: o.dataDir, TWIN_MODELS_DIR: `${o.dataDir}/models`, TWIN_ML_BOOTSTRAP: '0', TWIN_SPEED: o.speed };
  for (const k of ['TWIN_API_KEYS', 'TWIN_API_KEYS_FILE', 'TWIN_JWT_SECRET', 'TWIN_JWT_SECRET_FILE', 'DATABASE_URL', 'MQTT_URL']) delete env[k];
  Object.assign(env, o.env ?? {});
  const label = o.label ?? 'server';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'twin-api/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const printed: string[] = [];
  proc.stdout!.on('data', (b: Buffer) => (printed.push(b.toString()), process.stderr.write(`  ${label}: ${b}`)));
  proc.stderr!.on('data', (b: Buffer) => (printed.push(b.toString()), process.stderr.write(`  ${label}! ${b}`)));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode} before answering /api/health`);
    try {
      const res = await fetch(`${base}/api/health`);
      const body = res.ok ? ((await res.json()) as { data?: { engine?: { running?: boolean } } }) : null;
      if (body?.data?.engine?.running) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not answer /api/health within 120 s');
    await sleep(200);
  }
  return { proc, base, exited, output: () => printed.join('') };
}

/** Sends SIGTERM and resolves with the exit code and the time to exit; SIGKILLs and throws after `timeoutMs`. */
export async function stopServer(s: ServerProcess, timeoutMs = 60_000): Promise<{ code: number | null; exitMs: number }> {
  const t0 = now();
  s.proc.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const outcome = await Promise.race([s.exited, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    s.proc.kill('SIGKILL');
    throw new Error(`server did not stop within ${timeoutMs} ms of SIGTERM`);
  }
  return { code: outcome, exitMs: now() - t0 };
}

/** The server's Prometheus metrics, by name (the first series of each). */
export async function metricsOf(base: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{[^}]*\})? (\S+)$/.exec(line);
    if (m && !out.has(m[1]!)) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

/** Resident set size of a process in MB, read from /proc (Linux). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) / 1024;
}
