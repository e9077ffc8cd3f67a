/** The GraphStore contract's part on what people change: incident outcomes and engineers' edits. */
import { beforeEach, describe, expect, it } from 'vitest';
import { edgeId } from './graph-model.ts';
import type { GraphStore } from './graph-store.ts';
import { counts, expectRefused, ids, outcome, sorted, type ContractContext } from './graph-store-contract-support.test-helper.ts';

export function describeEditContract(c: ContractContext): void {
  let store: GraphStore;
  beforeEach(() => {
    store = c.store();
  });
  const seeded = c.seeded;

  describe('recordOutcome', () => {
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

    it('records a sensor alert\'s outcome on the path to the variable the sensor measures, and refuses a sensor or equipment as the symptom', async () => {
      const f = await seeded();
      // An alert on a viscosity reading, put down to the furnace temperature upstream of it.
      const o = outcome(f, { symptom: f.id('viscosity'), cause: f.id('furnace_temp'), path: [f.edge('CAUSES', 'furnace_temp', 'viscosity')], deviations: [] });
      const { updated } = await store.recordOutcome(o);
      expect(updated.map((e) => [e.id, ...counts(e)])).toEqual([[o.path[0], 10, 1]]);
      expect((await store.edge(edgeId('CONFIRMED_CAUSE', `incident:${o.incidentId}`, o.cause)))?.props).toMatchObject({ symptom: f.id('viscosity') });
      const rejected = await store.recordOutcome({ ...o, incidentId: `${o.incidentId}-2`, verdict: 'rejected' });
      expect(rejected.updated.map((e) => [e.id, ...counts(e)])).toEqual([[o.path[0], 10, 2]]);
      const before = await store.snapshot();
      await expectRefused(store.recordOutcome({ ...o, incidentId: 'ALT-x', symptom: f.id('TT1'), path: [f.edge('MEASURES', 'TT1', 'furnace_temp')] }), 'INVALID', /is a Sensor, not a DefectType, FailureMode or Variable/);
      await expectRefused(store.recordOutcome({ ...o, incidentId: 'ALT-y', symptom: f.id('burner') }), 'INVALID', /is a Equipment, not/);
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
}
