import { createEngine } from '../../engine/plant.ts';
import { FrameHasher } from '../../engine/frame-hash.ts';
import { ReplaySession } from '../../scenarios/replay.ts';
import { parseCommandArgs, timeFlag } from '../args.ts';
import { formatSeconds, Progress } from '../progress.ts';
import { readRecording } from '../recording-file.ts';
import { RunStats } from '../run-stats.ts';
import { openSampleSink } from '../sample-sinks.ts';
import { sensorFilter } from '../sensor-filter.ts';
import { UsageError } from '../usage-error.ts';

export const REPLAY_USAGE = 'twin replay <recording> [--from <t>] [--to <t>] [--out file.csv|.ndjson|.parquet] [--sensors prefix,...]';

/** `twin replay`: re-runs a recorded window bit for bit; over the whole recording it checks the hash. */
export async function replay(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'replay',
    argv,
    { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string', short: 'o' }, sensors: { type: 'string' } },
    true,
  );
  if (positionals.length !== 1) throw new UsageError(`replay: give exactly one recording file (${REPLAY_USAGE})`);
  const recording = readRecording(positionals[0]!);
  const session = new ReplaySession(recording, (s) => createEngine(s));
  const fromS = values.from !== undefined ? timeFlag(values.from, '--from') : session.startS;
  const toS = values.to !== undefined ? timeFlag(values.to, '--to') : session.endS;
  if (fromS < session.startS || toS > session.endS || fromS >= toS) {
    throw new UsageError(
      `replay: --from/--to must satisfy ${formatSeconds(session.startS)} ≤ from < to ≤ ${formatSeconds(session.endS)} (the recording's span)`,
    );
  }
  session.seek(fromS);
  const engine = session.engine;
  const sink = values.out ? openSampleSink(values.out, engine.layout, sensorFilter(engine.layout, values.sensors)) : null;
  const hasher = new FrameHasher();
  const subs = [engine.frames$.subscribe((f) => hasher.add(f)), ...(sink ? [engine.frames$.subscribe((f) => sink.write(f))] : [])];
  const stats = new RunStats(engine);
  const progress = new Progress('replay', toS - fromS);
  const wallStart = performance.now();
  const endTick = Math.ceil(toS / engine.stepS - 1e-9);
  while (engine.tick < endTick) {
    session.step(Math.min(3600, endTick - engine.tick));
    progress.update(engine.tS - fromS);
  }
  progress.done();
  for (const s of subs) s.unsubscribe();
  sink?.close();
  stats.stop();
  const whole = fromS === session.startS && toS === session.endS;
  const check = whole
    ? hasher.digest() === recording.hash
      ? ' · bit-identical to the recording'
      : ` · MISMATCH: replay hash ${hasher.digest()} ≠ recorded ${recording.hash}`
    : '';
  console.log(`${stats.summary(toS - fromS, performance.now() - wallStart)}${values.out ? ` · wrote ${values.out}` : ''}${check}`);
  return whole && hasher.digest() !== recording.hash ? 1 : 0;
}
