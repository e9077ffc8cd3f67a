import { beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from './event-store.ts';
import { T0, useStore, type OpenStore } from './contract-support.test-helper.ts';

/** The behaviour every `EventStore` adapter must show. */
export function describeEventStoreContract(label: string, open: OpenStore<EventStore>): void {
  describe(`EventStore contract: ${label}`, () => {
    const s = useStore(open);
    let store: EventStore;
    beforeEach(() => {
      store = s.current();
    });

    it('stores events and finds them by time, type and asset, newest first', async () => {
      const defect = { type: 'defect', seq: 3, tick: 30, tS: 3, asset: 'line-A', unitId: 7, defect: 'bubble', x: 0.1, y: 0.2, severity: 0.5 };
      await store.insertEvents([
        { seq: 1, tMs: T0 + 1000, type: 'unit_produced', asset: 'line-A', payload: { unitId: 6 } },
        { seq: 2, tMs: T0 + 2000, type: 'alert', asset: 'press-1', payload: { sensor: 's', value: 1 } },
        { seq: 3, tMs: T0 + 3000, type: 'defect', asset: 'line-A', payload: defect },
      ]);
      const all = await store.queryEvents({ fromMs: T0, toMs: T0 + 10_000, limit: 10 });
      expect(all.map((e) => e.seq)).toEqual([3, 2, 1]);
      expect(all[0]).toMatchObject({ tMs: T0 + 3000, type: 'defect', asset: 'line-A', payload: defect });
      expect((await store.queryEvents({ types: ['defect', 'unit_produced'], assets: ['line-A'], limit: 10 })).map((e) => e.seq)).toEqual([3, 1]);
      expect((await store.queryEvents({ fromMs: T0 + 1500, toMs: T0 + 3000, limit: 10 })).map((e) => e.seq)).toEqual([2]);
      expect((await store.queryEvents({ limit: 1 })).map((e) => e.seq)).toEqual([3]);
    });
  });
}
