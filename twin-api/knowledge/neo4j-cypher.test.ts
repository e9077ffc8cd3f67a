/**
 * The Cypher the Neo4j store sends, without a server: the statement builders, and the store itself
 * over a stand-in that records every statement and carries out the store's own (neo4j-stand-in):
 * the whole contract runs on it, so the store's logic is checked even where no Neo4j runs.
 */
import { describe, expect, it } from 'vitest';
import { plantFixture } from '../../knowledge/graph-store-fixture.test-helper.ts';
import { EDGE_KINDS, NODE_KINDS, type GraphEdge, type GraphNode, type GraphSnapshot } from '../../knowledge/graph-model.ts';
import { edgeProperties, nodeProperties } from '../../knowledge/neo4j-layout.ts';
import { MemoryGraphStore } from '../../knowledge/memory-graph-store.ts';
import * as Q from './neo4j-cypher.ts';
import { Neo4jGraphStore } from './neo4j-graph-store.ts';
import { standInNeo4j } from './neo4j-stand-in.test-helper.ts';
import { describeGraphStoreContract, expectRefused } from '../../knowledge/graph-store-contract.test-helper.ts';

const NASTY = `x'}) DETACH DELETE n WITH 1 AS y MATCH (m) SET m.pwned = "\\" //`;
const ALLOWED_NAMES = new Set<string>([...NODE_KINDS, ...EDGE_KINDS, 'KgNode']);

