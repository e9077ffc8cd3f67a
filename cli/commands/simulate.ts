import { writeFileSync } from 'node:fs';
import { firstValueFrom, filter } from 'rxjs';
import { SimClock } from '../../engine/clock.ts';
import { createEngine } from '../../engine/plant.ts';
import { Recorder } from '../../scenarios/recording.ts';
import { durationFlag, parseCommandArgs, seedFlag, speedFlag } from '../args.ts';
import { Progress } from '../progress.ts';
import { RunStats } from '../run-stats.ts';
import { openSampleSink } from '../sample-sinks.ts';
import { resolveScenario } from '../scenario-source.ts';
import { sensorFilter } from '../sensor-filter.ts';
import { UsageError } from '../usage-error.ts';

export const SIMULATE_USAGE =
  'twin simulate --scenario <name|file> [--seed N] [--duration 24h] [--speed max|N] [--out run.csv|run.ndjson|run.parquet] [--sensors prefix,...] [--record run.twinrec.json]';

/** `twin simulate`: runs a scenario and writes its samples; same scenario, seed and duration → same bytes. */
export async function simulate(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('simulate', argv, {
    scenario: { type: 'string', short: 's' },
    seed: { type: 'string' },
    duration: { type: 'string', short: 'd' },
    speed: { type: 'string' },
    out: { type: 'string', short: 'o' },
    sensors: { type: 'string' },
    record: { type: 'string' },
    'checkpoint-every': { type: 'string' },
  });
  if (!values.scenario) throw new UsageError(`simulate: --scenario is required (${SIMULATE_USAGE})`);
  const scenario = resolveScenario(values.scenario, {
    ...(values.seed !== undefined ? { seed: seedFlag(values.seed) } : {}),
    ...(values.duration !== undefined ? { durationS: durationFlag(values.duration, '--duration') } : {}),
  });
  const speed = values.speed !== undefined ? speedFlag(values.speed) : 'max';
  const checkpointEveryS = values['checkpoint-every'] ? durationFlag(values['checkpoint-every'], '--checkpoint-every') : undefined;

  const engine = createEngine(scenario);
  const sink = values.out ? openSampleSink(values.out, engine.layout, sensorFilter(engine.layout, values.sensors)) : null;
  const sinkSub = sink ? engine.frames$.subscribe((f) => sink.write(f)) : null;
  const recorder = values.record ? new Recorder(engine, checkpointEveryS ? { checkpointEveryS } : {}) : null;
  const stats = new RunStats(engine);
  const progress = new Progress(`${scenario.name}`, scenario.durationS);
  const wallStart = performance.now();
  const clock = new SimClock(engine, { mode: speed === 'max' ? { kind: 'virtual' } : { kind: 'paced', speed }, endS: scenario.durationS });
  const progressSub = clock.status$.subscribe((s) => progress.update(s.tS, `t=${s.tS}s`));
  if (speed === 'max') {
    // Chunks keep the progress bar moving without touching the event loop per tick.
    const endTick = Math.ceil(scenario.durationS / engine.stepS);
    while (engine.tick < endTick) {
      engine.step(Math.min(3600, endTick - engine.tick));
      progress.update(engine.tS);
    }
  } else {
    clock.play();
    await firstValueFrom(clock.status$.pipe(filter((s) => s.finished)));
  }
  const wallMs = performance.now() - wallStart;
  progress.done();
  progressSub.unsubscribe();
  sinkSub?.unsubscribe();
  sink?.close();
  stats.stop();
  if (recorder && values.record) writeFileSync(values.record, JSON.stringify(recorder.finish()));
  console.log(`${stats.summary(engine.tS, wallMs)}${values.out ? ` · wrote ${values.out}` : ''}${values.record ? ` · recorded ${values.record}` : ''}`);
  return 0;
}
