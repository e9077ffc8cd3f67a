import { describe, expect, it } from 'vitest';
import { describeGraphStoreContract, expectRefused } from './graph-store-contract.test-helper.ts';
import { plantFixture } from './graph-store-fixture.test-helper.ts';
import { MemoryGraphStore } from './memory-graph-store.ts';

// Memory has no database: a reopen is handed the snapshot the store closed with.
describeGraphStoreContract('memory', async (handover) => {
  const store = MemoryGraphStore.fromSnapshot(handover);
  return { store, close: () => store.close() };
});

describe('MemoryGraphStore', () => {
  it('builds from a snapshot and dumps the same snapshot, synchronously', () => {
    const f = plantFixture('snap');
    const store = MemoryGraphStore.fromSnapshot(f);
    const s = store.snapshotSync();
    expect(MemoryGraphStore.fromSnapshot(s).snapshotSync()).toEqual(s);
    expect(s.nodes).toHaveLength(f.nodes.length);
    expect(s.edges).toHaveLength(f.edges.length);
  });

  it('refuses a snapshot with an edge its nodes do not allow, naming the edge', () => {
    const f = plantFixture('bad');
    const [first, ...rest] = f.edges;
    expect(() => MemoryGraphStore.fromSnapshot({ nodes: f.nodes.filter((n) => n.id !== first!.from), edges: [first!, ...rest] })).toThrow(first!.id);
  });

  it('hands out nodes and edges that cannot change the graph', async () => {
    const f = plantFixture('frozen');
    const store = MemoryGraphStore.fromSnapshot(f);
    const node = (await store.node(f.id('TT1')))!;
    expect(() => ((node.props as Record<string, unknown>)['unit'] = 'K')).toThrow(TypeError);
    const s = store.snapshotSync();
    (s.nodes as unknown[]).length = 0;
    expect(store.snapshotSync().nodes).toHaveLength(f.nodes.length);
  });

  it('keeps what it was given apart from what the caller holds afterwards', async () => {
    const f = plantFixture('copy');
    const store = MemoryGraphStore.fromSnapshot(f);
    const props: Record<string, number> = { responseTimeS: 5 };
    const id = f.edge('CONTROLS', 'burner', 'furnace_temp');
    await store.upsertEdges([{ id, kind: 'CONTROLS', from: f.id('burner'), to: f.id('furnace_temp'), props }]);
    props['responseTimeS'] = 500;
    expect((await store.edge(id))?.props).toEqual({ responseTimeS: 5 });
  });

  it('refuses edgesOf with a direction that is neither in nor out', async () => {
    const f = plantFixture('dir');
    await expectRefused(MemoryGraphStore.fromSnapshot(f).edgesOf(f.id('crack'), 'sideways' as never), 'INVALID', /direction/);
  });
});
