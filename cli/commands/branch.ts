import { createEngine } from '../../engine/plant.ts';
import type { TwinEngine } from '../../engine/engine.ts';
import { ReplaySession } from '../../scenarios/replay.ts';
import type { OperatorAction } from '../../scenarios/types.ts';
import { durationFlag, parseCommandArgs, timeFlag } from '../args.ts';
import { checkChanges, countRun, formatComparison, type BranchComparison } from '../branch-compare.ts';
import { formatSeconds } from '../progress.ts';
import { readRecording } from '../recording-file.ts';
import { resolveScenario } from '../scenario-source.ts';
import { setFlags } from '../set-flag.ts';
import { UsageError } from '../usage-error.ts';

export const BRANCH_USAGE = 'twin branch <recording.json|scenario> --at <t> --set <asset.setpoint=value>[@offset] ... [--duration 1h] [--json]';

/**
 * `twin branch`: the run from `--at` as it was (a recording with its recorded inputs, or the scenario)
 * beside the same run with the `--set` changes, both from the same state and random streams; prints
 * their defects per type side by side.
 */
export async function branch(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'branch',
    argv,
    { at: { type: 'string' }, set: { type: 'string', multiple: true }, duration: { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  if (positionals.length !== 1) throw new UsageError(`branch: give exactly one recording file or scenario (${BRANCH_USAGE})`);
  if (values.at === undefined) throw new UsageError('branch: --at <time> is required (e.g. 6h30m)');
  const atS = timeFlag(values.at, '--at');
  const sets = setFlags(values.set, 'branch');
  const source = positionals[0]!;
  const actions = (fromS: number): OperatorAction[] => sets.map((s) => ({ atS: fromS + s.offsetS, kind: 'setpoint', setpoint: s.setpoint, value: s.value }));

  let baseline: { engine: TwinEngine; run: (ticks: number) => void };
  let changed: TwinEngine;
  let endS: number;
  if (source.endsWith('.json')) {
    const replay = new ReplaySession(readRecording(source), (s) => createEngine(s));
    if (atS < replay.startS || atS >= replay.endS) throw new UsageError(`branch: --at ${formatSeconds(atS)} is outside the recording (${formatSeconds(replay.startS)}..${formatSeconds(replay.endS)})`);
    endS = replay.endS;
    replay.seek(atS);
    checkChanges(replay.engine, sets, endS - replay.engine.tS);
    // The recording's scripted actions stay; the branch differs by the changes alone.
    changed = replay.branch(atS, actions(replay.engine.tS), { keepScriptedActions: true });
    baseline = { engine: replay.engine, run: (n) => replay.step(n) };
  } else {
    const scenario = resolveScenario(source);
    const engine = createEngine(scenario);
    endS = scenario.durationS;
    if (atS >= endS) throw new UsageError(`branch: --at ${formatSeconds(atS)} is past the scenario's end (${formatSeconds(endS)})`);
    engine.stepSilently(Math.ceil(atS / engine.stepS - 1e-9));
    checkChanges(engine, sets, endS - engine.tS);
    const base = engine.scenario;
    changed = engine.fork({ scenario: { ...base, actions: [...base.actions, ...actions(engine.tS)].sort((a, b) => a.atS - b.atS) } });
    const same = engine.fork();
    baseline = { engine: same, run: (n) => same.step(n) };
  }
  const fromS = baseline.engine.tS;
  const durationS = Math.min(values.duration !== undefined ? durationFlag(values.duration, '--duration') : 3600, endS - fromS);
  for (const s of sets) if (s.offsetS >= durationS) throw new UsageError(`--set: offset ${formatSeconds(s.offsetS)} of ${s.setpoint} is not within the ${formatSeconds(durationS)} run`);
  const ticks = Math.round(durationS / baseline.engine.stepS);
  const a = countRun(baseline.engine);
  const b = countRun(changed);
  baseline.run(ticks);
  changed.step(ticks);
  a.stop();
  b.stop();
  const result: BranchComparison = { atS: fromS, durationS, changes: sets, baseline: a.counts, branch: b.counts };
  console.log(values.json ? JSON.stringify(result) : formatComparison(result, formatSeconds));
  return 0;
}
