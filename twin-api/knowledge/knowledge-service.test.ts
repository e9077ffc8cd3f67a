import { describe, expect, it } from 'vitest';
import { MemoryGraphStore } from '../../knowledge/memory-graph-store.ts';
import type { GraphEdge, GraphSnapshot } from '../../knowledge/graph-model.ts';
import { KnowledgeService, seedChanges, type RemovedEdges } from './knowledge-service.ts';

const causes = (from: string, to: string, alpha: number, beta: number, mechanism = 'heat'): GraphEdge => ({
  id: `CAUSES:${from}->${to}`,
  kind: 'CAUSES',
  from,
  to,
  props: { mechanism, sign: 1, lagMinS: 0, lagMaxS: 600, alpha, beta, source: 'plant-table', threshold: null },
});
const seed: GraphSnapshot = {
  nodes: [
    { id: 'defect:crack', kind: 'DefectType', label: 'crack', props: { defect: 'crack' } },
    { id: 'variable:L.furnace_temp', kind: 'Variable', label: 'L furnace', props: { asset: 'L', name: 'furnace_temp' } },
    { id: 'variable:L.mold_temp', kind: 'Variable', label: 'L mold', props: { asset: 'L', name: 'mold_temp' } },
  ],
  edges: [causes('variable:L.furnace_temp', 'defect:crack', 8.5, 1.5), causes('variable:L.mold_temp', 'defect:crack', 6, 4)],
};
const FURNACE_EDGE = 'CAUSES:variable:L.furnace_temp->defect:crack';
const MOLD_EDGE = 'CAUSES:variable:L.mold_temp->defect:crack';
const memoryRemoved = (): RemovedEdges & { ids: readonly string[] } => {
  const r = { ids: [] as readonly string[], load: async () => r.ids, save: async (ids: readonly string[]) => void (r.ids = ids) };
  return r;
};

describe('the knowledge service', () => {
  it('seeds an empty store with the whole seed, and a second seeding changes nothing', async () => {
    const store = MemoryGraphStore.fromSnapshot({ nodes: [], edges: [] });
    const k = await KnowledgeService.open({ store, seed, kind: 'embedded' });
    expect(k.graph().snapshot).toEqual(seed);
    expect(seedChanges(await store.snapshot(), seed, new Set())).toEqual({ nodes: [], edges: [] });
  });

  it('keeps learnt Beta counts when seeding again, and takes the rest of the edge from the shipped knowledge', async () => {
    const store = MemoryGraphStore.fromSnapshot(seed);
    await store.updateConfidence(FURNACE_EDGE, 12, 1);
    const newer = { ...seed, edges: [causes('variable:L.furnace_temp', 'defect:crack', 8.5, 1.5, 'thermal shock'), seed.edges[1]!] };
    const k = await KnowledgeService.open({ store, seed: newer, kind: 'embedded' });
    expect(k.graph().snapshot.edges.find((e) => e.id === FURNACE_EDGE)!.props).toMatchObject({ alpha: 12, beta: 1, mechanism: 'thermal shock' });
  });

  it('rebuilds the read model after every write, and the advice follows it', async () => {
    const store = MemoryGraphStore.fromSnapshot({ nodes: [], edges: [] });
    const k = await KnowledgeService.open({ store, seed, kind: 'embedded' });
    const before = k.graph();
    await k.updateConfidence(MOLD_EDGE, 1, 9);
    expect(k.graph()).not.toBe(before);
    expect(k.graph().parents('defect:crack').find((e) => e.id === MOLD_EDGE)!.props).toMatchObject({ alpha: 1, beta: 9 });
    await k.removeEdge(MOLD_EDGE, 'engineer-user');
    expect(k.graph().parents('defect:crack').map((e) => e.id)).toEqual([FURNACE_EDGE]);
  });

  it('does not seed back an edge an engineer removed, until it is added again', async () => {
    const store = MemoryGraphStore.fromSnapshot({ nodes: [], edges: [] });
    const removed = memoryRemoved();
    const k = await KnowledgeService.open({ store, seed, kind: 'embedded', removed });
    expect(await k.removeEdge(MOLD_EDGE, 'engineer-user')).toBe(true);
    expect(removed.ids).toEqual([MOLD_EDGE]);
    const again = await KnowledgeService.open({ store, seed, kind: 'embedded', removed });
    expect(again.graph().snapshot.edges.map((e) => e.id)).toEqual([FURNACE_EDGE]);
    await again.addEdges([seed.edges[1]!], 'engineer-user');
    expect(removed.ids).toEqual([]);
  });

  it('keeps the read model when a write is refused', async () => {
    const k = await KnowledgeService.open({ store: MemoryGraphStore.fromSnapshot(seed), seed, kind: 'embedded' });
    await expect(k.updateConfidence('CAUSES:nope->defect:crack', 1, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(k.graph().snapshot).toEqual(seed);
  });
});
