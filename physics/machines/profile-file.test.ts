import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfileFile, resolveProfile } from './profile-file.ts';
import { builtinProfiles } from './profile.ts';
import fan from './profiles/fan.json' with { type: 'json' };

const dir = mkdtempSync(join(tmpdir(), 'twin-profiles-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('profile files', () => {
  it('loads a user profile from disk, named by its path', () => {
    const path = write('big-fan.json', JSON.stringify({ ...fan, type: 'big_fan', description: 'A bigger fan.' }));
    const p = loadProfileFile(path);
    expect(p.type).toBe('big_fan');
    expect(p.source).toBe(path);
  });

  it('resolves built-in names to the built-in profiles and other names to files relative to a base dir', () => {
    expect(resolveProfile('pump')).toBe(builtinProfiles().get('pump'));
    write('fan-copy.json', JSON.stringify(fan));
    expect(resolveProfile('fan-copy.json', dir).type).toBe('fan');
  });

  it('names the file in errors: missing file, bad JSON, invalid content', () => {
    expect(() => loadProfileFile(join(dir, 'nope.json'))).toThrow(`${join(dir, 'nope.json')}: cannot read the profile file`);
    const bad = write('bad.json', '{ "type": ');
    expect(() => loadProfileFile(bad)).toThrow(`${bad}: not valid JSON`);
    const invalid = write('invalid.json', JSON.stringify({ ...fan, sensors: [] }));
    expect(() => loadProfileFile(invalid)).toThrow(`${invalid}: sensors: a profile needs at least one sensor`);
  });
});
