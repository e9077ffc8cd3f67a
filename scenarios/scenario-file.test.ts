import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './scenario-error.ts';
import { listScenarioFiles, loadScenarioFile } from './scenario-file.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('loadScenarioFile', () => {
  it('resolves relative profile paths against the scenario file, not the working directory', () => {
    const s = loadScenarioFile(join(FIXTURES, 'custom-profile.yaml'));
    expect(s.machines.map((m) => m.profile)).toEqual([resolve(FIXTURES, 'profiles/kiln-fan.json'), 'fan']);
  });

  it('reports a missing file as a ScenarioError naming it', () => {
    const path = join(FIXTURES, 'no-such-scenario.yaml');
    expect(() => loadScenarioFile(path)).toThrow(ScenarioError);
    expect(() => loadScenarioFile(path)).toThrow(`${path}: (root): cannot be read (no such file)`);
  });

  it('reports a folder as a ScenarioError too', () => {
    expect(() => loadScenarioFile(FIXTURES)).toThrow('cannot be read (it is a folder)');
  });
});

describe('listScenarioFiles', () => {
  it('lists .yaml, .yml and .json files, sorted, as full paths', () => {
    expect(listScenarioFiles(FIXTURES)).toEqual([join(FIXTURES, 'custom-profile.yaml')]);
  });
});
