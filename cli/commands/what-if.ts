import { createEngine } from '../../engine/plant.ts';
import { snapshotToBinary } from '../../engine/snapshot.ts';
import { Lookahead, plantRef, summarize, type LookaheadPlan, type LookaheadSummary } from '../../lookahead/index.ts';
import { durationFlag, parseCommandArgs, timeFlag } from '../args.ts';
import { asUsage, checkChanges } from '../branch-compare.ts';
import { formatSeconds } from '../progress.ts';
import { resolveScenario } from '../scenario-source.ts';
import { setFlags } from '../set-flag.ts';
import { UsageError } from '../usage-error.ts';

export const WHAT_IF_USAGE = 'twin what-if --scenario <name|file> --set <asset.setpoint=value>[@offset] ... --horizon <4h> [--at <t>] [--seeds 8] [--json]';

const MAX_HORIZON_S = 24 * 3600;

/**
 * `twin what-if`: the look-ahead the API runs (lookahead/, in process): fork the scenario's plant at
 * `--at`, run baseline and changed branches over Monte-Carlo seeds for `--horizon`, print the means.
 */
export async function whatIf(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('what-if', argv, {
    scenario: { type: 'string' },
    set: { type: 'string', multiple: true },
    horizon: { type: 'string' },
    at: { type: 'string' },
    seeds: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`what-if: unexpected "${positionals[0]}" (${WHAT_IF_USAGE})`);
  if (values.scenario === undefined) throw new UsageError('what-if: --scenario is required (e.g. glass-plant)');
  if (values.horizon === undefined) throw new UsageError('what-if: --horizon is required (e.g. 4h)');
  const horizonS = durationFlag(values.horizon, '--horizon');
  if (horizonS > MAX_HORIZON_S) throw new UsageError(`--horizon: "${values.horizon}" is longer than 24h`);
  if (horizonS % 10 !== 0) throw new UsageError(`--horizon: "${values.horizon}" must be whole multiples of 10 s`);
  const seedsN = values.seeds === undefined ? 8 : Number(values.seeds);
  if (!Number.isInteger(seedsN) || seedsN < 1 || seedsN > 64) throw new UsageError(`--seeds: "${values.seeds}" is not an integer between 1 and 64`);
  const sets = setFlags(values.set, 'what-if');
  for (const s of sets) if (s.offsetS % 10 !== 0) throw new UsageError(`--set: offset ${s.offsetS} s of ${s.setpoint} must be a multiple of 10 s (the look-ahead step)`);
  const scenario = resolveScenario(values.scenario);
  const engine = createEngine(scenario);
  const atS = values.at !== undefined ? timeFlag(values.at, '--at') : 0;
  engine.stepSilently(Math.ceil(atS / engine.stepS - 1e-9));
  checkChanges(engine, sets, horizonS);
  const plan: LookaheadPlan = { steps: sets.map((s) => ({ atS: s.offsetS, setpoint: s.setpoint, value: s.value })), horizonS, stepS: 10, seeds: Array.from({ length: seedsN }, (_, i) => i + 1), scope: 'affected' };
  const result = asUsage(() => new Lookahead().run({ plant: plantRef(scenario), snapshot: snapshotToBinary(engine.snapshot()), plan }));
  const summary = summarize(result, plan);
  console.log(values.json ? JSON.stringify({ plan, summary: { ...summary, perSeed: undefined } }) : formatWhatIf(summary, sets.map((s) => `${s.setpoint}=${s.value}${s.offsetS ? ` at +${formatSeconds(s.offsetS)}` : ''}`), horizonS, seedsN));
  return 0;
}

/** Means (and p10–p90) of baseline and changed, per defect type and for the headline figures. */
function formatWhatIf(s: LookaheadSummary, changes: string[], horizonS: number, seeds: number): string {
  const f = (x: number) => x.toFixed(2);
  const line = (name: string, a: { mean: number; p10: number; p90: number }, b: { mean: number; p10: number; p90: number }) =>
    `${name.padEnd(32)}${f(a.mean).padStart(9)} ${`(${f(a.p10)}–${f(a.p90)})`.padEnd(16)}${f(b.mean).padStart(9)} ${`(${f(b.p10)}–${f(b.p90)})`.padEnd(16)}${(b.mean - a.mean >= 0 ? '+' : '') + f(b.mean - a.mean)}`;
  const types = Object.keys(s.baseline.defectsPer1000ByType) as (keyof typeof s.baseline.defectsPer1000ByType)[];
  return [
    `what-if at ${formatSeconds(s.startTS)} over ${formatSeconds(horizonS)}, ${seeds} seeds, assets ${s.assets.join(', ')}: ${changes.join(', ')}`,
    `${''.padEnd(32)}${'baseline'.padStart(9)} ${'(p10–p90)'.padEnd(16)}${'changed'.padStart(9)} ${'(p10–p90)'.padEnd(16)}Δ`,
    ...types.map((t) => line(`${t} per 1,000 units`, s.baseline.defectsPer1000ByType[t], s.changed.defectsPer1000ByType[t])),
    line('defects per 1,000 units', s.baseline.defectsPer1000, s.changed.defectsPer1000),
    line('units per hour', s.baseline.unitsPerH, s.changed.unitsPerH),
    line('energy, MWh', s.baseline.energyMWh, s.changed.energyMWh),
    `time to effect: ${s.timeToEffect.tS === null ? 'none within the horizon' : `${formatSeconds(s.timeToEffect.tS)} (${s.timeToEffect.quantity})`}`,
  ].join('\n');
}
