import { beforeEach, describe, expect, it } from 'vitest';
import type { SettingsStore } from './settings-store.ts';
import { useStore, type OpenStore } from './contract-support.test-helper.ts';

/** The behaviour every `SettingsStore` adapter must show. */
export function describeSettingsStoreContract(label: string, open: OpenStore<SettingsStore>): void {
  describe(`SettingsStore contract: ${label}`, () => {
    const s = useStore(open);
    let store: SettingsStore;
    beforeEach(() => {
      store = s.current();
    });

    it('puts and gets settings of any JSON shape, the last write winning', async () => {
      expect(await store.getSetting('missing')).toBeNull();
      await store.putSetting('thresholds', { tempC: 1500 }, 'ana');
      const s = await store.putSetting('thresholds', [1, 'two', { three: null }], 'bo');
      expect(s).toMatchObject({ key: 'thresholds', value: [1, 'two', { three: null }], updatedBy: 'bo' });
      expect(Math.abs(s.updatedAtMs - Date.now())).toBeLessThan(60_000);
      expect(await store.getSetting('thresholds')).toEqual(s);
      await store.putSetting('mode', 'paced', null);
      expect((await store.listSettings()).map((x) => [x.key, x.value])).toEqual([['mode', 'paced'], ['thresholds', [1, 'two', { three: null }]]]);
    });
  });
}
