/**
 * npm run bench:viewer — the viewer in headless Chromium (software WebGL) against the reference
 * plant, served by a twin server this script starts. Progress on stderr; one JSON line on stdout:
 *   fps_median, frame_ms_p95     animation frames over BENCH_FPS_S (30) seconds on the overview
 *   first_render_ms              navigation start → first frame with the plant's topology drawn
 *   js_heap_mb                   used JS heap after a forced GC, after BENCH_HEAP_S (300) seconds live
 *   js_heap_start_mb, js_heap_growth_mb, js_heap_samples_mb   the same sampled every 30 s
 *   renderer                     WebGL UNMASKED_RENDERER (SwiftShader here: CPU rendering)
 * Environment: CHROMIUM_PATH (/usr/bin/chromium), TWIN_SPEED (10), BENCH_FPS_S, BENCH_HEAP_S.
 * Self-contained: bench/ may not import test/ or viewer/ (test/architecture.test.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FPS_S = Number(process.env['BENCH_FPS_S'] ?? 30);
const HEAP_S = Number(process.env['BENCH_HEAP_S'] ?? 300);
const log = (msg: string) => process.stderr.write(`[bench:viewer] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  if (!existsSync(join(ROOT, 'viewer', 'dist', 'index.html'))) {
    log('building the viewer…');
    await new Promise<void>((ok, fail) =>
      spawn(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'viewer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 2, 2] }).on('exit', (c) => (c === 0 ? ok() : fail(new Error(`vite build exited ${c}`)))),
    );
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-viewer-data-'));
  const profile = mkdtempSync(join(tmpdir(), 'bench-viewer-chromium-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, TWIN_MODELS_DIR: `${dataDir}/models`, TWIN_ML_BOOTSTRAP: '0', TWIN_SPEED: process.env['TWIN_SPEED'] ?? '10' };
  delete env['TWIN_API_KEYS'];
  const server = spawn(process.execPath, ['--import', 'tsx', 'twin-api/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  const cleanup = async () => {
    server.kill('SIGTERM');
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    log(`starting the twin server on ${url} (speed ${env['TWIN_SPEED']}x)…`);
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`twin server exited with ${server.exitCode}`);
      if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
      if (i > 300) throw new Error('twin server did not start within 90 s');
      await sleep(300);
    }
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
    try {
      const page = await context.newPage();
      // Every animation frame's timestamp, from the first script on: the frame-time source.
      // Page-side code is plain JS in strings: the root tsconfig (which checks bench/) has no DOM types.
      await page.addInitScript({
        content: `window.__frames = []; const tick = (t) => { window.__frames.push(t); if (window.__frames.length > 20000) window.__frames.splice(0, 10000); requestAnimationFrame(tick); }; requestAnimationFrame(tick);`,
      });
      log('opening the viewer…');
      await page.goto(url);
      await page.waitForFunction(`document.querySelector('[data-testid="scene-canvas"] canvas') !== null && window.__twin?.store.getState().topology != null`, null, { timeout: 60_000, polling: 16 });
      // Two frames after the topology arrived: the plant has been drawn once.
      const firstRenderMs = (await page.evaluate(`new Promise((r) => requestAnimationFrame(() => requestAnimationFrame((t) => r(t))))`)) as number;
      const renderer = (await page.evaluate(`(() => {
        const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
        if (!gl) return 'no WebGL';
        const ext = gl.getExtension('WEBGL_debug_renderer_info');
        return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
      })()`)) as string;
      log(`first render ${Math.round(firstRenderMs)} ms; renderer ${renderer}; measuring frames for ${FPS_S} s…`);
      await sleep(3000); // let shaders compile and the first KPI/history requests settle
      const startT = (await page.evaluate('performance.now()')) as number;
      await sleep(FPS_S * 1000);
      const frames = (await page.evaluate(`window.__frames.filter((t) => t >= ${startT})`)) as number[];
      const deltas = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
      const frameMsMedian = quantile(deltas, 0.5);
      const frameMsP95 = quantile(deltas, 0.95);
      log(`${frames.length} frames: median ${frameMsMedian.toFixed(1)} ms, p95 ${frameMsP95.toFixed(1)} ms`);

      const cdp = await context.newCDPSession(page);
      const heapMb = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        return Math.round((usedSize / 2 ** 20) * 10) / 10;
      };
      const samples: number[] = [await heapMb()];
      const t0 = Date.now();
      while (Date.now() - t0 < HEAP_S * 1000) {
        await sleep(Math.min(30_000, HEAP_S * 1000 - (Date.now() - t0)));
        samples.push(await heapMb());
        log(`heap after ${Math.round((Date.now() - t0) / 1000)} s live: ${samples.at(-1)} MB`);
      }
      const result = {
        fps_median: Math.round((1000 / frameMsMedian) * 10) / 10,
        frame_ms_p95: Math.round(frameMsP95 * 10) / 10,
        frames_measured: frames.length,
        fps_window_s: FPS_S,
        first_render_ms: Math.round(firstRenderMs),
        js_heap_mb: samples.at(-1)!,
        js_heap_start_mb: samples[0]!,
        js_heap_growth_mb: Math.round((samples.at(-1)! - samples[0]!) * 10) / 10,
        js_heap_samples_mb: samples,
        heap_window_s: HEAP_S,
        renderer,
        twin_speed: env['TWIN_SPEED'],
        viewport: '1440x900',
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
      await context.close();
    }
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  process.stderr.write(`bench:viewer: ${(err as Error).message}\n`);
  process.exit(1);
});
