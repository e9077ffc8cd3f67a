/** Expands a file's `plant` (reference, explicit, or preset with overrides) into lines and machines. */

import { LINE_PHYSICS_FIELDS, linePhysicsProblem, type LinePhysicsSpec } from '../physics/glass/line-spec.ts';
import type { LineFile, LinePhysicsFile, MachineFile, PlantFile, PresetPlantFile } from './file-types.ts';
import { DEFAULT_AGE_H, DEFAULT_ZONES } from './defaults.ts';
import { REFERENCE_LINES, REFERENCE_MACHINES } from './reference-plant.ts';
import { formatIssuePath, type IssuePath, type PathIssue } from './scenario-error.ts';
import { checkSetpointValue, fillSetpoints, setpointsOf } from './setpoints.ts';
import { didYouMean } from './suggest.ts';
import type { LineSpec, MachineSpec } from './types.ts';

export interface Plant {
  readonly lines: LineSpec[];
  readonly machines: MachineSpec[];
}

/** The plant's assets, defaults filled; problems are appended to `issues`. */
export function normalizePlant(plant: PlantFile, issues: PathIssue[]): Plant {
  if (plant === 'reference') return referencePlant();
  if ('preset' in plant) return presetPlant(plant, issues);
  const lines = (plant.lines ?? []).map((l, i) => lineFromFile(l, ['plant', 'lines', i], issues));
  const machines = (plant.machines ?? []).map((m, i) => machineFromFile(m, ['plant', 'machines', i], issues));
  if (lines.length + machines.length === 0) issues.push({ at: ['plant'], message: 'must contain at least one line or machine' });
  const owners = new Map<string, IssuePath>();
  for (const [list, items] of [['lines', lines], ['machines', machines]] as const) {
    items.forEach((asset, i) => claimId(owners, asset.id, ['plant', list, i], issues));
  }
  return { lines, machines };
}

function referencePlant(): Plant {
  return {
    lines: REFERENCE_LINES.map((l) => ({ ...l, initial: { ...l.initial }, ...(l.physics && { physics: { ...l.physics } }) })),
    machines: REFERENCE_MACHINES.map((m) => ({ ...m, initial: { ...m.initial } })),
  };
}

function presetPlant(plant: PresetPlantFile, issues: PathIssue[]): Plant {
  const { lines, machines } = referencePlant();
  applyOverrides(lines, plant.lines ?? [], 'lines', issues, (base, o, at) => ({
    id: base.id,
    glass: o.glass ?? base.glass,
    zones: o.zones ?? base.zones,
    initial: { ...base.initial, ...checkedSetpoints('line', o.initial, at, issues) },
    ...withPhysics({ ...base.physics, ...checkedPhysics(o.physics, at, issues) }),
  }));
  applyOverrides(machines, plant.machines ?? [], 'machines', issues, (base, o, at) => ({
    id: base.id,
    profile: o.profile ?? base.profile,
    initial: { ...base.initial, ...checkedSetpoints('machine', o.initial, at, issues) },
    ageH: o.age_h ?? base.ageH,
  }));
  const owners = new Map<string, IssuePath>();
  const added = (plant.add_machines ?? []).map((m, i) => machineFromFile(m, ['plant', 'add_machines', i], issues));
  added.forEach((m, i) => {
    if (lines.some((l) => l.id === m.id) || machines.some((r) => r.id === m.id)) {
      issues.push({
        at: ['plant', 'add_machines', i, 'id'],
        message: `"${m.id}" is already in the reference plant (to change it, list it under plant.machines)`,
      });
    } else claimId(owners, m.id, ['plant', 'add_machines', i], issues);
  });
  return { lines, machines: [...machines, ...added] };
}

