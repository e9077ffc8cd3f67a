import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyWindows } from '../data/window-ops.ts';
import { datasetFingerprint } from './fingerprint.ts';
import { ModelRegistry, RegistryError } from './registry.ts';

const clock = () => new Date(Date.UTC(2024, 2, 14, 12, 0, 0));
const fresh = () => new ModelRegistry(mkdtempSync(join(tmpdir(), 'twin-registry-')), clock);
const entry = (rmse: number) => ({ name: 'rul-cnc', datasetFingerprint: 'f00d', hyperparameters: { epochs: 3 }, metrics: { rmse } });
const writeModel = (tag: string) => async (dir: string) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.json'), tag);
};

describe('model registry', () => {
  it('registers versions with their metadata; the first is champion, later ones challenger', async () => {
    const r = fresh();
    const v1 = await r.register('rul', entry(20), writeModel('one'));
    expect(v1).toEqual({ version: 'v1', task: 'rul', created: '2024-03-14T12:00:00.000Z', ...entry(20) });
    await r.register('rul', entry(18), writeModel('two'));
    expect(r.index('rul')).toMatchObject({ champion: 'v1', challenger: 'v2' });
    expect(readFileSync(join(r.dir('rul', 'challenger'), 'model.json'), 'utf8')).toBe('two');
    expect(r.list().map((i) => i.task)).toEqual(['rul']);
  });

  it('promotes and rolls back', async () => {
    const r = fresh();
    for (const x of [20, 18, 17]) await r.register('failure', entry(x), writeModel(String(x)));
    expect(r.promote('failure')).toMatchObject({ champion: 'v3', previousChampions: ['v1'] }); // challenger is the latest: v3
    expect(r.promote('failure', 'v2')).toMatchObject({ champion: 'v2', previousChampions: ['v1', 'v3'] });
    expect(r.rollback('failure')).toMatchObject({ champion: 'v3', challenger: 'v2', previousChampions: ['v1'] });
    expect(r.rollback('failure').champion).toBe('v1');
    expect(() => r.rollback('failure')).toThrow(/no previous champion/);
  });

  it('names the known versions when asked for an unknown one', async () => {
    const r = fresh();
    await r.register('rul', entry(20), writeModel('x'));
    expect(() => r.get('rul', 'v9')).toThrow(RegistryError);
    expect(() => r.get('rul', 'v9')).toThrow(/unknown version "v9" of task rul \(versions: v1\)/);
    expect(() => r.get('rul', 'challenger')).toThrow(/task rul has no challenger/);
    expect(() => r.index('speed' as never)).toThrow(/unknown task "speed"/);
  });

  it('leaves no partial version behind when writing the model fails', async () => {
    const r = fresh();
    await expect(r.register('rul', entry(1), async (dir) => { mkdirSync(dir, { recursive: true }); throw new Error('disk full'); })).rejects.toThrow('disk full');
    expect(existsSync(join(r.root, 'rul'))).toBe(true);
    expect(readdirSync(join(r.root, 'rul'))).toEqual([]); // neither a version folder nor a temporary one
    expect(r.index('rul').versions).toEqual([]);
  });
});

describe('model registry per asset kind', () => {
  const pumpRul = { task: 'rul', kind: 'pump' } as const;

  it('keeps each (task, kind) apart from the task-only models, in <task>/<kind>/<version>', async () => {
    const r = fresh();
    const v1 = await r.register(pumpRul, entry(20), writeModel('pump one'));
    expect(v1).toEqual({ version: 'v1', task: 'rul', kind: 'pump', created: '2024-03-14T12:00:00.000Z', ...entry(20) });
    await r.register({ task: 'rul', kind: 'cnc' }, entry(30), writeModel('cnc one'));
    await r.register('rul', entry(25), writeModel('task-only one'));
    expect(r.dir(pumpRul)).toBe(join(r.root, 'rul', 'pump', 'v1'));
    expect(readFileSync(join(r.dir(pumpRul), 'model.json'), 'utf8')).toBe('pump one');
    expect(readFileSync(join(r.dir('rul'), 'model.json'), 'utf8')).toBe('task-only one');
    expect(r.index(pumpRul)).toMatchObject({ task: 'rul', kind: 'pump', champion: 'v1', previousChampions: [] });
    expect(r.index({ task: 'failure', kind: 'pump' })).toEqual({ task: 'failure', kind: 'pump', versions: [], previousChampions: [] });
  });

  it('lists every (task, kind) index with versions: per task the task-only one, then kinds by name', async () => {
    const r = fresh();
    await r.register({ task: 'anomaly', kind: 'line' }, entry(1), writeModel('a'));
    await r.register({ task: 'rul', kind: 'pump' }, entry(1), writeModel('b'));
    await r.register({ task: 'rul', kind: 'cnc' }, entry(1), writeModel('c'));
    await r.register('rul', entry(1), writeModel('d'));
    expect(r.list().map((i) => `${i.task}/${i.kind ?? '-'}`)).toEqual(['rul/-', 'rul/cnc', 'rul/pump', 'anomaly/line']);
    expect(r.list('anomaly').map((i) => i.kind)).toEqual([undefined, 'line']);
  });

  it('promotes and rolls back one kind without touching the others', async () => {
    const r = fresh();
    for (const x of [20, 18]) await r.register(pumpRul, entry(x), writeModel(String(x)));
    await r.register({ task: 'rul', kind: 'cnc' }, entry(9), writeModel('cnc'));
    expect(r.promote(pumpRul)).toMatchObject({ kind: 'pump', champion: 'v2', previousChampions: ['v1'] });
    expect(r.index({ task: 'rul', kind: 'cnc' })).toMatchObject({ champion: 'v1', previousChampions: [] });
    expect(r.rollback(pumpRul)).toMatchObject({ champion: 'v1', challenger: 'v2', previousChampions: [] });
    expect(() => r.rollback(pumpRul)).toThrow(/task rul, kind pump has no previous champion/);
  });

  it('names the known versions of the kind, and refuses kinds that could clash with versions', async () => {
    const r = fresh();
    await r.register(pumpRul, entry(20), writeModel('x'));
    expect(() => r.get(pumpRul, 'v7')).toThrow(/unknown version "v7" of task rul, kind pump \(versions: v1\)/);
    expect(() => r.get({ task: 'rul', kind: 'fan' })).toThrow(/task rul, kind fan has no champion/);
    expect(() => r.index({ task: 'rul', kind: 'v2' })).toThrow(RegistryError);
    expect(() => r.index({ task: 'rul', kind: '../up' })).toThrow(/invalid kind "..\/up"/);
  });
});

describe('dataset fingerprint', () => {
  it('is stable for the same data and changes with one value', () => {
    const a = emptyWindows(3, 2, ['a'], ['y']);
    const b = emptyWindows(3, 2, ['a'], ['y']);
    expect(datasetFingerprint(a)).toBe(datasetFingerprint(b));
    b.x[4] = 1;
    expect(datasetFingerprint(a)).not.toBe(datasetFingerprint(b));
    expect(datasetFingerprint(a)).toMatch(/^[0-9a-f]{16}$/);
  });
});
