import { beforeEach, describe, expect, it } from 'vitest';
import type { ModelIndexInput, ModelStore, ModelVersionInput } from './model-store.ts';
import type { SqlClient } from './sql-client.ts';
import { DAY_MS, T0, useStore, type OpenStore } from './contract-support.test-helper.ts';

/** Version `n` of a registered model, created n minutes after T0. */
const modelVersion = (n: number, over: Partial<ModelVersionInput> = {}): ModelVersionInput => ({
  version: `v${n}`,
  name: `model-${n}`,
  created: new Date(T0 + n * 60_000).toISOString(),
  datasetFingerprint: `fp-${n}`,
  hyperparameters: { epochs: 10 * n, layers: [32, 16] },
  metrics: { mae: n / 10 },
  ...over,
});

/** A registry index of `versions`, roles and history as given. */
const modelIndex = (task: string, kind: string | undefined, versions: readonly number[], roles: Partial<ModelIndexInput> = {}): ModelIndexInput => ({
  task,
  ...(kind === undefined ? {} : { kind }),
  versions: versions.map((n) => modelVersion(n)),
  previousChampions: [],
  ...roles,
});

/** The behaviour every `ModelStore` adapter must show: predictions and the model registry's copy. */
export function describeModelStoreContract(label: string, open: OpenStore<ModelStore & { readonly db: SqlClient }>): void {
  describe(`ModelStore contract: ${label}`, () => {
    const s = useStore(open);
    let store: ModelStore & { readonly db: SqlClient };
    beforeEach(() => {
      store = s.current();
    });

    it('stores predictions and lists them by asset and model, newest first', async () => {
      await store.insertPrediction({ tMs: T0, asset: 'press-1', model: 'rul', payload: { rulH: 120 } });
      const p = await store.insertPrediction({ tMs: T0 + 60_000, asset: 'press-1', model: 'rul', payload: { rulH: 118 } });
      await store.insertPrediction({ tMs: T0 + 60_000, asset: 'press-2', model: 'rul', payload: { rulH: 5 } });
      expect(p).toMatchObject({ tMs: T0 + 60_000, asset: 'press-1', model: 'rul', payload: { rulH: 118 } });
      expect((await store.listPredictions({ asset: 'press-1', model: 'rul', limit: 10 })).map((x) => x.payload)).toEqual([{ rulH: 118 }, { rulH: 120 }]);
      expect(await store.listPredictions({ asset: 'press-1', fromMs: T0 + 1, limit: 10 })).toEqual([p]);
    });

    describe('model registry copy', () => {
      // Each test uses asset kinds of its own: the store is shared by the whole suite.
      const roles = async (kind: string) => (await store.listModelVersions({ task: 'rul', kind })).map((v) => [v.version, v.role]);
      const indexRow = async (task: string, kind: string) =>
        (await store.db.query(
          `SELECT champion, challenger, previous_champions, round(date_part('epoch', synced_at) * 1000) AS synced_at_ms
           FROM model_indexes WHERE task = $1 AND kind = $2`,
          [task, kind],
        ))[0];

      it('stores every version of a sync with its role as the index says, task-level ones without a kind', async () => {
        const pump = modelIndex('rul', 'pump', [], {
          versions: [modelVersion(1), modelVersion(2, { metrics: { mae: 0.2, r2: Number.NaN, mape: Number.POSITIVE_INFINITY } })],
          champion: 'v1',
          challenger: 'v2',
        });
        await store.syncModelIndexes([pump, modelIndex('failure', undefined, [1], { champion: 'v1' })], T0 + DAY_MS);
        expect(await store.listModelVersions({ task: 'rul', kind: 'pump' })).toEqual([
          { task: 'rul', kind: 'pump', version: 'v1', name: 'model-1', createdMs: T0 + 60_000, datasetFingerprint: 'fp-1', hyperparameters: { epochs: 10, layers: [32, 16] }, metrics: { mae: 0.1 }, role: 'champion' },
          // JSON has no NaN or Infinity: such metrics come back as null.
          { task: 'rul', kind: 'pump', version: 'v2', name: 'model-2', createdMs: T0 + 120_000, datasetFingerprint: 'fp-2', hyperparameters: { epochs: 20, layers: [32, 16] }, metrics: { mae: 0.2, r2: null, mape: null }, role: 'challenger' },
        ]);
        const [taskLevel] = await store.listModelVersions({ task: 'failure' });
        expect(taskLevel).toMatchObject({ task: 'failure', version: 'v1', role: 'champion' });
        expect(taskLevel).not.toHaveProperty('kind');
        expect(await indexRow('rul', 'pump')).toEqual({ champion: 'v1', challenger: 'v2', previous_champions: [], synced_at_ms: T0 + DAY_MS });
        expect(await indexRow('failure', '')).toMatchObject({ champion: 'v1', challenger: null });
      });

      it('after a promote and a retrain, moves the roles and adds the new version, keeping the old ones', async () => {
        await store.syncModelIndexes([modelIndex('rul', 'press', [1, 2], { champion: 'v1', challenger: 'v2' })], T0);
        await store.syncModelIndexes([modelIndex('rul', 'press', [1, 2, 3], { champion: 'v2', challenger: 'v3', previousChampions: ['v1'] })], T0 + 1000);
        expect(await roles('press')).toEqual([['v1', null], ['v2', 'champion'], ['v3', 'challenger']]);
        expect(await indexRow('rul', 'press')).toEqual({ champion: 'v2', challenger: 'v3', previous_champions: ['v1'], synced_at_ms: T0 + 1000 });
      });

      it('keeps a version pruned from the registry on record, without a role, and leaves other indexes alone', async () => {
        await store.syncModelIndexes([modelIndex('rul', 'kiln', [1, 2], { champion: 'v1', challenger: 'v2' })], T0);
        await store.syncModelIndexes([modelIndex('rul', 'oven', [1], { champion: 'v1' })], T0);
        await store.syncModelIndexes([modelIndex('rul', 'kiln', [2, 3], { champion: 'v3', previousChampions: ['v1', 'v2'] })], T0 + 1000);
        expect(await roles('kiln')).toEqual([['v1', null], ['v2', null], ['v3', 'champion']]);
        expect((await store.listModelVersions({ task: 'rul', kind: 'kiln' }))[0]).toMatchObject({ version: 'v1', name: 'model-1', datasetFingerprint: 'fp-1' });
        expect(await roles('oven')).toEqual([['v1', 'champion']]);
      });

      it('lists by task and by kind, task-level first, in version-number order (v2 before v10)', async () => {
        await store.syncModelIndexes(
          [modelIndex('forecast', undefined, [10, 2, 1, 9], { champion: 'v10' }), modelIndex('forecast', 'line', [1], { champion: 'v1' }), modelIndex('anomaly', 'line', [1])],
          T0,
        );
        const keys = (vs: readonly { task: string; kind?: string; version: string }[]) => vs.map((v) => `${v.task}/${v.kind ?? '-'}/${v.version}`);
        expect(keys(await store.listModelVersions({ task: 'forecast' }))).toEqual(['forecast/-/v1', 'forecast/-/v2', 'forecast/-/v9', 'forecast/-/v10', 'forecast/line/v1']);
        expect(keys(await store.listModelVersions({ kind: 'line' }))).toEqual(['anomaly/line/v1', 'forecast/line/v1']);
        expect(keys(await store.listModelVersions({ task: 'forecast', kind: 'line' }))).toEqual(['forecast/line/v1']);
        expect(keys(await store.listModelVersions())).toEqual(expect.arrayContaining(['anomaly/line/v1', 'forecast/-/v10', 'rul/pump/v2']));
        expect(await store.listModelVersions({ task: 'no-such-task' })).toEqual([]);
      });

      it('syncs all or nothing: a call the database refuses, in a version or in an index, leaves nothing behind', async () => {
        await store.syncModelIndexes([modelIndex('rul', 'fan', [1], { champion: 'v1' })], T0);
        const promoted = modelIndex('rul', 'fan', [1, 2], { champion: 'v2', previousChampions: ['v1'] });
        const badVersion = modelIndex('rul', 'mixer', [], { versions: [modelVersion(1, { created: 'not a time' })], champion: 'v1' });
        // The same index twice, its versions all valid: refused only when the index rows are written.
        const twice = modelIndex('rul', 'mixer', [3], { champion: 'v3' });
        for (const call of [[promoted, badVersion], [promoted, modelIndex('rul', 'mixer', [1]), twice]]) {
          await expect(store.syncModelIndexes(call, T0 + 1000)).rejects.toThrow();
          expect(await roles('fan')).toEqual([['v1', 'champion']]);
          expect(await indexRow('rul', 'fan')).toMatchObject({ champion: 'v1', previous_champions: [], synced_at_ms: T0 });
          expect(await roles('mixer')).toEqual([]);
          expect(await indexRow('rul', 'mixer')).toBeUndefined();
        }
        // The store is still usable: the sync without the refused index goes through.
        await store.syncModelIndexes([promoted], T0 + 2000);
        expect(await roles('fan')).toEqual([['v1', null], ['v2', 'champion']]);
      });
    });
  });
}
