import { createGlassLine } from '../physics/glass/line.ts';
import { createMachine } from '../physics/machines/machine.ts';
import { builtinProfiles, type MachineProfile } from '../physics/machines/profile.ts';
import type { AssetModel } from '../physics/model.ts';
import type { Scenario } from './scenario.ts';
import { TwinEngine } from './engine.ts';

/** Finds a machine profile by built-in name or by path; adapters inject file reading here. */
export type ProfileResolver = (name: string) => MachineProfile;

export function builtinProfileResolver(): ProfileResolver {
  const profiles = builtinProfiles();
  return (name) => {
    const p = profiles.get(name as never);
    if (!p) throw new Error(`unknown machine profile "${name}" (built-in: ${[...profiles.keys()].join(', ')})`);
    return p;
  };
}

/** The asset models of a scenario's plant: its lines, then its machines, in file order. */
export function buildModels(scenario: Scenario, resolveProfile: ProfileResolver = builtinProfileResolver()): AssetModel[] {
  return [
    ...scenario.lines.map((line) => createGlassLine(line)),
    ...scenario.machines.map((m) => createMachine(m, resolveProfile(m.profile))),
  ];
}

/** An engine at t = 0 for a scenario. */
export function createEngine(scenario: Scenario, resolveProfile?: ProfileResolver): TwinEngine {
  return TwinEngine.create({ scenario, models: buildModels(scenario, resolveProfile) });
}
