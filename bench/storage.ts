/**
 * npm run bench:storage — disk use of the history per simulated day, before and with retention.
 * The glass plant (the reference scenario) at max speed writes into a fresh PGlite DATA_DIR through
 * the live server's HistoryFeed; ONE JSON line on stdout (progress on stderr):
 *   data_gb_per_sim_day_no_retention     DATA_DIR bytes after SIM_H simulated hours, × 24 / SIM_H
 *   samples_share                         part of the database in raw samples and their indexes
 *   data_gb_raw_retained_<R>h_after_<2·SIM_H>h   DATA_DIR bytes after another SIM_H hours with raw samples
 *                                        (and rollups) kept R hours, pruned by the RetentionRunner
 *   data_gb_steady_default_policy_est    estimate at the default policy's steady state: each table's
 *                                        measured bytes per simulated day × its horizon in days
 * Env: SIM_H (default 2), RETAIN_H (default 0.5).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { directoryBytes } from '../twin-api/services/storage-usage.ts';
import { HistoryFeed } from '../twin-api/live/history-feed.ts';
import { PgliteStore } from '../twin-api/store/pglite-store.ts';
import { DEFAULT_RETENTION, RETAINED_TABLES, type RetainedTable } from '../twin-api/store/retention-policy.ts';
import { RetentionRunner } from '../twin-api/store/retention-runner.ts';

const SIM_H = Number(process.env['SIM_H'] ?? 2);
const RETAIN_H = Number(process.env['RETAIN_H'] ?? 0.5);
const GB = 1e9;
const dir = mkdtempSync(join(tmpdir(), 'twin-bench-storage-'));
const store = await PgliteStore.open(dir);
const engine = createEngine(loadLibraryScenario('glass-plant'));
const feed = new HistoryFeed(engine, store, { maxBatchRows: 20_000 });
const twinNowMs = (): number => engine.startMs + engine.tS * 1000;

async function runHours(h: number, each?: () => Promise<void>): Promise<void> {
  const until = engine.tS + h * 3600;
  while (engine.tS < until) {
    engine.runFor(60);
    await feed.samples.flush();
    await feed.events.flush();
    if (each && Math.floor(engine.tS) % 600 === 0) await each();
    if (Math.floor(engine.tS) % 1800 === 0) console.error(`sim ${(engine.tS / 3600).toFixed(2)} h, ${(await directoryBytes(dir) / 1e6).toFixed(0)} MB`);
  }
}

try {
  await runHours(SIM_H);
  await store.db.exec('CHECKPOINT');
  const bytes1 = await directoryBytes(dir);
  const usage1 = await store.storageUsage();
  const tableBytes = Object.fromEntries(usage1.tables.map((t) => [t.table, t.bytes]));
  const perDay = (b: number): number => (b / SIM_H) * 24;

  // The default policy's steady state: every retained table at its horizon, the rest as measured (growing).
  let steady = usage1.databaseBytes;
  for (const t of Object.keys(RETAINED_TABLES) as RetainedTable[]) {
    const days = DEFAULT_RETENTION[t];
    const b = tableBytes[t] ?? 0;
    steady += days === null ? 0 : perDay(b) * days - b;
  }

  const r = RETAIN_H / 24;
  const runner = new RetentionRunner({ store, policy: { samples: r, samples_10s: r, samples_1m: r, samples_10m: r, events: r, predictions: r }, twinNowMs, batchRows: 5000 });
  await runHours(SIM_H, () => runner.runUntilDone());
  await runner.runUntilDone();
  await store.db.exec('CHECKPOINT');
  const bytes2 = await directoryBytes(dir);

  console.log(JSON.stringify({
    sim_hours: SIM_H,
    data_gb_after_sim_hours: +(bytes1 / GB).toFixed(3),
    data_gb_per_sim_day_no_retention: +(perDay(bytes1) / GB).toFixed(2),
    samples_share: +((tableBytes['samples'] ?? 0) / usage1.databaseBytes).toFixed(2),
    [`data_gb_raw_retained_${RETAIN_H}h_after_${2 * SIM_H}h`]: +(bytes2 / GB).toFixed(3),
    data_gb_no_retention_after_2x_est: +((bytes1 * 2) / GB).toFixed(3),
    data_gb_steady_default_policy_est: +(steady / GB).toFixed(1),
    table_gb_per_sim_day: Object.fromEntries(Object.entries(tableBytes).filter(([, b]) => b > 1e6).map(([t, b]) => [t, +(perDay(b) / GB).toFixed(2)])),
    retention_deleted_rows: runner.metrics().deletedRows,
  }));
} finally {
  await feed.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
