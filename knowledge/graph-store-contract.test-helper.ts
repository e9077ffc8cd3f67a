/**
 * The behaviour every `GraphStore` adapter must show: the embedded store (memory, and persisted in
 * the history database) and Neo4j run this one suite. All tests of a suite share one database; each
 * seeds the plant graph under a namespace of its own (graph-store-fixture.test-helper.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeId, type GraphEdge, type GraphNode, type GraphSnapshot } from './graph-model.ts';
import { GraphStoreError, type GraphStore, type GraphStoreErrorCode, type IncidentOutcome } from './graph-store.ts';
import { causesProps, plantFixture, type PlantFixture } from './graph-store-fixture.test-helper.ts';

export interface OpenedGraphStore {
  readonly store: GraphStore;
  /** Closes the store and whatever was opened for it (its database). */
  close(): Promise<void>;
}

/**
 * Opens the store of one database; every call opens the same database again (a restart). `handover`
 * is the snapshot the previous store closed with: only a store without a database (memory) may use
 * it, the others must find everything in their database.
 */
export type OpenGraphStore = (handover: GraphSnapshot) => Promise<OpenedGraphStore>;

const EMPTY: GraphSnapshot = { nodes: [], edges: [] };

/** Fails unless `p` is refused with a GraphStoreError of `code` (and a message matching `message`). */
export async function expectRefused(p: Promise<unknown>, code: GraphStoreErrorCode, message?: RegExp): Promise<void> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err, 'the call was not refused').toBeInstanceOf(GraphStoreError);
  expect({ code: (err as GraphStoreError).code, message: (err as Error).message }).toMatchObject({ code, message: message ?? expect.any(String) });
}

