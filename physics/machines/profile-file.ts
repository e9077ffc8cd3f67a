/**
 * User-supplied profiles from disk: the only I/O of physics/machines, for adapters (cli, engine setup)
 * to call before a run. Models never call it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMachineType } from './machine-spec.ts';
import { builtinProfiles, loadProfile, type MachineProfile } from './profile.ts';
import { ProfileError } from './validate.ts';

/** Reads, validates and compiles a profile JSON file. Errors name the file and the JSON path. */
export function loadProfileFile(path: string): MachineProfile {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProfileError(file, '', `cannot read the profile file (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ProfileError(file, '', `not valid JSON (${(e as Error).message})`);
  }
  return loadProfile(json, file);
}

/**
 * The profile a MachineSpec names: a built-in type ("pump") or a path to a JSON file, relative to `baseDir`.
 * @example resolveProfile(spec.profile, dirname(scenarioPath))
 */
export function resolveProfile(ref: string, baseDir = '.'): MachineProfile {
  return isMachineType(ref) ? builtinProfiles().get(ref)! : loadProfileFile(resolve(baseDir, ref));
}
