/**
 * The behaviour every `GraphStore` adapter must show: the embedded store (memory, and persisted in
 * the history database) and Neo4j run this one suite. All tests of a suite share one database; each
 * seeds the plant graph under a namespace of its own (graph-store-fixture.test-helper.ts). Its parts:
 * the graph (graph-store-contract-graph), what people change (graph-store-contract-edits), and here
 * durability, which closes the store and so comes last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphSnapshot } from './graph-model.ts';
import type { GraphStore, IncidentOutcome } from './graph-store.ts';
import { describeEditContract } from './graph-store-contract-edits.test-helper.ts';
import { describeGraphContract } from './graph-store-contract-graph.test-helper.ts';
import { expectRefused, type OpenedGraphStore, type OpenGraphStore } from './graph-store-contract-support.test-helper.ts';
import { plantFixture, type PlantFixture } from './graph-store-fixture.test-helper.ts';

export { expectRefused, type OpenedGraphStore, type OpenGraphStore } from './graph-store-contract-support.test-helper.ts';

const EMPTY: GraphSnapshot = { nodes: [], edges: [] };

export function describeGraphStoreContract(label: string, open: OpenGraphStore): void {
  describe(`GraphStore contract: ${label}`, () => {
    let opened: OpenedGraphStore | undefined;
    let store: GraphStore;
    // Opening a store may create a database (PGlite runs initdb): seconds on a busy machine.
    beforeAll(async () => {
      opened = await open(EMPTY);
      store = opened.store;
    }, 60_000);
    afterAll(async () => {
      await opened?.close();
    });

    let namespaces = 0;
    const seeded = async (): Promise<PlantFixture> => {
      const f = plantFixture(`t${++namespaces}`);
      await store.upsertNodes(f.nodes);
      await store.upsertEdges(f.edges);
      return f;
    };
    const context = { store: () => store, seeded };
    describeGraphContract(context);
    describeEditContract(context);

    describe('durability', () => {
      it('shows the same graph after a close and a reopen, and refuses every call once closed', async () => {
        const f = await seeded();
        await store.recordOutcome(outcome0(f));
        const before = await store.snapshot();
        const closed = store;
        await opened!.close();
        opened = undefined;
        await expectRefused(closed.snapshot(), 'UNAVAILABLE');
        await expectRefused(closed.upsertNodes(f.nodes), 'UNAVAILABLE');
        opened = await open(before);
        store = opened.store;
        expect(await store.snapshot()).toEqual(before);
        // And it goes on writing.
        expect(await store.removeEdge(f.edge('NO_IMPACT', 'belt_speed', 'bubble'))).toBe(true);
      });
    });
  });
}

/** An outcome of its own for the durability test. */
function outcome0(f: PlantFixture): IncidentOutcome {
  return {
    incidentId: `ALT-durable-${f.id('crack')}`, incidentLabel: 'cracks', symptom: f.id('crack'), cause: f.id('belt_speed'), verdict: 'confirmed',
    path: [f.edge('CAUSES', 'belt_speed', 'tension'), f.edge('CAUSES', 'tension', 'crack')], by: 'ivan', at: '2026-01-05T10:00:00.000Z',
    deviations: [{ variable: f.id('tension'), sigma: 4, onset: '2026-01-05T09:40:00.000Z' }],
  };
}
