import { afterAll, describe, expect, it } from 'vitest';
import { assetKinds } from '../ml/live/live-models.ts';
import { standInLiveModels } from '../ml/live/stand-in-models.ts';
import { KEYS } from '../twin-api/test-app.test-helper.ts';
import { fullApiServer } from './api-app.test-helper.ts';

describe('the models API', async () => {
  const s = await fullApiServer();
  afterAll(() => s.close());
  const call = (method: 'GET' | 'POST', url: string, payload?: object, key = KEYS.engineer) =>
    s.app.inject({ method, url, headers: { 'x-api-key': key }, ...(payload ? { payload } : {}) });

  it('lists the registry with the live status: one pump RUL model of 26 in service', async () => {
    const r = (await call('GET', '/api/models')).json().data;
    expect(r).toMatchObject({ status: 'partial', backend: 'wasm' });
    expect(r.detail).toMatch(/^1 of 26 live models in service/);
    expect(r.registry).toEqual([expect.objectContaining({ task: 'rul', kind: 'pump', champion: 'v1', versions: [expect.objectContaining({ version: 'v1', name: 'pump-rul' })] })]);
  });

  it('names what is missing: an unknown version, nothing to roll back to', async () => {
    const promote = await call('POST', '/api/models/promote', { task: 'rul', kind: 'pump', version: 'v7' });
    expect(promote.statusCode).toBe(404);
    expect(promote.json().error.message).toMatch(/unknown version "v7".*versions: v1/);
    const rollback = await call('POST', '/api/models/rollback', { task: 'rul', kind: 'pump' });
    expect(rollback.statusCode).toBe(404);
    expect(rollback.json().error.message).toMatch(/no previous champion/);
  });

  it('answers a retrain of an unknown kind with 400, and a bad body naming the field', async () => {
    const r = await call('POST', '/api/models/retrain', { only: [{ kind: 'submarine', task: 'rul' }] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toBe('only: no asset of kind "submarine" in this plant');
    const bad = await call('POST', '/api/models/retrain', { only: [{ kind: 'pump', task: 'haircut' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^only\[0\]\.task: /);
  });

  it('runs a retrain as a job the caller can follow', async () => {
    const started = await call('POST', '/api/models/retrain', {});
    expect(started.statusCode).toBe(202);
    const id = started.json().data.id as string;
    const job = async () => (await call('GET', `/api/models/jobs/${id}`, undefined, KEYS.viewer)).json().data;
    for (let i = 0; i < 500 && (await job()).state === 'running'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await job()).toMatchObject({ id, state: 'done', requestedBy: 'engineer-user', reason: 'retrain' });
    expect((await call('GET', '/api/models/jobs/job-999', undefined, KEYS.viewer)).statusCode).toBe(404);
  });

  it('serves the latest predictions with each asset\'s model status', async () => {
    s.twin.engine.step(1);
    const list = (await call('GET', '/api/predictions', undefined, KEYS.viewer)).json().data as { asset: string; status: Record<string, string>; rul?: { kind: string; hours: number; unit: string } }[];
    const pump = list.find((p) => p.asset === 'pump_001')!;
    expect(pump.status).toEqual({ rul: 'ready', failure: 'missing', anomaly: 'missing' });
    expect(typeof pump.rul?.hours).toBe('number');
    expect(pump.rul?.unit).toBe('h');
    expect(list.find((p) => p.asset === 'motor_001')?.rul).toBeUndefined();
  });

  it('lists the versions copied into the history database, and follows a new version and a promote', async () => {
    await s.registrySynced();
    const versions = async (qs: string) => (await call('GET', `/api/models/versions${qs}`, undefined, KEYS.viewer)).json().data as { version: string; role: string | null }[];
    expect(await versions('?task=rul&kind=pump')).toEqual([
      { task: 'rul', kind: 'pump', version: 'v1', name: 'pump-rul', createdMs: expect.any(Number), datasetFingerprint: 'test', hyperparameters: {}, metrics: {}, role: 'champion' },
    ]);

    const pumpRul = standInLiveModels(s.twin.engine.layout, assetKinds(s.twin.engine.scenario)).find((m) => m.kind === 'pump' && m.task === 'rul')!;
    await s.models.registry.register({ task: 'rul', kind: 'pump' }, { name: 'pump-rul-2', datasetFingerprint: 'test', hyperparameters: {}, metrics: { mae: 1.5 } }, (dir) => pumpRul.model.save(dir));
    await s.models.reload();
    await s.registrySynced();
    expect((await versions('?task=rul')).map((v) => [v.version, v.role])).toEqual([['v1', 'champion'], ['v2', 'challenger']]);

    expect((await call('POST', '/api/models/promote', { task: 'rul', kind: 'pump' })).statusCode).toBe(200);
    // The promote reloads the models in the background; the copy follows that reload.
    for (let i = 0; i < 500 && (await versions('?kind=pump')).find((v) => v.version === 'v2')?.role !== 'champion'; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await versions('?kind=pump')).map((v) => [v.version, v.role])).toEqual([['v1', null], ['v2', 'champion']]);
    expect(await versions('?task=failure')).toEqual([]);
  });

  it('answers a versions query naming an unknown task or a malformed kind with 400, naming the field', async () => {
    const task = await call('GET', '/api/models/versions?task=haircut', undefined, KEYS.viewer);
    expect(task.statusCode).toBe(400);
    expect(task.json().error.message).toMatch(/^querystring\.task: /);
    const kind = await call('GET', '/api/models/versions?kind=Pump!', undefined, KEYS.viewer);
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.message).toMatch(/^querystring\.kind: /);
  });

  it('tells the caller who they are', async () => {
    expect((await call('GET', '/api/me', undefined, KEYS.operator)).json().data).toEqual({ actor: 'operator-user', role: 'operator', devMode: false });
  });
});
