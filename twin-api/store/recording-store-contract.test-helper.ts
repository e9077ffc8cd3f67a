import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordingStore } from './recording-store.ts';
import { T0, useStore, type OpenStore } from './contract-support.test-helper.ts';

/** The behaviour every `RecordingStore` adapter must show. */
export function describeRecordingStoreContract(label: string, open: OpenStore<RecordingStore>): void {
  describe(`RecordingStore contract: ${label}`, () => {
    const s = useStore(open);
    let store: RecordingStore;
    beforeEach(() => {
      store = s.current();
    });

    it('saves recordings with a binary body, lists them without it, and gets them back byte for byte', async () => {
      const body = Uint8Array.from({ length: 256 }, (_, i) => i);
      const info = await store.saveRecording({ name: 'shift-1', scenario: 'tin-bath-drift', meta: { seed: 42 }, body, createdAtMs: T0 });
      expect(info).toMatchObject({ name: 'shift-1', scenario: 'tin-bath-drift', meta: { seed: 42 }, sizeBytes: 256, createdAtMs: T0 });
      expect(await store.listRecordings()).toContainEqual(info);
      const got = await store.getRecording(info.id);
      expect(got).toMatchObject(info);
      expect(Array.from(got!.body)).toEqual(Array.from(body));
      expect(await store.getRecording(info.id + 1000)).toBeNull();
    });
  });
}
