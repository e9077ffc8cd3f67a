import { describe, expect, it } from 'vitest';
import type { KgEdge, KgNode } from '../../../protocol/knowledge.ts';
import { layoutKg, LAYER_GAP, ROW_GAP } from './kg-layout.ts';

const node = (id: string, kind: KgNode['kind']): KgNode => ({ id, kind, label: id, props: {} });
const edge = (kind: KgEdge['kind'], from: string, to: string): KgEdge => ({ id: `${kind}:${from}->${to}`, kind, from, to, props: {}, confidence: kind === 'CAUSES' ? 0.8 : null });

// Line_A around a crack: the furnace drives the gob which drives the mould; the lehr's cooling also cracks.
const nodes: KgNode[] = [
  node('defect:crack', 'DefectType'),
  node('defect:cloudiness', 'DefectType'),
  node('variable:A.furnace_temp', 'Variable'),
  node('variable:A.gob_temp', 'Variable'),
  node('variable:A.mold_temp', 'Variable'),
  node('variable:A.cooling_rate', 'Variable'),
  node('sensor:A.furnace.zone1_temp', 'Sensor'),
  node('sensor:A.lehr.cooling_rate', 'Sensor'),
  node('equipment:A.burner', 'Equipment'),
  node('intervention:A.lower_furnace_temp', 'Intervention'),
  node('incident:ALT-1', 'Incident'),
];
const edges: KgEdge[] = [
  edge('CAUSES', 'variable:A.furnace_temp', 'defect:crack'),
  edge('CAUSES', 'variable:A.furnace_temp', 'defect:cloudiness'),
  edge('CAUSES', 'variable:A.cooling_rate', 'defect:crack'),
  edge('CAUSES', 'variable:A.furnace_temp', 'variable:A.gob_temp'),
  edge('CAUSES', 'variable:A.gob_temp', 'variable:A.mold_temp'),
  edge('MEASURES', 'sensor:A.furnace.zone1_temp', 'variable:A.furnace_temp'),
  edge('MEASURES', 'sensor:A.lehr.cooling_rate', 'variable:A.cooling_rate'),
  edge('CONTROLS', 'equipment:A.burner', 'variable:A.furnace_temp'),
  edge('MITIGATES', 'intervention:A.lower_furnace_temp', 'defect:crack'),
  edge('CONFIRMED_CAUSE', 'incident:ALT-1', 'variable:A.furnace_temp'),
];

describe('the knowledge graph layout', () => {
  const at = layoutKg(nodes, edges);
  const layer = (id: string) => at.get(id)!.layer;

  it('reads left to right: equipment and sensors, variables, defects, interventions, incidents', () => {
    expect(layer('sensor:A.furnace.zone1_temp')).toBe(0);
    expect(layer('equipment:A.burner')).toBe(0);
    expect(layer('variable:A.furnace_temp')).toBe(1);
    // A variable another one causes stands to the right of its cause.
    expect(layer('variable:A.gob_temp')).toBe(2);
    expect(layer('variable:A.mold_temp')).toBe(3);
    expect(layer('defect:crack')).toBe(4);
    expect(layer('intervention:A.lower_furnace_temp')).toBe(5);
    expect(layer('incident:ALT-1')).toBe(6);
    for (const [, p] of at) expect(p.x).toBe(p.layer * LAYER_GAP);
  });

  it('points every CAUSES, MEASURES and CONTROLS edge rightwards', () => {
    for (const e of edges.filter((x) => ['CAUSES', 'MEASURES', 'CONTROLS'].includes(x.kind))) expect(at.get(e.to)!.x, e.id).toBeGreaterThan(at.get(e.from)!.x);
  });

  it('gives every node its own place, rows ROW_GAP apart and centred in the column', () => {
    const places = [...at.values()].map((p) => `${p.x},${p.y}`);
    expect(new Set(places).size).toBe(nodes.length);
    const ys = [...at.values()].filter((p) => p.layer === 0).map((p) => p.y).sort((a, b) => a - b);
    expect(ys).toEqual([-ROW_GAP, 0, ROW_GAP]);
  });

  it('orders a column by its neighbours so that edges do not cross needlessly', () => {
    // The furnace's sensor sits on the furnace's side, the lehr's sensor on the cooling rate's side.
    const above = (a: string, b: string) => at.get(a)!.y > at.get(b)!.y;
    expect(above('variable:A.furnace_temp', 'variable:A.cooling_rate')).toBe(above('sensor:A.furnace.zone1_temp', 'sensor:A.lehr.cooling_rate'));
  });

  it('is the same whatever order the nodes and edges come in', () => {
    const shuffled = layoutKg([...nodes].reverse(), [...edges.slice(3), ...edges.slice(0, 3)].reverse());
    expect([...shuffled.entries()].sort()).toEqual([...at.entries()].sort());
  });

  it('survives a cycle among variables and ignores edges to nodes outside the subgraph', () => {
    const cyc = layoutKg([node('variable:x', 'Variable'), node('variable:y', 'Variable')], [edge('CAUSES', 'variable:x', 'variable:y'), edge('CAUSES', 'variable:y', 'variable:x'), edge('CAUSES', 'variable:y', 'defect:gone')]);
    expect(cyc.size).toBe(2);
    expect(new Set([...cyc.values()].map((p) => p.layer))).toEqual(new Set([0, 1]));
  });
});
