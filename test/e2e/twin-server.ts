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
  readonly log: () => string;
  stop(): Promise<void>;
}

/** Starts the real twin server (twin-api/server.ts) as a child process on a free port with a temporary DATA_DIR. */
export async function startTwinServer(env: Record<string, string> = {}, port?: number): Promise<TwinServer> {
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
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`twin server exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`twin server did not answer within 90 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    port: p,
    log: () => out,
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
