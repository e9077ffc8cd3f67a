import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { readImports, type ImportKind } from './read-imports.ts';

/** Source files the architecture test reads. */
export const SOURCE_FILE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);
/** Root-anchored in .gitignore: run output, not code (ml/models/ is code). */
const SKIPPED_ROOT_DIRS = new Set(['data', 'out', 'recordings', 'models']);

/** One import between two of our files; `to` is repo-relative with `/`. */
export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: ImportKind;
  readonly line: number;
  /** False when no file answers the specifier (e.g. a test naming a missing worker on purpose). */
  readonly resolved: boolean;
}

export interface RepoModules {
  /** Repo-relative paths of every source file in a top-level folder. */
  readonly files: readonly string[];
  /** Relative imports only: bare specifiers are packages or Node built-ins. */
  readonly edges: readonly Edge[];
  /** Bare specifiers per file, e.g. `node:fs`, for the deterministic-core check. */
  readonly packages: ReadonlyMap<string, readonly string[]>;
}

const posix = (p: string): string => p.split(sep).join('/');

/** The top-level folder of a repo-relative path (`engine/clock.ts` → `engine`). */
export const folderOf = (path: string): string => path.split('/')[0]!;

/** Test code: `*.test.ts(x)`, `*.test-helper.ts`, `*.test-worker.js` and the like. */
export const isTestFile = (path: string): boolean => /\.test(?:-[a-z]+)?\.[cm]?[jt]sx?$/.test(path) || /\.property\.test\./.test(path);

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || SKIPPED_DIRS.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (SOURCE_FILE.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
}

/** Every source file in the repo's top-level folders (root config files are not a layer). */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root).sort()) {
    if (name.startsWith('.') || SKIPPED_DIRS.has(name) || SKIPPED_ROOT_DIRS.has(name)) continue;
    const p = join(root, name);
    if (statSync(p).isDirectory()) walk(p, out);
  }
  return out.map((p) => posix(relative(root, p)));
}

const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();

/** Resolves a relative specifier as Node and tsc (NodeNext, `.ts` extensions allowed) would. */
export function resolveSpecifier(root: string, fromFile: string, specifier: string): { path: string; resolved: boolean } {
  const base = resolve(root, dirname(fromFile), specifier);
  const candidates = [
    base,
    ...(/\.[cm]?js$/.test(base) ? [base.replace(/\.([cm]?)js$/, '.$1ts'), base.replace(/\.js$/, '.tsx')] : []),
    ...['.ts', '.tsx', '.js', '.mjs'].map((ext) => base + ext),
    ...['index.ts', 'index.tsx', 'index.js'].map((index) => join(base, index)),
  ];
  const hit = candidates.find(isFile);
  return { path: posix(relative(root, hit ?? base)), resolved: hit !== undefined };
}

/** Reads every source file of the repo and resolves its relative imports. */
export function readRepo(root: string): RepoModules {
  const files = sourceFiles(root);
  const edges: Edge[] = [];
  const packages = new Map<string, string[]>();
  for (const file of files) {
    const bare: string[] = [];
    for (const ref of readImports(file, readFileSync(join(root, file), 'utf8'))) {
      if (ref.specifier.startsWith('./') || ref.specifier.startsWith('../') || ref.specifier === '.' || ref.specifier === '..') {
        const { path, resolved } = resolveSpecifier(root, file, ref.specifier);
        edges.push({ from: file, to: path, kind: ref.kind, line: ref.line, resolved });
      } else {
        bare.push(ref.specifier);
      }
    }
    packages.set(file, bare);
  }
  return { files, edges, packages };
}

/** The module graph over our files, resolved edges only. */
export function moduleGraph(repo: RepoModules): Map<string, string[]> {
  const graph = new Map<string, string[]>(repo.files.map((f) => [f, []]));
  for (const e of repo.edges) if (e.resolved && graph.has(e.to)) graph.get(e.from)!.push(e.to);
  for (const [file, targets] of graph) graph.set(file, [...new Set(targets)]);
  return graph;
}
