/**
 * A twin server process for test/history-restart.test.ts to kill -9: opens the services on the
 * embedded database in argv[2], runs the engine, flushes history, checkpoints, runs and flushes
 * some more (so the last flush is past the checkpoint), prints what it stored, then waits to be killed.
 */
import { createTwinServices } from '../twin-api/services/create-twin-services.ts';
import { historyServerConfig, RUN_TICKS } from './history-restart.test-helper.ts';

const root = process.argv[2]!;
const twin = await createTwinServices(historyServerConfig(root));
const flush = () => Promise.all([twin.history.samples.flush(), twin.history.events.flush()]);
twin.engine.step(RUN_TICKS);
await flush();
await twin.checkpoint.step(); // takes a snapshot at this tick
await twin.checkpoint.step(); // its rows are stored: saves it
const checkpointTick = twin.engine.tick;
twin.engine.step(RUN_TICKS);
await flush();
process.stdout.write(JSON.stringify({ checkpointTick, flushedTick: twin.engine.tick, produced: twin.history.produced }) + '\n');
setInterval(() => {}, 1 << 30);
