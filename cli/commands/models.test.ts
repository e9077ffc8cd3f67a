import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelRegistry, type TaskIndex } from '../../ml/registry/registry.ts';
import { main } from '../main.ts';
import { captureConsole } from './console-capture.test-helper.ts';

const dir = mkdtempSync(join(tmpdir(), 'twin-models-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { out, err } = captureConsole();

const reg = ['--registry', dir];

describe('twin models', () => {
  it('train-defaults registers the live models of the asked pairs and tells which were skipped', async () => {
    const code = await main(['models', 'train-defaults', '--only', 'pump/anomaly,conveyor/failure', '--hours', '60', '--runs', '1', '--epochs', '1', ...reg]);
    expect(err.join('\n')).not.toMatch(/twin:/);
    expect(code).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(/^pump\/anomaly v1 champion: first version/),
      expect.stringMatching(/^conveyor\/failure skipped: no conveyor failed/),
      expect.stringMatching(/^1 models registered in .*, 1 skipped, in [\d.]+ s$/),
    ]);
  }, 60_000);

  it('lists every (task, kind) with its champion, as a table or JSON', async () => {
    await new ModelRegistry(dir).register('rul', { name: 'rul-cmapss', datasetFingerprint: 'f', hyperparameters: {}, metrics: { rmse: 14.25 } }, async (d) => { mkdirSync(d, { recursive: true }); writeFileSync(join(d, 'model.json'), '{}'); });
    expect(await main(['models', 'list', ...reg])).toBe(0);
    expect(out[0]).toMatch(/^task\s+kind\s+champion\s+challenger\s+versions\s+champion metric$/);
    expect(out.slice(1)).toEqual([expect.stringMatching(/^rul\s+-\s+v1\s+-\s+1\s+rmse 14.25$/), expect.stringMatching(/^anomaly\s+pump\s+v1\s+-\s+1\s+f1 /)]);
    out.length = 0;
    expect(await main(['models', 'list', '--json', ...reg])).toBe(0);
    const indexes = JSON.parse(out[0]!) as TaskIndex[];
    expect(indexes.map((i) => [i.task, i.kind])).toEqual([['rul', undefined], ['anomaly', 'pump']]);
  });

  it('promotes a version of a kind and rolls it back', async () => {
    await new ModelRegistry(dir).register({ task: 'anomaly', kind: 'pump' }, { name: 'x', datasetFingerprint: 'f', hyperparameters: {}, metrics: {} }, async (d) => { mkdirSync(d, { recursive: true }); });
    expect(await main(['models', 'promote', 'anomaly', '--kind', 'pump', '--version', 'v2', ...reg])).toBe(0);
    expect(out.at(-1)).toBe('anomaly/pump: champion v2 (was v1)');
    expect(await main(['models', 'rollback', 'anomaly', '--kind', 'pump', ...reg])).toBe(0);
    expect(out.at(-1)).toBe('anomaly/pump: champion v1 (was v2), challenger v2');
    expect(await main(['models', 'promote', 'anomaly', '--kind', 'pump', ...reg])).toBe(0); // the challenger by default
    expect(out.at(-1)).toBe('anomaly/pump: champion v2 (was v1)');
  });

  it.each([
    [['models', 'promote', 'anomaly', '--kind', 'pump', '--version', 'v9'], /--version: unknown version "v9" of task anomaly, kind pump \(versions: v1, v2\)/],
    [['models', 'promote', 'rul'], /--version \(default: the challenger\): task rul has no challenger/],
    [['models', 'promote', 'speed'], /unknown task "speed"/],
    [['models', 'promote', 'rul', '--kind', '../x'], /--kind: invalid kind/],
    [['models', 'rollback', 'rul'], /task rul has no previous champion/],
    [['models', 'train-defaults', '--hours', '0'], /--hours: "0" is not a number between 1 and 100000/],
    [['models', 'train-defaults', '--scenario', 'no-such-plant'], /--scenario: .*no-such-plant/],
    [['models', 'train-defaults', '--only', 'robot/rul'], /--only: no assets of kind "robot"/],
    [['models', 'train-defaults', '--only', 'pump'], /--only: "pump" is not <kind>\/<task>/],
    [['models', 'frobnicate'], /models: unknown subcommand "frobnicate"/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    expect(await main([...argv, ...reg])).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });
});