const ids = (xs: readonly { readonly id: string }[]): string[] => xs.map((x) => x.id);
const sorted = (xs: readonly string[]): string[] => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const counts = (e: GraphEdge | null | undefined): [unknown, unknown] => [e?.props['alpha'], e?.props['beta']];

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
    const inNamespace = (f: PlantFixture, s: GraphSnapshot): GraphSnapshot => {
      const prefix = f.id('crack').slice('defect:'.length).split('/')[0]! + '/';
      const mine = (id: string): boolean => id.includes(`:${prefix}`);
      return { nodes: s.nodes.filter((n) => mine(n.id)), edges: s.edges.filter((e) => mine(e.from)) };
    };

    describe('upserts', () => {
      it('keeps nodes and edges exactly as they were put, and seeding twice changes nothing', async () => {
        const f = await seeded();
        const once = await store.snapshot();
        expect(inNamespace(f, once)).toEqual({ nodes: [...f.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)), edges: [...f.edges].sort((a, b) => (a.id < b.id ? -1 : 1)) });
        await store.upsertNodes(f.nodes);
        await store.upsertEdges(f.edges);
        expect(await store.snapshot()).toEqual(once);
        expect(await store.node(f.id('TT1'))).toEqual(f.nodes.find((n) => n.id === f.id('TT1')));
        expect(await store.edge(f.edge('CAUSES', 'furnace_temp', 'bubble'))).toEqual(f.edges.find((e) => e.id === f.edge('CAUSES', 'furnace_temp', 'bubble')));
        expect(await store.node('variable:nowhere')).toBeNull();
        expect(await store.edge('CAUSES:variable:nowhere->defect:nowhere')).toBeNull();
      });

      it('replaces a node\'s label and props and an edge\'s props as a whole (the last of one id in a batch wins)', async () => {
        const f = await seeded();
        const sensor: GraphNode = { id: f.id('TT1'), kind: 'Sensor', label: 'TT1 (replaced)', props: { unit: 'K' } };
        await store.upsertNodes([{ ...sensor, label: 'first' }, sensor]);
        expect(await store.node(sensor.id)).toEqual(sensor);
        const id = f.edge('CONTROLS', 'burner', 'furnace_temp');
        await store.upsertEdges([{ id, kind: 'CONTROLS', from: f.id('burner'), to: f.id('furnace_temp'), props: { responseTimeS: 30, note: 'retuned' } }]);
        expect((await store.edge(id))?.props).toEqual({ responseTimeS: 30, note: 'retuned' });
      });

      it('keeps text, numbers, booleans and null props as they are, whatever the characters', async () => {
        const f = await seeded();
        const odd: GraphNode = {
          id: `${f.id('bubble')}'"\\ ü 😀`, kind: 'DefectType', label: 'O\'Brien "quoted" \\ back\tslash\nnew line 😀',
          props: { small: 5e-324, big: 1.7976931348623157e308, third: 1 / 3, whole: 42, negative: -7.5, yes: true, no: false, none: null, empty: '', 'key with spaces': 'x' },
        };
        await store.upsertNodes([odd]);
        expect(await store.node(odd.id)).toEqual(odd);
      });

      it('refuses nodes of no known kind, a node changing its kind, and props or text no store can keep; a refused batch changes nothing', async () => {
        const f = await seeded();
        const before = await store.snapshot();
        const ok: GraphNode = { id: f.id('crack') + '-2', kind: 'DefectType', label: 'crack 2', props: {} };
        await expectRefused(store.upsertNodes([ok, { id: 'x:1', kind: 'Widget' as never, label: 'x', props: {} }]), 'INVALID', /kind "Widget"/);
        await expectRefused(store.upsertNodes([{ ...ok, id: f.id('crack'), kind: 'Variable' }]), 'INVALID', /cannot become Variable/);
        await expectRefused(store.upsertNodes([{ ...ok, props: { nested: { a: 1 } as never } }]), 'INVALID', /nested/);
        await expectRefused(store.upsertNodes([{ ...ok, props: { v: Number.NaN } }]), 'INVALID', /finite/);
        await expectRefused(store.upsertNodes([{ ...ok, label: 'nul \u0000 inside' }]), 'INVALID', /control character/);
        await expectRefused(store.upsertNodes([{ ...ok, id: '' }]), 'INVALID', /empty/);
        expect(await store.snapshot()).toEqual(before);
      });

      it('refuses edges of no known kind, with a wrong id, a missing end or ends of kinds their kind does not join, naming the edge', async () => {
        const f = await seeded();
        const before = await store.snapshot();
        const good: GraphEdge = { id: f.edge('CAUSES', 'tension', 'bubble'), kind: 'CAUSES', from: f.id('tension'), to: f.id('bubble'), props: causesProps(1, 1) };
        const refuse = (e: GraphEdge, message: RegExp) => expectRefused(store.upsertEdges([good, e]), 'INVALID', message);
        await refuse({ ...good, kind: 'LIKES' as never, id: `LIKES:${good.from}->${good.to}` }, /kind "LIKES"/);
        await refuse({ ...good, id: 'CAUSES:elsewhere' }, /edge id "CAUSES:elsewhere" is not CAUSES:/);
        const ghost = 'variable:nowhere';
        await refuse({ ...good, id: edgeId('CAUSES', ghost, good.to), from: ghost }, new RegExp(`no node "${ghost}"`));
        const measures = edgeId('MEASURES', f.id('tension'), f.id('viscosity'));
        await refuse({ id: measures, kind: 'MEASURES', from: f.id('tension'), to: f.id('viscosity'), props: {} }, new RegExp(`edge ${escape(measures)}: MEASURES does not start at a Variable`));
        const mitigates = edgeId('MITIGATES', f.id('lower_temp'), f.id('tension'));
        await refuse({ id: mitigates, kind: 'MITIGATES', from: f.id('lower_temp'), to: f.id('tension'), props: {} }, /MITIGATES does not end at a Variable/);
        await refuse({ ...good, props: { alpha: 1 } }, /beta must be a finite number above 0/);
        expect(await store.snapshot()).toEqual(before);
      });
    });

    describe('reads', () => {
      it('lists the edges into or out of a node, of some kinds, sorted by id; an unknown node is not found', async () => {
        const f = await seeded();
        expect(ids(await store.edgesOf(f.id('furnace_temp'), 'in'))).toEqual(
          sorted([f.edge('CAUSES', 'burner_fouling', 'furnace_temp'), f.edge('MEASURES', 'TT1', 'furnace_temp'), f.edge('CONTROLS', 'burner', 'furnace_temp')]),
        );
        expect(ids(await store.edgesOf(f.id('furnace_temp'), 'in', ['CAUSES', 'CONTROLS']))).toEqual(
          sorted([f.edge('CAUSES', 'burner_fouling', 'furnace_temp'), f.edge('CONTROLS', 'burner', 'furnace_temp')]),
        );
        expect(ids(await store.edgesOf(f.id('furnace_temp'), 'out'))).toEqual(sorted([f.edge('CAUSES', 'furnace_temp', 'viscosity'), f.edge('CAUSES', 'furnace_temp', 'bubble')]));
        expect(await store.edgesOf(f.id('crack'), 'out')).toEqual([]);
        await expectRefused(store.edgesOf('variable:nowhere', 'in'), 'NOT_FOUND');
        await expectRefused(store.edgesOf(f.id('crack'), 'in', ['LIKES' as never]), 'INVALID');
      });

      it('gives the whole graph sorted by id, whatever order it was written in', async () => {
        await seeded();
        const s = await store.snapshot();
        expect(ids(s.nodes)).toEqual(sorted(ids(s.nodes)));
        expect(ids(s.edges)).toEqual(sorted(ids(s.edges)));
        expect(new Set(ids(s.nodes)).size).toBe(s.nodes.length);
      });
    });

    describe('ancestors', () => {
      it('finds the causes nearest first, each by its shortest path in causal order; the start is not one', async () => {
        const f = await seeded();
        const found = await store.ancestors(f.id('bubble'), { maxHops: 5 });
        expect(found.map((a) => ({ id: a.node.id, hops: a.hops, path: a.path }))).toEqual([
          { id: f.id('furnace_temp'), hops: 1, path: [f.edge('CAUSES', 'furnace_temp', 'bubble')] },
          { id: f.id('viscosity'), hops: 1, path: [f.edge('CAUSES', 'viscosity', 'bubble')] },
          { id: f.id('burner_fouling'), hops: 2, path: [f.edge('CAUSES', 'burner_fouling', 'furnace_temp'), f.edge('CAUSES', 'furnace_temp', 'bubble')] },
        ]);
        expect(found[0]!.node).toEqual(f.nodes.find((n) => n.id === f.id('furnace_temp')));
      });

      it('breaks a tie between shortest paths by edge id, not by the order the edges were written in', async () => {
        const f = await seeded();
        const found = await store.ancestors(f.id('crack'), { maxHops: 2 });
        expect(found.find((a) => a.node.id === f.id('belt_speed'))).toMatchObject({
          hops: 2, path: [f.edge('CAUSES', 'belt_speed', 'cooling_rate'), f.edge('CAUSES', 'cooling_rate', 'crack')],
        });
      });

      it('stops at maxHops, walks only the kinds it is given (CAUSES by default) and goes round a cycle once', async () => {
        const f = await seeded();
        expect((await store.ancestors(f.id('bubble'), { maxHops: 1 })).map((a) => a.node.id)).toEqual([f.id('furnace_temp'), f.id('viscosity')]);
        expect(await store.ancestors(f.id('bubble'), { maxHops: 0 })).toEqual([]);
        const wider = await store.ancestors(f.id('bubble'), { maxHops: 2, via: ['CAUSES', 'CONTROLS', 'MEASURES'] });
        expect(wider.map((a) => [a.node.id, a.hops])).toEqual(
          [[f.id('furnace_temp'), 1], [f.id('viscosity'), 1], ...sorted([f.id('burner'), f.id('burner_fouling'), f.id('TT1')]).map((id) => [id, 2])],
        );
        expect(wider.find((a) => a.node.id === f.id('TT1'))?.path).toEqual([f.edge('MEASURES', 'TT1', 'furnace_temp'), f.edge('CAUSES', 'furnace_temp', 'bubble')]);
        expect(await store.ancestors(f.id('bubble'), { maxHops: 3, via: ['MITIGATES'] })).toMatchObject([{ node: { id: f.id('lower_temp') }, hops: 1 }]);
        // viscosity feeds back on furnace temperature (a loop the walk must not follow twice).
        await store.upsertEdges([{ id: f.edge('CAUSES', 'viscosity', 'furnace_temp'), kind: 'CAUSES', from: f.id('viscosity'), to: f.id('furnace_temp'), props: causesProps(1, 9) }]);
        const looped = await store.ancestors(f.id('viscosity'), { maxHops: 10 });
        expect(looped.map((a) => [a.node.id, a.hops])).toEqual([[f.id('furnace_temp'), 1], [f.id('burner_fouling'), 2]]);
      });

      it('refuses an unknown start, a maxHops that is not a whole number from 0 and kinds that are not edge kinds', async () => {
        const f = await seeded();
        await expectRefused(store.ancestors('defect:nowhere', { maxHops: 2 }), 'NOT_FOUND');
        await expectRefused(store.ancestors(f.id('crack'), { maxHops: -1 }), 'INVALID', /maxHops/);
        await expectRefused(store.ancestors(f.id('crack'), { maxHops: 1.5 }), 'INVALID', /maxHops/);
        await expectRefused(store.ancestors(f.id('crack'), { maxHops: 2, via: ['CAUSES]->() DETACH DELETE n //' as never] }), 'INVALID', /via/);
      });
    });

    describe('subgraph', () => {
      it('gives the nodes within maxDepth of the roots either way along the edges, and the edges among them, sorted', async () => {
        const f = await seeded();
        const one = await store.subgraph({ roots: [f.id('crack')], maxDepth: 1 });
        expect(ids(one.nodes)).toEqual(sorted([f.id('crack'), f.id('cooling_rate'), f.id('tension')]));
        expect(ids(one.edges)).toEqual(sorted([f.edge('CAUSES', 'cooling_rate', 'crack'), f.edge('CAUSES', 'tension', 'crack')]));
        const two = await store.subgraph({ roots: [f.id('crack')], maxDepth: 2 });
        expect(ids(two.nodes)).toEqual(sorted([f.id('crack'), f.id('cooling_rate'), f.id('tension'), f.id('belt_speed')]));
        // belt_speed's NO_IMPACT edge leads out of the reached nodes: it is not among them.
        expect(ids(two.edges)).toEqual(sorted([
          f.edge('CAUSES', 'cooling_rate', 'crack'), f.edge('CAUSES', 'tension', 'crack'), f.edge('CAUSES', 'belt_speed', 'cooling_rate'), f.edge('CAUSES', 'belt_speed', 'tension'),
        ]));
        expect(await store.subgraph({ roots: [f.id('crack')], maxDepth: 0 })).toEqual({ nodes: [f.nodes.find((n) => n.id === f.id('crack'))], edges: [] });
      });

      it('starts from several roots and keeps only the node kinds asked for', async () => {
        const f = await seeded();
        const s = await store.subgraph({ roots: [f.id('TT1'), f.id('lower_temp')], maxDepth: 2, kinds: ['Variable', 'DefectType'] });
        expect(ids(s.nodes)).toEqual(sorted([f.id('furnace_temp'), f.id('viscosity'), f.id('bubble'), f.id('belt_speed')]));
        expect(ids(s.edges)).toEqual(sorted([f.edge('CAUSES', 'furnace_temp', 'viscosity'), f.edge('CAUSES', 'furnace_temp', 'bubble'), f.edge('CAUSES', 'viscosity', 'bubble'), f.edge('NO_IMPACT', 'belt_speed', 'bubble')]));
      });

      it('refuses an unknown root, a bad maxDepth and kinds that are not node kinds', async () => {
        const f = await seeded();
        await expectRefused(store.subgraph({ roots: [f.id('crack'), 'defect:nowhere'], maxDepth: 1 }), 'NOT_FOUND');
        await expectRefused(store.subgraph({ roots: [f.id('crack')], maxDepth: -1 }), 'INVALID');
        await expectRefused(store.subgraph({ roots: [f.id('crack')], maxDepth: 1, kinds: ['Widget' as never] }), 'INVALID');
      });
    });

    describe('recordOutcome', () => {
      let incidents = 0;
      const outcome = (f: PlantFixture, over: Partial<IncidentOutcome> = {}): IncidentOutcome => ({
        incidentId: `ALT-${++incidents}-${f.id('crack')}`,
        incidentLabel: 'bubbles on Line_A',
        symptom: f.id('bubble'),
        cause: f.id('burner_fouling'),
        verdict: 'confirmed',
        path: [f.edge('CAUSES', 'burner_fouling', 'furnace_temp'), f.edge('CAUSES', 'furnace_temp', 'bubble')],
        by: 'olga',
        at: '2026-01-05T08:30:00.000Z',
        deviations: [
          { variable: f.id('furnace_temp'), sigma: 3.2, onset: '2026-01-05T07:50:00.000Z' },
          { variable: f.id('viscosity'), sigma: -2.5, onset: '2026-01-05T08:05:00.000Z' },
        ],
        ...over,
      });

      it('keeps the incident with its deviations and verdict, and adds 1 to α of every edge on a confirmed path', async () => {
        const f = await seeded();
        const o = outcome(f);
        const { updated } = await store.recordOutcome(o);
        expect(updated.map((e) => [e.id, ...counts(e)])).toEqual([[o.path[0], 5, 6], [o.path[1], 8, 3]]);
        expect(await store.edge(o.path[0]!)).toEqual(updated[0]);
        expect(await store.edge(f.edge('CAUSES', 'furnace_temp', 'viscosity'))).toMatchObject({ props: { alpha: 9, beta: 1 } });
        const incident = `incident:${o.incidentId}`;
        expect(await store.node(incident)).toEqual({ id: incident, kind: 'Incident', label: 'bubbles on Line_A', props: {} });
        const deviation = `deviation:${o.incidentId}:${f.id('viscosity')}`;
        expect(await store.node(deviation)).toMatchObject({ kind: 'Deviation', props: { sigma: -2.5, onset: '2026-01-05T08:05:00.000Z', variable: f.id('viscosity') } });
        expect(ids(await store.edgesOf(incident, 'out'))).toEqual(sorted([
          edgeId('CONFIRMED_CAUSE', incident, o.cause), edgeId('HAS_DEVIATION', incident, deviation), edgeId('HAS_DEVIATION', incident, `deviation:${o.incidentId}:${f.id('furnace_temp')}`),
        ]));
        expect((await store.edge(edgeId('CONFIRMED_CAUSE', incident, o.cause)))?.props).toMatchObject({ by: 'olga', at: o.at, symptom: o.symptom });
      });

      it('adds 1 to β of the first edge only when the cause is rejected', async () => {
        const f = await seeded();
        const o = outcome(f, { verdict: 'rejected' });
        const { updated } = await store.recordOutcome(o);
        expect(updated.map((e) => [e.id, ...counts(e)])).toEqual([[o.path[0], 4, 7], [o.path[1], 7, 3]]);
        expect(await store.edge(edgeId('REJECTED_CAUSE', `incident:${o.incidentId}`, o.cause))).not.toBeNull();
      });

      it('counts the same verdict on the same incident once, however often it is recorded', async () => {
        const f = await seeded();
        const o = outcome(f);
        const first = await store.recordOutcome(o);
        const before = await store.snapshot();
        const again = await store.recordOutcome({ ...o, at: '2026-01-05T09:00:00.000Z', by: 'someone else' });
        expect(again.updated).toEqual(first.updated);
        expect(await store.snapshot()).toEqual(before);
      });

      it('takes back what a changed verdict had counted, on the path that verdict counted', async () => {
        const f = await seeded();
        const o = outcome(f);
        await store.recordOutcome(o);
        const longer = [f.edge('CAUSES', 'burner_fouling', 'furnace_temp'), f.edge('CAUSES', 'furnace_temp', 'viscosity'), f.edge('CAUSES', 'viscosity', 'bubble')];
        const rejected = await store.recordOutcome({ ...o, verdict: 'rejected', path: longer });
        expect(rejected.updated.map((e) => [e.id, ...counts(e)])).toEqual([
          [longer[0], 4, 7], [longer[1], 9, 1], [longer[2], 6, 4], [f.edge('CAUSES', 'furnace_temp', 'bubble'), 7, 3],
        ]);
        const incident = `incident:${o.incidentId}`;
        expect(await store.edge(edgeId('CONFIRMED_CAUSE', incident, o.cause))).toBeNull();
        expect(await store.edge(edgeId('REJECTED_CAUSE', incident, o.cause))).not.toBeNull();
        const confirmed = await store.recordOutcome(o);
        expect(confirmed.updated.map((e) => [e.id, ...counts(e)])).toEqual([[o.path[0], 5, 6], [o.path[1], 8, 3]]);
        expect(ids(await store.edgesOf(incident, 'out', ['CONFIRMED_CAUSE', 'REJECTED_CAUSE']))).toEqual([edgeId('CONFIRMED_CAUSE', incident, o.cause)]);
      });

      it('never takes a count to 0 or below when it takes back a verdict an engineer has since outweighed', async () => {
        const f = await seeded();
        const o = outcome(f);
        await store.recordOutcome(o);
        await store.updateConfidence(o.path[0]!, 0.5, 6);
        const { updated } = await store.recordOutcome({ ...o, verdict: 'rejected' });
        expect(counts(updated[0])).toEqual([0.5, 7]);
      });

      it('refuses a path that is not a chain of CAUSES edges from the cause to the symptom, and changes nothing', async () => {
        const f = await seeded();
        const before = await store.snapshot();
        const o = outcome(f);
        await expectRefused(store.recordOutcome({ ...o, path: [...o.path].reverse() }), 'INVALID', /not a chain/);
        await expectRefused(store.recordOutcome({ ...o, path: [o.path[0]!] }), 'INVALID', /ends at/);
        await expectRefused(store.recordOutcome({ ...o, path: [o.path[1]!] }), 'INVALID', /starts at/);
        await expectRefused(store.recordOutcome({ ...o, path: [] }), 'INVALID');
        await expectRefused(store.recordOutcome({ ...o, path: [f.edge('CAUSES', 'burner_fouling', 'furnace_temp'), f.edge('CAUSES', 'viscosity', 'bubble')] }), 'INVALID', /not followed/);
        await expectRefused(store.recordOutcome({ ...o, cause: f.id('burner'), path: [f.edge('CONTROLS', 'burner', 'furnace_temp'), o.path[1]!] }), 'INVALID', /not CAUSES/);
        await expectRefused(store.recordOutcome({ ...o, verdict: 'maybe' as never }), 'INVALID');
        expect(await store.snapshot()).toEqual(before);
      });

      it('refuses an unknown symptom, cause or path edge as not found', async () => {
        const f = await seeded();
        const o = outcome(f);
        await expectRefused(store.recordOutcome({ ...o, symptom: 'defect:nowhere' }), 'NOT_FOUND', /defect:nowhere/);
        await expectRefused(store.recordOutcome({ ...o, cause: 'variable:nowhere' }), 'NOT_FOUND', /variable:nowhere/);
        await expectRefused(store.recordOutcome({ ...o, path: [o.path[0]!, 'CAUSES:variable:nowhere->defect:nowhere'] }), 'NOT_FOUND', /nowhere/);
      });
    });

    describe('engineer edits', () => {
      it('sets a CAUSES edge\'s Beta counts and returns the edge', async () => {
        const f = await seeded();
        const id = f.edge('CAUSES', 'tension', 'crack');
        const edge = await store.updateConfidence(id, 2.5, 0.5);
        expect(counts(edge)).toEqual([2.5, 0.5]);
        expect(await store.edge(id)).toEqual(edge);
        expect(edge.props).toMatchObject({ mechanism: 'stress', threshold: null });
      });

      it('refuses counts that are not finite numbers above 0, edges that are not CAUSES, and unknown edges', async () => {
        const f = await seeded();
        const id = f.edge('CAUSES', 'tension', 'crack');
        for (const [a, b] of [[0, 1], [1, -2], [Number.NaN, 1], [1, Number.POSITIVE_INFINITY]] as const) {
          await expectRefused(store.updateConfidence(id, a, b), 'INVALID', /alpha|beta/);
        }
        await expectRefused(store.updateConfidence(f.edge('CONTROLS', 'burner', 'furnace_temp'), 1, 1), 'INVALID', /only CAUSES/);
        await expectRefused(store.updateConfidence('CAUSES:variable:nowhere->defect:nowhere', 1, 1), 'NOT_FOUND');
        expect(counts(await store.edge(id))).toEqual([7, 3]);
      });

      it('removes an edge, and says false when there was none', async () => {
        const f = await seeded();
        const id = f.edge('CAUSES', 'tension', 'crack');
        expect(await store.removeEdge(id)).toBe(true);
        expect(await store.edge(id)).toBeNull();
        expect(ids(await store.edgesOf(f.id('crack'), 'in'))).toEqual([f.edge('CAUSES', 'cooling_rate', 'crack')]);
        expect(await store.removeEdge(id)).toBe(false);
        expect(await store.removeEdge('LIKES:a->b')).toBe(false);
      });
    });

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

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
