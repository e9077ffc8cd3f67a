import { describe, expect, it } from 'vitest';
import type { KgEdge, KgNode, RcaCauseWire, RootCauseAnswer } from '../../../protocol/knowledge.ts';
import { edgeLook, edgeRows, fade, focusOfCause, forAsset, nodeRows, pathElements, subgraphUrl } from './kg-logic.ts';

const FURNACE = 'variable:Line_A.furnace_temp';
const CRACK_EDGE = `CAUSES:${FURNACE}->defect:crack`;
const causes = (from: string, to: string, sign: number, alpha: number, beta: number): KgEdge => ({
  id: `CAUSES:${from}->${to}`, kind: 'CAUSES', from, to, confidence: alpha / (alpha + beta),
  props: { mechanism: 'thermal stress on cooling', sign, lagMinS: 600, lagMaxS: 7200, alpha, beta, source: 'plant table', threshold: 1600 },
});
const n = (id: string, kind: KgNode['kind'], asset?: string): KgNode => ({ id, kind, label: id, props: asset ? { asset } : {} });
const g = {
  nodes: [n('defect:crack', 'DefectType'), n(FURNACE, 'Variable', 'Line_A'), n('variable:Line_B.furnace_temp', 'Variable', 'Line_B'), n('variable:Line_A.gob_temp', 'Variable', 'Line_A')],
  edges: [causes(FURNACE, 'defect:crack', 1, 8.5, 1.5), causes('variable:Line_B.furnace_temp', 'defect:crack', 1, 8.5, 1.5), causes(FURNACE, 'variable:Line_A.gob_temp', 1, 9, 1)],
};

describe('the knowledge graph panel', () => {
  it('draws a CAUSES edge wider and more opaque the more confident it is, coloured by its sign', () => {
    const sure = edgeLook(causes(FURNACE, 'defect:crack', 1, 9, 1), null);
    const unsure = edgeLook(causes(FURNACE, 'defect:crack', 1, 1, 1), null);
    expect(sure.size).toBeGreaterThan(unsure.size);
    expect(sure.color).toBe('rgba(220,38,38,0.93)');
    expect(unsure.color).toBe('rgba(220,38,38,0.63)');
    expect(edgeLook(causes(FURNACE, 'defect:cloudiness', -1, 9, 1), null).color).toMatch(/^rgba\(37,99,235,/);
    expect(edgeLook({ ...g.edges[0]!, kind: 'MEASURES', confidence: null }, null).size).toBe(1);
  });

  it('makes a highlighted path stand out and fades the rest', () => {
    const hl = new Set([CRACK_EDGE]);
    expect(edgeLook(g.edges[0]!, hl)).toEqual({ color: 'rgba(220,38,38,1.00)', size: 6 });
    expect(edgeLook(g.edges[1]!, hl).color).toBe('rgba(220,38,38,0.12)');
    expect(fade('#3b82f6', 0.35)).toBe('rgba(59,130,246,0.35)');
  });

  it('keeps one asset’s nodes and the shared defect types', () => {
    const a = forAsset(g, 'Line_A');
    expect(a.nodes.map((x) => x.id)).toEqual(['defect:crack', FURNACE, 'variable:Line_A.gob_temp']);
    expect(a.edges.map((e) => e.id)).toEqual([CRACK_EDGE, `CAUSES:${FURNACE}->variable:Line_A.gob_temp`]);
    expect(forAsset(g, null)).toBe(g);
  });

  it('highlights the path’s edges and nodes that the subgraph has, and a cause without a path', () => {
    expect(pathElements(g, [CRACK_EDGE, 'CAUSES:x->y'])).toEqual({ edges: new Set([CRACK_EDGE]), nodes: new Set([FURNACE, 'defect:crack']) });
    expect(pathElements(g, [], FURNACE).nodes).toEqual(new Set([FURNACE]));
  });

  it('shows an edge’s mechanism, lag, confidence with its counts and source first', () => {
    const rows = edgeRows(g.edges[0]!, (id) => id.replace('variable:', ''));
    expect(rows.slice(0, 8)).toEqual([
      ['kind', 'CAUSES'], ['from', 'Line_A.furnace_temp'], ['to', 'defect:crack'], ['mechanism', 'thermal stress on cooling'],
      ['lag', '10 min 0 s-2 h 00 min'], ['confidence', '85 % (α 8.5, β 1.5)'], ['source', 'plant table'], ['sign', 'more → more'],
    ]);
    expect(rows.at(-1)).toEqual(['threshold', '1,600']);
    expect(nodeRows(g.nodes[1]!)).toEqual([['kind', 'Variable'], ['id', FURNACE], ['asset', 'Line_A']]);
  });

  it('opens from a root-cause cause around the symptom, deep enough for the path, the path highlighted', () => {
    const cause = { root_cause_id: FURNACE, kind: 'process', label: 'Line_A melt temperature', evidence: { path: [CRACK_EDGE] } } as unknown as RcaCauseWire;
    const defect = { symptom: { kind: 'defect', id: 'defect:crack', asset: 'Line_A', defect_type: 'crack', sensor: null } } as unknown as RootCauseAnswer;
    const f = focusOfCause(defect, cause);
    expect(f).toMatchObject({ node: 'defect:crack', asset: 'Line_A', depth: 2, path: [CRACK_EDGE], cause: FURNACE });
    expect(subgraphUrl(f)).toBe('/api/knowledge-graph/subgraph?node=defect%3Acrack&max_depth=2');
    // A sensor alert explained by the sensor's own variable: no path, the variable is the centre.
    const sensor = { symptom: { kind: 'sensor', id: 'sensor:Line_A.furnace.zone1_temp', asset: 'Line_A', defect_type: null, sensor: 'Line_A.furnace.zone1_temp' } } as unknown as RootCauseAnswer;
    expect(focusOfCause(sensor, { ...cause, evidence: { path: [] } } as unknown as RcaCauseWire)).toMatchObject({ node: FURNACE, depth: 2, path: [] });
    const twoHops = ['CAUSES:variable:Line_A.furnace_temp->variable:Line_A.gob_temp', 'CAUSES:variable:Line_A.gob_temp->variable:Line_A.mold_temp'];
    expect(focusOfCause(sensor, { ...cause, evidence: { path: twoHops } } as unknown as RcaCauseWire)).toMatchObject({ node: 'sensor:Line_A.furnace.zone1_temp', depth: 3 });
    expect(focusOfCause(sensor, { ...cause, kind: 'instrument', root_cause_id: 'instrument:Line_A.furnace.zone1_temp', evidence: { path: [] } } as unknown as RcaCauseWire).node).toBe('sensor:Line_A.furnace.zone1_temp');
  });
});
