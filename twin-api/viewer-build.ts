import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Where the repository's viewer lives, and where its production build goes. */
export const REPO_ROOT = join(import.meta.dirname, '..');
export const VIEWER_DIST = join(REPO_ROOT, 'viewer', 'dist');

/**
 * `npm install` builds the viewer (the `prepare` script); this covers a checkout where that step
 * was skipped (`npm ci --ignore-scripts`, a deleted dist). Returns what happened, for the start log;
 * a failed build leaves the API running without the viewer rather than stopping the server.
 */
export async function ensureViewerBuilt(log: (msg: string) => void): Promise<'present' | 'built' | 'unavailable'> {
  if (existsSync(join(VIEWER_DIST, 'index.html'))) return 'present';
  const config = join(REPO_ROOT, 'viewer', 'vite.config.ts');
  if (!existsSync(config)) return 'unavailable';
  let viteBin: string;
  try {
    viteBin = join(createRequire(import.meta.url).resolve('vite/package.json'), '..', 'bin', 'vite.js');
  } catch {
    log('viewer: not built and vite is not installed (run npm install); serving the API only');
    return 'unavailable';
  }
  log('viewer: no production build found, building it once (about a minute)…');
  // A child process, not execFileSync: the server is already listening and answers health meanwhile.
  const outcome = await new Promise<string | null>((resolve) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--config', config, '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('error', (err) => resolve(err.message));
    child.on('exit', (code) => resolve(code === 0 ? null : `vite exited with code ${code}`));
  });
  if (outcome === null) return 'built';
  log(`viewer: build failed (${outcome}); serving the API only`);
  return 'unavailable';
}
