import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, stronglyConnected } from './architecture/cycles.ts';
import { readImports } from './architecture/read-imports.ts';
import { isTestFile, moduleGraph, readRepo } from './architecture/repo.ts';

// The architecture test is only as good as what it reads: these pin the reader and the cycle finder.

const SAMPLE = `
import { a } from './static.ts';
import type { T } from '../types.ts';
import './side-effect.ts';
import def, * as ns from './default.ts';
export { b } from './re-export.ts';
export * from './star.ts';
export type { U } from './type-re-export.ts';
import cjs = require('./legacy.js');
type L = typeof import('./type-query.ts');
const lazy = () => import('./dynamic.ts');
const old = require('./required.js');
const worker = new Worker(new URL('./worker-entry.js', import.meta.url));
const data = new URL('./library/', import.meta.url); // a directory of data, not a module
const remote = new URL('./other.js', 'https://example.com/'); // not relative to this module
const computed = import(name); // cannot be checked statically
// import { commented } from './comment.ts';
const text = "import { inString } from './string.ts'";
`;

describe('import reader', () => {
  it('finds static, type-only, side-effect, re-export, require, dynamic and worker-URL imports, and nothing in comments or strings', () => {
    expect(readImports('sample.ts', SAMPLE).map((r) => `${r.kind} ${r.specifier}`)).toEqual([
      'static ./static.ts',
      'type ../types.ts',
      'side-effect ./side-effect.ts',
      'static ./default.ts',
      're-export ./re-export.ts',
      're-export ./star.ts',
      'type ./type-re-export.ts',
      'require ./legacy.js',
      'type ./type-query.ts',
      'dynamic ./dynamic.ts',
      'require ./required.js',
      'worker-url ./worker-entry.js',
    ]);
  });

  it('reads .tsx and plain JavaScript worker entries, with line numbers', () => {
    expect(readImports('panel.tsx', "import { x } from './x.ts';\nexport const P = () => <div>{x}</div>;")).toEqual([
      { specifier: './x.ts', kind: 'static', line: 1 },
    ]);
    expect(readImports('worker-entry.js', "import { register } from 'tsx/esm/api';\nregister();\nawait import('./worker.ts');")).toEqual([
      { specifier: 'tsx/esm/api', kind: 'static', line: 1 },
      { specifier: './worker.ts', kind: 'dynamic', line: 3 },
    ]);
  });

  it('tells test code from production code', () => {
    expect(['a.test.ts', 'a.test.tsx', 'a.test-helper.ts', 'a.test-worker.js', 'a.property.test.ts'].every(isTestFile)).toBe(true);
    expect(['a.ts', 'test-app.ts', 'latest.ts'].some(isTestFile)).toBe(false);
  });
});

describe('cycle finder', () => {
  it('finds a 3-cycle and a self-import, and nothing in a diamond', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['self.ts', ['self.ts']],
      ['top.ts', ['left.ts', 'right.ts']],
      ['left.ts', ['bottom.ts']],
      ['right.ts', ['bottom.ts']],
      ['bottom.ts', []],
    ]);
    expect(stronglyConnected(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['self.ts']]);
    expect(findCycles(graph)).toEqual(['a.ts → b.ts → c.ts → a.ts', 'self.ts → self.ts']);
  });

  it('lists each cycle of a component once, each starting at its smallest file', () => {
    // Two cycles through x: x → y → x and x → z → x.
    const graph = new Map([['x', ['y', 'z']], ['y', ['x']], ['z', ['x']]]);
    expect(findCycles(graph)).toEqual(['x → y → x', 'x → z → x']);
  });

  it('walks a 20 000-module chain without overflowing the stack', () => {
    const n = 20_000;
    const graph = new Map(Array.from({ length: n }, (_, i) => [`m${i}`, [`m${(i + 1) % n}`]] as [string, string[]]));
    expect(stronglyConnected(graph)).toHaveLength(1);
  });
});

describe('the real repo', () => {
  const repo = readRepo(resolve(import.meta.dirname, '..'));

  it('reads hundreds of files and their imports of every kind', () => {
    expect(repo.files.length).toBeGreaterThan(400);
    expect(repo.edges.length).toBeGreaterThan(1500);
    const kinds = new Map<string, number>();
    for (const e of repo.edges) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
    expect(kinds.get('type')).toBeGreaterThan(300);
    expect(kinds.get('re-export')).toBeGreaterThan(20);
    expect(kinds.get('dynamic')).toBeGreaterThan(5);
    expect(kinds.get('worker-url')).toBeGreaterThanOrEqual(2);
    expect(repo.files.some((f) => f.endsWith('.tsx'))).toBe(true);
    expect(repo.files).toContain('ml/bootstrap/worker-entry.js');
  });

  it('resolves every relative import to a file, but the missing worker a test names on purpose', () => {
    expect(repo.edges.filter((e) => !e.resolved).map((e) => `${e.from} → ${e.to}`)).toEqual([
      'twin-api/what-if/pool.test.ts → twin-api/what-if/no-such-worker.js',
    ]);
  });

  it('follows a worker through its JavaScript entry to the TypeScript worker', () => {
    const graph = moduleGraph(repo);
    expect(graph.get('ml/bootstrap/train-in-worker.ts')).toContain('ml/bootstrap/worker-entry.js');
    expect(graph.get('ml/bootstrap/worker-entry.js')).toEqual(['ml/bootstrap/worker.ts']);
  });
});
