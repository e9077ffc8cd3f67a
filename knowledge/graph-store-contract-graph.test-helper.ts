/** The GraphStore contract's part on the graph itself: upserts and their refusals, reads, ancestors, subgraphs. */
import { beforeEach, expect, it, describe } from 'vitest';
import { edgeId, type GraphEdge, type GraphNode } from './graph-model.ts';
import type { GraphStore } from './graph-store.ts';
import { escapeRegExp as escape, expectRefused, ids, inNamespace, sorted, type ContractContext } from './graph-store-contract-support.test-helper.ts';
import { causesProps } from './graph-store-fixture.test-helper.ts';

export function describeGraphContract(c: ContractContext): void {
  let store: GraphStore;
  beforeEach(() => {
    store = c.store();
  });
  const seeded = c.seeded;

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
}
