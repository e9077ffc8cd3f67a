import { describe, expect, it } from 'vitest';
import type { ModelIndexInput } from '../store/history-store.ts';
import { registryMirror } from './registry-mirror.ts';

const index = (champion: string): ModelIndexInput => ({ task: 'rul', kind: 'pump', versions: [], champion, previousChampions: [] });

describe('registryMirror', () => {
  it('writes the snapshots in the order they came, each stamped when it came, even when an earlier write is slower', async () => {
    const written: [string | undefined, number][] = [];
    let clock = 1000;
    const store = {
      syncModelIndexes: async (indexes: readonly ModelIndexInput[], atMs: number) => {
        if (indexes[0]?.champion === 'v1') await new Promise((r) => setTimeout(r, 30));
        written.push([indexes[0]?.champion, atMs]);
      },
    };
    const mirror = registryMirror(store, () => clock++, () => {});
    mirror.sync([index('v1')]);
    mirror.sync([index('v2')]);
    await mirror.settled();
    expect(written).toEqual([['v1', 1000], ['v2', 1001]]);
  });

  it('logs a failed sync instead of throwing, and goes on with the next one', async () => {
    const logs: string[] = [];
    const written: string[] = [];
    const store = {
      syncModelIndexes: async (indexes: readonly ModelIndexInput[]) => {
        if (indexes[0]?.champion === 'v1') throw new Error('connection refused');
        written.push(indexes[0]!.champion!);
      },
    };
    const mirror = registryMirror(store, () => 0, (m) => logs.push(m));
    mirror.sync([index('v1')]);
    mirror.sync([index('v2')]);
    await expect(mirror.settled()).resolves.toBeUndefined();
    expect(logs).toEqual(['model registry sync to the history database failed: connection refused']);
    expect(written).toEqual(['v2']);
  });
});