/** Fails unless the text names only labels and types of ours and carries none of the input's text. */
function expectOnlyOurWords(text: string): void {
  expect(text).not.toContain('DETACH');
  expect(text).not.toContain('pwned');
  for (const m of text.matchAll(/[(\[]\w*:(\w+)|SET \w+:(\w+)/g)) expect(ALLOWED_NAMES, text).toContain(m[1] ?? m[2]);
}

function nastyGraph(): GraphSnapshot {
  const f = plantFixture('cypher');
  const odd: GraphNode = { id: `variable:${NASTY}`, kind: 'Variable', label: NASTY, props: { [NASTY]: NASTY } };
  const edge: GraphEdge = { id: `CAUSES:${odd.id}->${f.id('crack')}`, kind: 'CAUSES', from: odd.id, to: f.id('crack'), props: { alpha: 1, beta: 1, why: NASTY } };
  return MemoryGraphStore.fromSnapshot({ nodes: [...f.nodes, odd], edges: [...f.edges, edge] }).snapshotSync();
}

describe('the Neo4j store\'s statements', () => {
  const s = nastyGraph();
  const all: Q.Cypher[] = [
    ...Q.putNodes(s.nodes), ...Q.putEdges(s.edges), ...Q.deleteEdges(s.edges.map((e) => e.id)), Q.nodesById(s.nodes.map((n) => n.id)),
    ...Q.edgesById(s.edges.map((e) => e.id)), Q.edgesAt(['a'], 'in', null), Q.edgesAt(['a'], 'out', ['CAUSES']), Q.edgesAt(['a'], 'both', null),
    Q.edgesAmong(['a', 'b']), Q.ALL_NODES, Q.ALL_EDGES, ...Q.lockEdges(s.edges.map((e) => e.id)),
    Q.mergeIncident({ id: `incident:${NASTY}`, kind: 'Incident', label: NASTY, props: {} }),
  ];

  it('carry every value as a parameter and name only labels and types of the kind lists', () => {
    for (const c of all) expectOnlyOurWords(c.text);
    expect(JSON.stringify(all.map((c) => c.params))).toContain('DETACH DELETE');
  });

  it('write nodes one statement per kind, each row with the properties the layout gives', () => {
    const puts = Q.putNodes(s.nodes);
    expect(puts.map((c) => /SET n:(\w+)/.exec(c.text)![1]).sort()).toEqual([...new Set(s.nodes.map((n) => n.kind))].sort());
    const variables = puts.find((c) => c.text.includes('SET n:Variable'))!;
    const odd = s.nodes.find((n) => n.label === NASTY)!;
    expect(variables.params['rows']).toContainEqual({ id: odd.id, properties: nodeProperties(odd) });
    expect(Q.putEdges(s.edges).find((c) => c.text.includes('[r:MEASURES'))!.params['rows']).toEqual(
      s.edges.filter((e) => e.kind === 'MEASURES').map((e) => ({ id: e.id, from: e.from, to: e.to, properties: edgeProperties(e) })),
    );
  });

  it('refuse a kind outside the lists rather than put it into the text', () => {
    expect(() => Q.putNodes([{ id: 'x', kind: 'Variable:Admin' as never, label: 'x', props: {} }])).toThrow(/not a node kind/);
    expect(() => Q.putEdges([{ id: 'x', kind: 'KNOWS' as never, from: 'a', to: 'b', props: {} }])).toThrow(/not an edge kind/);
  });

  it('look an edge up by its id in its type\'s index; an id that names no kind names no edge', () => {
    expect(Q.edgesById(['CAUSES:a->b', 'MEASURES:s->v', 'CAUSES:c->d', 'KNOWS:a->b', 'nonsense'])).toEqual([
      { text: expect.stringContaining('[r:CAUSES {id: id}]'), params: { ids: ['CAUSES:a->b', 'CAUSES:c->d'] } },
      { text: expect.stringContaining('[r:MEASURES {id: id}]'), params: { ids: ['MEASURES:s->v'] } },
    ]);
    expect(Q.deleteEdges(['KNOWS:a->b'])).toEqual([]);
  });

  it('walk only the kinds asked for, all of ours when none are', () => {
    expect(Q.edgesAt(['a'], 'in', null).params).toEqual({ ids: ['a'], kinds: EDGE_KINDS });
    expect(Q.edgesAt(['a'], 'in', ['CAUSES', 'MEASURES']).params).toEqual({ ids: ['a'], kinds: ['CAUSES', 'MEASURES'] });
  });
});

/** The stand-in over a graph, the way the old tests used it: one driver, its statements, whether it was closed. */
function standInDriver(graph: GraphSnapshot, failure: () => Error | null = () => null) {
  const server = standInNeo4j(graph, failure);
  return { driver: server.connect(), sent: server.sent, closed: server.allClosed };
}

const config = { uri: 'neo4j://stand-in', user: 'neo4j', password: 'pw' };

describe('Neo4jGraphStore over a stand-in driver', () => {
  it('creates its schema on open, one statement each, before anything else', async () => {
    const d = standInDriver({ nodes: [], edges: [] });
    await Neo4jGraphStore.open(config, () => d.driver);
    expect(d.sent.map((x) => x.text)).toEqual([
      'CREATE CONSTRAINT kg_node_id IF NOT EXISTS FOR (n:KgNode) REQUIRE n.id IS UNIQUE',
      ...EDGE_KINDS.map((k) => `CREATE INDEX kg_edge_id_${k.toLowerCase()} IF NOT EXISTS FOR ()-[r:${k}]-() ON (r.id)`),
    ]);
  });

  it('sends the input only as parameters, whatever a write or a read is given', async () => {
    const s = nastyGraph();
    const d = standInDriver(s);
    const store = await Neo4jGraphStore.open(config, () => d.driver);
    const f = plantFixture('cypher');
    const odd = s.nodes.find((n) => n.label === NASTY)!;
    await store.upsertNodes(s.nodes);
    await store.upsertEdges(s.edges);
    await store.node(odd.id);
    await store.edgesOf(odd.id, 'out');
    await store.ancestors(f.id('crack'), { maxHops: 3 });
    await store.subgraph({ roots: [odd.id], maxDepth: 2 });
    await store.recordOutcome({
      incidentId: NASTY, incidentLabel: NASTY, symptom: f.id('crack'), cause: odd.id, verdict: 'confirmed', path: [`CAUSES:${odd.id}->${f.id('crack')}`],
      by: NASTY, at: '2026-01-05T08:00:00.000Z', deviations: [{ variable: NASTY, sigma: 2, onset: '2026-01-05T07:00:00.000Z' }],
    });
    await store.updateConfidence(`CAUSES:${odd.id}->${f.id('crack')}`, 2, 2);
    await store.removeEdge(`CAUSES:${odd.id}->${f.id('crack')}`);
    for (const x of d.sent) expectOnlyOurWords(x.text);
    expect(d.sent.length).toBeGreaterThan(20);
  });

  it('answers reads from what Neo4j returns, sorted by id', async () => {
    const s = nastyGraph();
    const reversed = { nodes: [...s.nodes].reverse(), edges: [...s.edges].reverse() };
    const store = await Neo4jGraphStore.open(config, () => standInDriver(reversed).driver);
    expect(await store.snapshot()).toEqual(s);
    expect((await store.ancestors(plantFixture('cypher').id('crack'), { maxHops: 1 })).map((a) => a.node.label)).toContain(NASTY);
  });

  it('locks the incident and the path before it reads what it counts from', async () => {
    const f = plantFixture('locks');
    const d = standInDriver(MemoryGraphStore.fromSnapshot(f).snapshotSync());
    const store = await Neo4jGraphStore.open(config, () => d.driver);
    d.sent.length = 0;
    const path = [f.edge('CAUSES', 'tension', 'crack')];
    await store.recordOutcome({
      incidentId: 'ALT-1', incidentLabel: 'cracks', symptom: f.id('crack'), cause: f.id('tension'), verdict: 'confirmed', path, by: 'olga', at: '2026-01-05T08:00:00.000Z', deviations: [],
    });
    const order = d.sent.map((x) => x.text);
    const firstRead = order.findIndex((t) => t.includes('RETURN'));
    expect(order[0]).toMatch(/^MERGE \(x:KgNode \{id: \$id\}\) ON CREATE SET x:Incident/);
    expect(order.slice(0, firstRead).some((t) => t.includes('[x:CAUSES {id: id}]') && t.includes('SET x._lock'))).toBe(true);
    const written = d.sent.find((x) => x.text.includes('MERGE (a)-[r:CAUSES'))!;
    expect(written.params['rows']).toMatchObject([{ id: path[0], properties: { p_alpha: 8, p_beta: 3 } }]);
  });

  it('refuses what the embedded store refuses, before it writes anything', async () => {
    const f = plantFixture('refuse');
    const d = standInDriver(MemoryGraphStore.fromSnapshot(f).snapshotSync());
    const store = await Neo4jGraphStore.open(config, () => d.driver);
    d.sent.length = 0;
    await expectRefused(store.upsertNodes([{ id: 'x:1', kind: 'Widget' as never, label: 'x', props: {} }]), 'INVALID');
    await expectRefused(store.updateConfidence(f.edge('CONTROLS', 'burner', 'furnace_temp'), 1, 1), 'INVALID', /only CAUSES/);
    await expectRefused(store.updateConfidence('CAUSES:variable:nowhere->defect:nowhere', 1, 1), 'NOT_FOUND');
    await expectRefused(store.ancestors('variable:nowhere', { maxHops: 1 }), 'NOT_FOUND');
    await expectRefused(store.ancestors(f.id('crack'), { maxHops: 1, via: ['KNOWS' as never] }), 'INVALID');
    expect(d.sent.filter((x) => x.text.includes('MERGE') || x.text.includes('DELETE'))).toEqual([]);
  });

  it('says UNAVAILABLE when the driver fails, when it cannot open, and once it is closed', async () => {
    let down = false;
    const d = standInDriver({ nodes: [], edges: [] }, () => (down ? Object.assign(new Error('Could not perform discovery. No routing servers available.'), { code: 'ServiceUnavailable' }) : null));
    const store = await Neo4jGraphStore.open(config, () => d.driver);
    down = true;
    await expectRefused(store.snapshot(), 'UNAVAILABLE', /Neo4j is unavailable: Could not perform discovery/);
    await expectRefused(store.upsertNodes([]), 'UNAVAILABLE');
    const failing = standInDriver({ nodes: [], edges: [] }, () => new Error('connection refused'));
    await expectRefused(Neo4jGraphStore.open(config, () => failing.driver), 'UNAVAILABLE', /connection refused/);
    expect(failing.closed()).toBe(true);
    down = false;
    await store.close();
    expect(d.closed()).toBe(true);
    await expectRefused(store.node('x:1'), 'UNAVAILABLE', /closed/);
  });
});

// The same server across reopens: what a closed store wrote, the next one finds there.
const server = standInNeo4j();
describeGraphStoreContract('Neo4j store on the stand-in for Neo4j', async () => {
  const store = await Neo4jGraphStore.open(config, server.connect);
  return { store, close: () => store.close() };
});

describe('Neo4jGraphStore on the stand-in, beyond the contract', () => {
  it('labels a node with KgNode and its kind, and a refused write leaves nothing behind', async () => {
    const f = plantFixture('labels');
    const s = standInNeo4j();
    const store = await Neo4jGraphStore.open(config, s.connect);
    await store.upsertNodes(f.nodes);
    await store.upsertEdges(f.edges);
    expect(s.labelsOf(f.id('crack'))).toEqual(['KgNode', 'DefectType']);
    const before = await store.snapshot();
    // The incident node is merged before the path is found wanting: the transaction takes it back.
    await expectRefused(store.recordOutcome({
      incidentId: 'ALT-9', incidentLabel: 'x', symptom: f.id('crack'), cause: f.id('tension'), verdict: 'confirmed', path: [f.edge('CAUSES', 'cooling_rate', 'crack')],
      by: 'olga', at: '2026-01-05T08:00:00.000Z', deviations: [],
    }), 'INVALID', /starts at/);
    expect(await store.snapshot()).toEqual(before);
    await store.close();
    expect(s.allClosed()).toBe(true);
  });
});