/** Replaces preset assets by the overridden version; an id may be overridden once. */
function applyOverrides<T extends { readonly id: string }, O extends { readonly id: string }>(
  assets: T[],
  overrides: readonly O[],
  list: 'lines' | 'machines',
  issues: PathIssue[],
  merge: (base: T, o: O, at: IssuePath) => T,
): void {
  const owners = new Map<string, IssuePath>();
  overrides.forEach((o, i) => {
    const at: IssuePath = ['plant', list, i];
    const k = assets.findIndex((a) => a.id === o.id);
    if (k < 0) {
      const ids = assets.map((a) => a.id);
      const kind = list === 'lines' ? 'line' : 'machine';
      const add = list === 'machines' ? '; to add a machine, list it under plant.add_machines' : '';
      issues.push({
        at: [...at, 'id'],
        message: `no ${kind} "${o.id}" in the reference plant${didYouMean(o.id, ids)}${add}`,
      });
      return;
    }
    if (claimId(owners, o.id, at, issues, 'is overridden twice: merge this entry into')) assets[k] = merge(assets[k]!, o, at);
  });
}

/** Records that the entry at `at` uses `id`; false (and an issue) if it is already taken. */
function claimId(
  owners: Map<string, IssuePath>,
  id: string,
  at: IssuePath,
  issues: PathIssue[],
  taken = 'is already used by',
): boolean {
  const first = owners.get(id);
  if (first !== undefined) {
    issues.push({ at: [...at, 'id'], message: `"${id}" ${taken} ${formatIssuePath(first)}` });
    return false;
  }
  owners.set(id, at);
  return true;
}

function lineFromFile(l: LineFile, at: IssuePath, issues: PathIssue[]): LineSpec {
  return {
    id: l.id,
    glass: l.glass ?? 'container',
    zones: l.zones ?? DEFAULT_ZONES,
    initial: fillSetpoints('line', checkedSetpoints('line', l.initial, at, issues)),
    ...withPhysics(checkedPhysics(l.physics, at, issues)),
  };
}

function machineFromFile(m: MachineFile, at: IssuePath, issues: PathIssue[]): MachineSpec {
  return {
    id: m.id,
    profile: m.profile ?? '',
    initial: fillSetpoints('machine', checkedSetpoints('machine', m.initial, at, issues)),
    ageH: m.age_h ?? DEFAULT_AGE_H,
  };
}

/** The given initial setpoints, each checked against its bounds. */
function checkedSetpoints(
  kind: 'line' | 'machine',
  given: Readonly<Record<string, number | undefined>> | undefined,
  at: IssuePath,
  issues: PathIssue[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const range of setpointsOf(kind)) {
    const value = given?.[range.name];
    if (value === undefined) continue;
    const problem = checkSetpointValue(range, value);
    if (problem !== undefined) issues.push({ at: [...at, 'initial', range.name], message: problem });
    out[range.name] = value;
  }
  return out;
}

/** The file's snake_case name of each physics multiplier. */
export const PHYSICS_FILE_KEY: Readonly<Record<keyof LinePhysicsSpec, keyof LinePhysicsFile>> = {
  furnaceHeatLoss: 'furnace_heat_loss',
  furnaceThermalMass: 'furnace_thermal_mass',
  burnerEfficiency: 'burner_efficiency',
  mouldHeatTransfer: 'mould_heat_transfer',
  lehrCoolingEffectiveness: 'lehr_cooling_effectiveness',
};

/** A line's physics multipliers in the file's snake_case form (the serializer's inverse of checkedPhysics). */
export function linePhysicsToFile(physics: LinePhysicsSpec): LinePhysicsFile {
  const out: Record<string, number> = {};
  for (const field of LINE_PHYSICS_FIELDS) if (physics[field] !== undefined) out[PHYSICS_FILE_KEY[field]] = physics[field];
  return out;
}

/** The given physics multipliers, each checked against its range (unknown keys are the schema's to name). */
function checkedPhysics(given: LinePhysicsFile | undefined, at: IssuePath, issues: PathIssue[]): LinePhysicsSpec {
  const out: Partial<Record<keyof LinePhysicsSpec, number>> = {};
  for (const field of LINE_PHYSICS_FIELDS) {
    const key = PHYSICS_FILE_KEY[field];
    const value = given?.[key];
    if (value === undefined) continue;
    const problem = linePhysicsProblem(value);
    if (problem !== undefined) issues.push({ at: [...at, 'physics', key], message: problem });
    out[field] = value;
  }
  return out;
}

/** `{ physics }` when any multiplier is set, else nothing: a line without one stays as it always was. */
function withPhysics(physics: LinePhysicsSpec): { physics?: LinePhysicsSpec } {
  return Object.keys(physics).length > 0 ? { physics } : {};
}
