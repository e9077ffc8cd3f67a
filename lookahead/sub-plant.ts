/**
 * A plant reduced to some of its assets. Assets never exchange state (each model steps its own
 * slice with its own random streams; the environment has its own stream), so a sub-plant restored
 * from the full plant's snapshot evolves bit for bit like those assets in the full plant, at a
 * fraction of the cost. `sub-plant.test.ts` checks that equivalence against the full engine.
 */
import type { TwinEngine } from '../engine/engine.ts';
import type { PlantLayout } from '../engine/layout.ts';
import type { EngineSnapshot } from '../engine/snapshot.ts';
import type { EngineState } from '../engine/state.ts';
import type { Scenario } from '../scenarios/types.ts';

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

const PER_SENSOR = ['values', 'status', 'flags', 'drift', 'alertLevel', 'okRun', 'sfBias', 'sfDriftPerS', 'sfDropout', 'sfStuck'] as const;

type AnyArray = Float64Array | Uint32Array | Uint8Array;

/**
 * The sub-plant's snapshot of the same moment: each kept asset's model words, random streams,
 * setpoints and sensor state copied from `full` (laid out by `fullLayout`) into `sub`'s layout.
 * Throws if the state has a shape this mapping does not know (the caller then runs the full plant).
 */
export function subSnapshot(full: EngineSnapshot, fullLayout: PlantLayout, sub: TwinEngine): EngineSnapshot {
  const base = sub.snapshot();
  const src = full.state as unknown as Record<string, AnyArray>;
  const dst = base.state as unknown as Record<string, AnyArray>;
  const known = new Set<string>(['meta', 'model', 'rng', 'spTarget', 'spActual', ...PER_SENSOR]);
  for (const name of Object.keys(src)) if (!known.has(name)) throw new Error(`unknown state array "${name}"`);
  const L = sub.layout;
  const streams = 2 * fullLayout.models.length + 1;
  const rngWords = src['rng']!.length / streams;
  if (!Number.isInteger(rngWords)) throw new Error('unexpected random-stream layout');
  const copy = (name: string, from: number, to: number, n: number): void => {
    const s = src[name]!;
    const d = dst[name]!;
    if (from + n > s.length || to + n > d.length) throw new Error(`state array "${name}" is not shaped as expected`);
    d.set(s.subarray(from, from + n), to);
  };
  dst['meta']!.set(src['meta']!);
  L.models.forEach((m, i) => {
    const j = fullLayout.assetIndex.get(m.asset);
    if (j === undefined) throw new Error(`asset "${m.asset}" is not in the plant`);
    copy('model', fullLayout.stateOff[j]!, L.stateOff[i]!, m.stateSize);
    copy('rng', 2 * j * rngWords, 2 * i * rngWords, 2 * rngWords);
  });
  copy('rng', (streams - 1) * rngWords, 2 * L.models.length * rngWords, rngWords);
  L.setpoints.forEach((sp, i) => {
    const j = fullLayout.setpointIndex.get(sp.id)!;
    copy('spTarget', j, i, 1);
    copy('spActual', j, i, 1);
  });
  L.sensors.forEach((s, i) => {
    const j = fullLayout.sensorIndex.get(s.id)!;
    for (const name of PER_SENSOR) copy(name, j, i, 1);
  });
  return { ...base, tick: full.tick, state: base.state as EngineState };
}
