import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** Builds the viewer once if viewer/dist is missing (the server would too, but slower and silently). */
export async function ensureViewerBuilt(): Promise<void> {
  if (existsSync(join(ROOT, 'viewer', 'dist', 'index.html'))) return;
  await run(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'viewer/vite.config.ts', '--logLevel', 'warn']);
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

export interface TwinServer {
  readonly url: string;
  readonly port: number;
  /** The server's DATA_DIR (removed by stop()). */
  readonly dataDir: string;
  readonly log: () => string;
  /** Sends a signal; `exited` resolves with the exit code (null when killed by a signal). */
  signal(sig: NodeJS.Signals): void;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** The health body the server answers while it starts and after. */
export interface HealthBody {
  status: string;
  engine: { running: boolean };
  startup?: { name: string; state: string; progress?: { done: number; total: number } }[];
}

/** By default a server counts as up once it is no longer starting (every start-up phase ended). */
const notStarting = (h: HealthBody) => h.status !== 'starting';

/** Starts the real twin server (twin-api/server.ts) as a child process on a free port with a temporary DATA_DIR. */
export async function startTwinServer(env: Record<string, string> = {}, port?: number, up: (h: HealthBody) => boolean = notStarting): Promise<TwinServer> {
  const p = port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'twin-e2e-data-'));
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'twin-api/server.ts'], {
    cwd: ROOT,
    // No model training in the background: it would take a core from the browser under test. The
    // embedded database and the stand-in plant, even where CI sets DATABASE_URL and MQTT_URL for the
    // service tests: a shared database would show earlier runs' recordings and history to this one.
    env: { ...process.env, PORT: String(p), HOST: '127.0.0.1', DATA_DIR: dataDir, TWIN_MODELS_DIR: join(dataDir, 'models'), TWIN_ML_BOOTSTRAP: '0', TWIN_SPEED: '60', DATABASE_URL: '', MQTT_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${p}`;
  // Generous: on a loaded 2-core machine loading the modules alone has taken a minute.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`twin server exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      // The server listens first and answers "starting" while it loads; `up` says when it is ready enough.
      if (res.ok && up(((await res.json()) as { data: HealthBody }).data)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`twin server was not up within 180 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    port: p,
    dataDir,
    log: () => out,
    signal: (sig) => void child.kill(sig),
    exited,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((r) => {
          const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 5000);
          child.once('exit', () => { clearTimeout(t); r(); });
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
