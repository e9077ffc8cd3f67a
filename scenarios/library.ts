/** The scenario library in scenarios/library/, addressed by name ("glass-plant") or by file path. */

import { basename, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioError } from './scenario-error.ts';
import { listScenarioFiles, loadScenarioFile } from './scenario-file.ts';
import { didYouMean } from './suggest.ts';
import type { Scenario } from './types.ts';

/** The library folder, absolute. */
export const LIBRARY_DIR = fileURLToPath(new URL('./library/', import.meta.url));

const SCENARIO_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface LibraryEntry {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly durationS: number;
  /** Absolute path of the file. */
  readonly path: string;
}

/** Every library scenario, sorted by name. Throws ScenarioError if a library file is invalid. */
export function listScenarios(): LibraryEntry[] {
  return listScenarioFiles(LIBRARY_DIR).map((path) => {
    const s = loadScenarioFile(path);
    return { name: s.name, title: s.title, description: s.description, durationS: s.durationS, path };
  });
}

/**
 * The file a library name or path refers to: a bare kebab-case name is a library scenario,
 * anything else (a name with a folder or an extension) a path from the working directory.
 */
export function resolveScenarioPath(nameOrPath: string): string {
  if (!SCENARIO_NAME.test(nameOrPath)) return resolve(nameOrPath);
  const files = listScenarioFiles(LIBRARY_DIR);
  const names = files.map((f) => basename(f, extname(f)));
  const k = names.indexOf(nameOrPath);
  if (k >= 0) return files[k]!;
  throw new ScenarioError(nameOrPath, [
    {
      path: '(root)',
      message: `no library scenario named "${nameOrPath}"${didYouMean(nameOrPath, names)}; the library has: ${names.join(', ')} (or give a path to a .yaml or .json file)`,
    },
  ]);
}

/**
 * A library scenario by name, or any scenario file by path.
 * @example loadLibraryScenario('glass-plant').seed === 42
 */
export function loadLibraryScenario(nameOrPath: string): Scenario {
  return loadScenarioFile(resolveScenarioPath(nameOrPath));
}
