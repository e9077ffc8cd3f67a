import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles } from './architecture/cycles.ts';
import { folderOf, isTestFile, moduleGraph, readRepo, type Edge } from './architecture/repo.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** Every top-level folder of ours; rows for folders that do not exist yet simply have no files. */
const FOLDERS = [
  'physics', 'engine', 'commands', 'lookahead', 'monitor', 'rl', 'knowledge', 'maintenance', 'copilot',
  'scenarios', 'ml', 'protocol', 'twin-api', 'cli', 'bench', 'viewer', 'test',
] as const;
type Folder = (typeof FOLDERS)[number];
const except = (...no: Folder[]): Folder[] => FOLDERS.filter((f) => !no.includes(f));

/**
 * Which of our folders each folder may import (STYLE.md, "Which folder may import which"). A
 * folder always imports itself. An entry may name a subfolder or a file ("twin-api/errors").
 */
const ALLOWED: Readonly<Record<Folder, readonly string[]>> = {
  physics: [],
  engine: ['physics'],
  commands: ['engine', 'physics'],
  lookahead: ['engine', 'physics', 'monitor'],
  monitor: ['engine', 'physics'],
  rl: ['engine', 'physics', 'lookahead', 'monitor', 'commands', 'knowledge'],
  knowledge: ['engine', 'physics', 'monitor'],
  maintenance: ['engine', 'physics', 'lookahead', 'monitor', 'knowledge'],
  // The copilot's reading, planning and grounding: over its tools port and the wire types it quotes.
  copilot: ['protocol'],
  scenarios: ['engine', 'physics'],
  ml: ['engine', 'physics', 'scenarios'],
  protocol: [],
  // Adapters: they may import everything above; nothing imports them.
  'twin-api': except('twin-api', 'cli', 'viewer', 'bench', 'test'),
  cli: except('cli', 'viewer', 'bench', 'test'),
  bench: except('bench', 'viewer', 'test'),
  viewer: ['protocol'],
  test: except('test'),
};

/** The pure, deterministic cores. Their test files may also import scenarios/ (to load library scenarios). */
const PURE_CORES: readonly Folder[] = ['physics', 'engine', 'commands', 'lookahead', 'monitor', 'rl', 'knowledge', 'maintenance', 'copilot'];
const TEST_FILE_EXTRAS: readonly string[] = ['scenarios'];

/** The deterministic code: the pure cores and scenarios/ (non-test files). */
const DETERMINISTIC: readonly Folder[] = [...PURE_CORES, 'scenarios'];
/** The file readers of the deterministic code: the scenario-file and machine-profile readers may read the disk. */
const DISK_READERS: readonly string[] = ['scenarios/scenario-file.ts', 'physics/machines/profile-file.ts'];
const DISK_OR_NETWORK = /^(?:node:)?(?:fs|fs\/promises|net|http|https|http2|dgram|dns|child_process|cluster)$/;

const repo = readRepo(ROOT);

const matches = (target: string, entry: string): boolean =>
  target === entry || target.startsWith(`${entry}/`) || target.startsWith(`${entry}.`);
const show = (e: Edge): string => `${e.from} → ${e.to} (${e.kind}, line ${e.line})`;

function layerViolations(folder: Folder): Edge[] {
  return repo.edges.filter((e) => {
    if (folderOf(e.from) !== folder || folderOf(e.to) === folder) return false;
    const allowed = [...ALLOWED[folder]];
    if (PURE_CORES.includes(folder) && isTestFile(e.from)) allowed.push(...TEST_FILE_EXTRAS);
    return !allowed.some((a) => matches(e.to, a));
  });
}

const cycles = findCycles(moduleGraph(repo));

describe('architecture', () => {
  it('every top-level folder with source files has a row in the table', () => {
    const unknown = [...new Set(repo.files.map(folderOf))].filter((f) => !(FOLDERS as readonly string[]).includes(f));
    expect(unknown).toEqual([]);
  });

  for (const folder of FOLDERS) {
    const allowed = ALLOWED[folder];
    const extra = PURE_CORES.includes(folder) ? ` (tests also ${TEST_FILE_EXTRAS.join(', ')})` : '';
    it(`${folder}/ imports only ${allowed.length ? allowed.join(', ') : 'nothing of ours'}${extra}`, () => {
      expect(layerViolations(folder).map(show)).toEqual([]);
    });
  }

  it('no import cycles (type-only imports and worker URLs included)', () => {
    expect(cycles).toEqual([]);
  });

  it('the deterministic core reads no wall clock, no global randomness and no environment', () => {
    const hits: string[] = [];
    for (const file of repo.files) {
      if (!DETERMINISTIC.includes(folderOf(file) as Folder) || isTestFile(file)) continue;
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const pattern of [/Date\.now\(/, /new Date\(\)/, /Math\.random\(/, /performance\.now\(/, /process\.env/]) {
        if (pattern.test(text)) hits.push(`${file}: ${pattern.source}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('the deterministic core touches no disk or network, except its file readers', () => {
    const hits: string[] = [];
    for (const [file, packages] of repo.packages) {
      if (!DETERMINISTIC.includes(folderOf(file) as Folder) || isTestFile(file) || DISK_READERS.includes(file)) continue;
      for (const p of packages) if (DISK_OR_NETWORK.test(p)) hits.push(`${file} → ${p}`);
    }
    expect(hits).toEqual([]);
  });
});
