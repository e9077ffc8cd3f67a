/**
 * Machine profiles: validated and compiled once at load, then shared by every machine of that type.
 */
import { MACHINE_TYPES, type MachineType } from './machine-spec.ts';
import { compileProfile, type CompiledProfile } from './profile-compile.ts';
import type { ProfileDocument, SensorDoc } from './profile-document.ts';
import { readProfileDocument } from './profile-read.ts';
import { ProfileError } from './validate.ts';
import compressor from './profiles/compressor.json' with { type: 'json' };
import cnc from './profiles/cnc.json' with { type: 'json' };
import conveyor from './profiles/conveyor.json' with { type: 'json' };
import coolingTower from './profiles/cooling_tower.json' with { type: 'json' };
import fan from './profiles/fan.json' with { type: 'json' };
import hydraulic from './profiles/hydraulic.json' with { type: 'json' };
import motor from './profiles/motor.json' with { type: 'json' };
import pump from './profiles/pump.json' with { type: 'json' };

export { ProfileError };

export interface MachineProfile {
  /** Profile type, e.g. "pump". */
  readonly type: string;
  /** Where it was loaded from, for messages ("builtin:pump", a file path). */
  readonly source: string;
  readonly document: ProfileDocument;
  /** Every sensor channel in order: measured sensors, then derived ones. */
  readonly sensors: readonly SensorDoc[];
  readonly compiled: CompiledProfile;
}

/**
 * Validates and compiles a profile. Throws a ProfileError naming `source` and the JSON path.
 * @example loadProfile(JSON.parse(text), 'my-press.json').sensors.map((s) => s.name)
 */
export function loadProfile(json: unknown, source: string): MachineProfile {
  const document = readProfileDocument(json, source);
  return {
    type: document.type,
    source,
    document,
    sensors: [...document.sensors, ...document.derived],
    compiled: compileProfile(document, source),
  };
}

const BUILTIN_JSON: Readonly<Record<MachineType, unknown>> = {
  motor,
  pump,
  cnc,
  fan,
  compressor,
  conveyor,
  hydraulic,
  cooling_tower: coolingTower,
};

let builtins: ReadonlyMap<MachineType, MachineProfile> | undefined;

/** The eight built-in profiles, compiled on first use. */
export function builtinProfiles(): ReadonlyMap<MachineType, MachineProfile> {
  builtins ??= new Map(
    MACHINE_TYPES.map((t) => {
      const p = loadProfile(BUILTIN_JSON[t], `builtin:${t}`);
      if (p.type !== t) throw new ProfileError(p.source, 'type', `expected "${t}", got "${p.type}"`);
      return [t, p] as const;
    }),
  );
  return builtins;
}
