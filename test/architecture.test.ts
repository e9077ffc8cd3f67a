import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** Which of our top-level folders each folder may import (STYLE.md, "Which folder may import which"). */
const ALLOWED: Record<string, readonly string[]> = {
  physics: [],
  engine: ['physics', 'scenarios/types'],
  scenarios: ['engine', 'physics'],
  protocol: [],
  ml: ['engine', 'physics', 'scenarios'],
  // Pure cores moved out of twin-api (issue core); their last adapter imports are being removed.
  lookahead: ['engine', 'physics', 'scenarios', 'monitor', 'twin-api/what-if'],
  monitor: ['engine', 'physics', 'scenarios', 'protocol', 'twin-api/errors'],
  'twin-api': ['engine', 'physics', 'scenarios', 'protocol', 'ml', 'lookahead', 'monitor', 'rl', 'knowledge'],
  viewer: ['protocol'],
  cli: ['engine', 'physics', 'scenarios', 'twin-api', 'protocol', 'ml', 'lookahead', 'monitor'],
  bench: ['engine', 'physics', 'scenarios', 'twin-api', 'protocol', 'ml', 'lookahead', 'monitor'],
  test: ['engine', 'physics', 'scenarios', 'cli', 'protocol', 'twin-api', 'ml', 'lookahead', 'monitor'],
};
const CORE = ['physics', 'engine', 'scenarios'];

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

function ourImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((s) => relative(ROOT, resolve(file, '..', s)).split(sep).join('/'));
}

describe('architecture', () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only ${allowed.length ? allowed.join(', ') : 'nothing of ours'}`, () => {
      const violations: string[] = [];
      for (const file of tsFiles(join(ROOT, folder))) {
        for (const target of ourImports(file)) {
          const top = target.split('/')[0]!;
          if (top === folder) continue;
          if (!allowed.some((a) => target === a || target.startsWith(`${a}/`) || target.startsWith(`${a}.`))) {
            violations.push(`${relative(ROOT, file)} → ${target}`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it('the deterministic core reads no wall clock, no global randomness and no environment', () => {
    const hits: string[] = [];
    for (const folder of CORE) {
      for (const file of tsFiles(join(ROOT, folder))) {
        if (/\.test\.tsx?$/.test(file)) continue;
        const text = readFileSync(file, 'utf8');
        for (const pattern of [/Date\.now\(/, /new Date\(\)/, /Math\.random\(/, /performance\.now\(/, /process\.env/]) {
          if (pattern.test(text)) hits.push(`${relative(ROOT, file)}: ${pattern.source}`);
        }
      }
    }
    expect(hits).toEqual([]);
  });
});
