/** The scenario folder's only I/O: reading scenario files and listing a folder of them. */

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseScenario } from './loader.ts';
import { ScenarioError } from './scenario-error.ts';
import type { Scenario } from './types.ts';

const SCENARIO_FILE = /\.(ya?ml|json)$/i;

/**
 * Reads, parses and validates a scenario file. Machine profiles given as relative paths are
 * resolved against the file's folder, so the scenario means the same thing from any working directory.
 */
export function loadScenarioFile(path: string): Scenario {
  const scenario = parseScenario(readText(path), path);
  const folder = dirname(resolve(path));
  const machines = scenario.machines.map((m) =>
    m.profile.endsWith('.json') && !isAbsolute(m.profile) ? { ...m, profile: resolve(folder, m.profile) } : m,
  );
  return { ...scenario, machines };
}

/** The scenario files (.yaml, .yml, .json) directly in `folder`, as full paths, sorted by name. */
export function listScenarioFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => SCENARIO_FILE.test(f))
    .sort()
    .map((f) => join(folder, f));
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : 'unreadable';
    throw new ScenarioError(path, [{ path: '(root)', message: `cannot be read (${why})` }]);
  }
}
