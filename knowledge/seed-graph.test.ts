import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { HAZARD_TERMS } from '../physics/glass/defects.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { CAUSE_VARIABLE } from './simulator-causes.ts';
import { checkEdge, confidenceOf } from './graph-model.ts';
import { defaultKnowledge, knowledgePlant } from './default-knowledge.ts';
import { seedGraph, variableId } from './seed-graph.ts';

const plant = loadLibraryScenario('glass-plant');
const engine = createEngine(plant);
const seed = () => seedGraph(defaultKnowledge(), knowledgePlant(plant, engine.layout.sensors));

describe('the graph a plant starts with', () => {
  const g = seed();
  const kindOf = new Map(g.nodes.map((n) => [n.id, n.kind]));

  it('is the same every time (seeding twice changes nothing), sorted, and every edge joins kinds its kind allows', () => {
    expect(seed()).toEqual(g);
    expect(g.nodes.map((n) => n.id)).toEqual([...g.nodes.map((n) => n.id)].sort());
    expect(g.edges.map((e) => checkEdge(e, (id) => kindOf.get(id))).filter((x) => x !== null)).toEqual([]);
  });

  it('instantiates the line knowledge for every line, with only the sensors the line has', () => {
    for (const line of plant.lines.map((l) => l.id)) {
      const zones = engine.layout.sensors.filter((s) => s.asset === line && /^zone\d+_temp$/.test(s.name)).length;
      const measuring = g.edges.filter((e) => e.kind === 'MEASURES' && e.to === variableId(line, 'furnace_temp'));
      expect(measuring).toHaveLength(zones + 2); // the zones, the crown, the viscosity
    }
  });

  it('says nothing the simulator contradicts: every true cause → defect of the physics is an edge with its sign and threshold', () => {
    for (const t of HAZARD_TERMS) {
      const edge = g.edges.find((e) => e.kind === 'CAUSES' && e.from === variableId('Line_A', CAUSE_VARIABLE[t.cause as keyof typeof CAUSE_VARIABLE]) && e.to === `defect:${t.type}`);
      expect(edge, `${t.cause} → ${t.type}`).toBeDefined();
      expect(edge!.props['sign']).toBe(t.dir);
      expect(edge!.props['threshold']).toBe(t.threshold);
    }
    // And no NO_IMPACT edge denies a cause the physics has.
    for (const e of g.edges.filter((x) => x.kind === 'NO_IMPACT')) {
      const variable = String(e.from.split('.').at(-1));
      expect(HAZARD_TERMS.some((t) => CAUSE_VARIABLE[t.cause as keyof typeof CAUSE_VARIABLE] === variable && `defect:${t.type}` === e.to)).toBe(false);
    }
  });

  it("derives each machine's failure-mode edges from its profile's equations: bearing wear raises a pump's vibration and bearing temperature", () => {
    const from = (id: string) => g.edges.filter((e) => e.kind === 'CAUSES' && e.from === id).map((e) => `${e.to.split('.').at(-1)}${e.props['sign'] === 1 ? '+' : '-'}`);
    expect(from('failure:pump_003.bearing_wear')).toEqual(expect.arrayContaining(['vibration_rms_mm_s+', 'bearing_temp_c+']));
    expect(from('failure:pump_003.impeller_wear')).toEqual(expect.arrayContaining(['flow_m3h-', 'current_a+']));
    const e = g.edges.find((x) => x.id === 'CAUSES:failure:pump_003.bearing_wear->variable:pump_003.vibration_rms_mm_s')!;
    expect(e.props).toMatchObject({ source: 'profile' });
    expect(confidenceOf({ alpha: Number(e.props['alpha']), beta: Number(e.props['beta']) })).toBeCloseTo(0.9);
  });
});
