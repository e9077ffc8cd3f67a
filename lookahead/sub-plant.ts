/**
 * A plant reduced to some of its assets. Assets never exchange state (each model steps its own
 * slice with its own random streams; the environment has its own stream), so a sub-plant restored
 * from the full plant's snapshot evolves bit for bit like those assets in the full plant, at a
 * fraction of the cost. `sub-plant.test.ts` checks that equivalence against the full engine.
 */
import type { TwinEngine } from '../engine/engine.ts';
import type { PlantLayout } from '../engine/layout.ts';
import { RNG_WORDS } from '../engine/rng.ts';
import type { EngineSnapshot } from '../engine/snapshot.ts';
import {
  environmentStream,
  PER_SENSOR_ARRAYS,
  PER_SETPOINT_ARRAYS,
  rngStreamCount,
  STATE_ARRAY_NAMES,
  STREAMS_PER_ASSET,
  type EngineState,
  type StateArrayName,
} from '../engine/state.ts';
import type { Scenario } from '../engine/scenario.ts';

/** The scenario restricted to `assets`: their lines and machines, and the scripted commands aimed at them. */
export function subScenario(scenario: Scenario, assets: ReadonlySet<string>): Scenario {
  const owner = (target: string): string => target.split('.')[0] ?? target;
  return {
    ...scenario,
    lines: scenario.lines.filter((l) => assets.has(l.id)),
    machines: scenario.machines.filter((m) => assets.has(m.id)),
    faults: scenario.faults.filter((f) => assets.has(owner(f.target))),
    actions: scenario.actions.filter((a) => assets.has(owner(a.kind === 'setpoint' ? a.setpoint : a.target))),
  };
}

/** Every state array this mapping knows how to split; a new one must be classified here first. */
const MAPPED = new Set<StateArrayName>(['meta', 'model', 'rng', ...PER_SETPOINT_ARRAYS, ...PER_SENSOR_ARRAYS]);

/**
 * The sub-plant's snapshot of the same moment: each kept asset's model words, random streams,
 * setpoints and sensor state copied from `full` (laid out by `fullLayout`) into `sub`'s layout.
 * Throws if the state has a shape this mapping does not know (the caller then runs the full plant).
 */
export function subSnapshot(full: EngineSnapshot, fullLayout: PlantLayout, sub: TwinEngine): EngineSnapshot {
  const base = sub.snapshot();
  const src = full.state;
  const dst: EngineState = base.state; // already a copy
  for (const name of STATE_ARRAY_NAMES) if (!MAPPED.has(name)) throw new Error(`state array "${name}" is not mapped to a sub-plant`);
  if (src.rng.length !== rngStreamCount(fullLayout) * RNG_WORDS) throw new Error('unexpected random-stream layout');
  const L = sub.layout;
  const copy = (name: StateArrayName, from: number, to: number, n: number): void => {
    const s = src[name];
    const d = dst[name];
    if (from + n > s.length || to + n > d.length) throw new Error(`state array "${name}" is not shaped as expected`);
    d.set(s.subarray(from, from + n), to);
  };
  dst.meta.set(src.meta);
  const assetStreamWords = STREAMS_PER_ASSET * RNG_WORDS;
  L.models.forEach((m, i) => {
    const j = fullLayout.assetIndex.get(m.asset);
    if (j === undefined) throw new Error(`asset "${m.asset}" is not in the plant`);
    copy('model', fullLayout.stateOff[j]!, L.stateOff[i]!, m.stateSize);
    copy('rng', j * assetStreamWords, i * assetStreamWords, assetStreamWords);
  });
  copy('rng', environmentStream(fullLayout) * RNG_WORDS, environmentStream(L) * RNG_WORDS, RNG_WORDS);
  L.setpoints.forEach((sp, i) => {
    const j = fullLayout.setpointIndex.get(sp.id)!;
    for (const name of PER_SETPOINT_ARRAYS) copy(name, j, i, 1);
  });
  L.sensors.forEach((s, i) => {
    const j = fullLayout.sensorIndex.get(s.id)!;
    for (const name of PER_SENSOR_ARRAYS) copy(name, j, i, 1);
  });
  return { ...base, tick: full.tick, state: dst };
}
