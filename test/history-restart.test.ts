/**
 * History across restarts: a restarted twin continues its stored history instead of writing the
 * scenario's timestamps again, after a clean stop and after a kill -9 alike. Afterwards every
 * (sensor, source, time) is stored once, events are distinct, and the history has no gap.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { createTwinServices } from '../twin-api/services/create-twin-services.ts';
import { PgliteStore } from '../twin-api/store/pglite-store.ts';
import { historyServerConfig, RUN_TICKS } from './history-restart.test-helper.ts';

const roots: string[] = [];
async function freshRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'twin-history-restart-'));
  roots.push(root);
  return root;
}

/** What the database holds: per-sample duplicates, the twin's sample times, events and their distinct count. */
async function storedHistory(root: string) {
  const store = await PgliteStore.open(join(root, 'history'));
  try {
    const [dups] = await store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM samples GROUP BY sensor_id, source, t HAVING count(*) > 1) d`,
    );
    const [samples] = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM samples WHERE source = 0`);
    // A sensor sampled every tick: its times must be every tick of the history, once each.
    const [sensor] = await store.db.query<{ sensor_id: string }>(`SELECT sensor_id FROM samples GROUP BY sensor_id ORDER BY count(*) DESC, sensor_id LIMIT 1`);
    const times = await store.db.query<{ t_ms: number }>(`SELECT round(date_part('epoch', t) * 1000)::float8 AS t_ms FROM samples WHERE sensor_id = $1 AND source = 0 ORDER BY t`, [sensor!.sensor_id]);
    const events = await store.queryEvents({ limit: 100_000 });
    const distinctEvents = new Set(events.map((e) => JSON.stringify([e.seq, e.tMs, e.type, e.asset, e.payload]))).size;
    return { duplicates: dups!.n, samples: samples!.n, times: times.map((r) => r.t_ms), events: events.length, distinctEvents };
  } finally {
    await store.close();
  }
}

/** Every step of a sensor sampled each tick is there once: consecutive times one step apart. */
function expectNoGap(times: readonly number[], stepMs: number): void {
  const gaps = times.slice(1).filter((t, i) => t - times[i]! !== stepMs);
  expect(gaps).toEqual([]);
}

describe('history across restarts (PGlite on disk)', () => {
  afterAll(async () => {
    for (const r of roots) await rm(r, { recursive: true, force: true });
  });

  it('a second start continues where the stored history ends: each sample once, events distinct, no gap', async () => {
    const root = await freshRoot();
    const first = await createTwinServices(historyServerConfig(root));
    const startMs = first.engine.startMs;
    const stepMs = first.engine.stepS * 1000;
    first.engine.step(RUN_TICKS);
    const firstProduced = first.history.produced;
    expect(await first.stop()).toMatchObject({ complete: true, unflushedRows: 0 });

    const second = await createTwinServices(historyServerConfig(root));
    expect(second.engine.tick).toBe(RUN_TICKS);
    second.engine.step(RUN_TICKS);
    const secondProduced = second.history.produced;
    await second.stop();

    const h = await storedHistory(root);
    expect(h.duplicates).toBe(0);
    // Nothing the second run produced was already stored: it did not go over the same times again.
    expect(h.samples).toBe(firstProduced + secondProduced);
    expect(h.events).toBeGreaterThan(0);
    expect(h.distinctEvents).toBe(h.events);
    expect(h.times[0]).toBe(startMs + stepMs);
    expect(h.times.at(-1)).toBe(startMs + 2 * RUN_TICKS * stepMs);
    expectNoGap(h.times, stepMs);
  }, 120_000);

  it('after a kill -9 the twin resumes at its last checkpoint, at or before the last flush: each sample once, no gap', async () => {
    const root = await freshRoot();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'history-process.test-helper.ts'), root], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const [line] = await Promise.race([
      createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string]),
      exited.then(() => { throw new Error('the server process exited before it had stored history'); }),
    ]);
    const crashed = JSON.parse(line!) as { checkpointTick: number; flushedTick: number; produced: number };
    child.kill('SIGKILL');
    await exited;
    expect(crashed.checkpointTick).toBeLessThan(crashed.flushedTick);

    const again = await createTwinServices(historyServerConfig(root));
    const startMs = again.engine.startMs;
    const stepMs = again.engine.stepS * 1000;
    expect(again.engine.tick).toBe(crashed.checkpointTick);
    again.engine.step(3 * RUN_TICKS);
    await again.stop();

    const h = await storedHistory(root);
    expect(h.duplicates).toBe(0);
    expect(h.distinctEvents).toBe(h.events);
    expect(h.times[0]).toBe(startMs + stepMs);
    expect(h.times.at(-1)).toBe(startMs + (crashed.checkpointTick + 3 * RUN_TICKS) * stepMs);
    expectNoGap(h.times, stepMs);
  }, 180_000);
});
