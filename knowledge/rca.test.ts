import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { createRng } from '../engine/rng.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { CausalGraph } from './causal-graph.ts';
import { defaultSeed, knowledgePlant } from './default-knowledge.ts';
import { rootCause } from './rca.ts';
import { RCA_MODEL } from './rca-model.ts';
import type { SensorBins } from './series.ts';

// Root-cause analysis on hand-made histories: 8 h of 1-minute bins, a change at 6 h, the symptom at 7 h.
const plant = loadLibraryScenario('glass-plant');
const graph = new CausalGraph(defaultSeed(knowledgePlant(plant, createEngine(plant).layout.sensors)));
const BINS = 8 * 60;
const CHANGE = 6 * 60;
const AT_S = 7 * 3600;

/** Noise of std `sd` around `level`, plus `shift(bin)` from the change on. */
function series(seed: number, level: number, sd: number, shift: (i: number) => number = () => 0): SensorBins {
  const rng = createRng(seed, 'rca-test');
  const values = Float64Array.from({ length: BINS }, (_, i) => level + sd * rng.normal() + (i >= CHANGE ? shift(i - CHANGE) : 0));
  return { startS: 0, binS: 60, values };
}

/** Every Line_A sensor flat at a plausible level, except those given. */
function history(changed: Record<string, (i: number) => number>): (id: string) => SensorBins | null {
  const out = new Map<string, SensorBins>();
  let seed = 1;
  for (const n of graph.snapshot.nodes) {
    if (n.kind !== 'Sensor' || n.props['asset'] !== 'Line_A') continue;
    const id = String(n.props['sensor']);
    out.set(id, series(seed++, 100, 1, changed[id]));
  }
  return (id) => out.get(id) ?? null;
}
const ramp = (perBin: number, max: number) => (i: number) => Math.sign(perBin) * Math.min(Math.abs(perBin) * (i + 1), max);

describe('root-cause analysis', () => {
  it('finds the cause the deviations point to, with its onset, path and a probability', () => {
    const zones = Object.fromEntries(graph.sensorsOf('variable:Line_A.furnace_temp').filter((s) => s.sign === 1).map((s) => [s.sensor, ramp(0.5, 40)]));
    const r = rootCause(graph, { symptom: { kind: 'defect', asset: 'Line_A', defect: 'crack' }, atS: AT_S, series: history(zones) });
    expect(r.symptomId).toBe('defect:crack');
    const top = r.causes[0]!;
    expect(top).toMatchObject({ rootCauseId: 'variable:Line_A.furnace_temp', kind: 'process', parameterName: 'furnace_temp' });
    expect(top.evidence.path).toEqual(['CAUSES:variable:Line_A.furnace_temp->defect:crack']);
    expect(top.evidence.onsetS).toBeGreaterThanOrEqual(CHANGE * 60);
    expect(top.evidence.onsetS).toBeLessThan(CHANGE * 60 + 1200);
    expect(top.deviationSigma).toBeGreaterThan(10);
    expect(r.causes.reduce((s, c) => s + c.confidence, 0)).toBeCloseTo(1, 9);
    expect(top.confidence).toBeGreaterThan(0.5);
  });

  it('a cold furnace explains no crack: the sign along the path counts', () => {
    const zones = Object.fromEntries(graph.sensorsOf('variable:Line_A.furnace_temp').filter((s) => s.sign === 1).map((s) => [s.sensor, ramp(-0.5, 40)]));
    const r = rootCause(graph, { symptom: { kind: 'defect', asset: 'Line_A', defect: 'crack' }, atS: AT_S, series: history({ ...zones, 'Line_A.annealing.cooling_rate': ramp(0.5, 30), 'Line_A.annealing.residual_stress': ramp(0.5, 30) }) });
    expect(r.causes[0]!.rootCauseId).toBe('variable:Line_A.cooling_rate');
    // Moving the wrong way, the furnace has only noise to show along the path.
    expect(r.causes.find((c) => c.rootCauseId === 'variable:Line_A.furnace_temp')!.deviationSigma).toBeLessThan(2);
  });

  it('does not blame an effect that only follows its cause (the parents\' fitted share is taken out)', () => {
    const gobFromFurnace = RCA_MODEL.slopes['furnace_temp->gob_temp']!;
    const mouldFromGob = RCA_MODEL.slopes['gob_temp->mold_temp']!;
    // The fitted model must know the chain, or there is no share to take out and nothing to check.
    expect(Math.abs(gobFromFurnace * mouldFromGob), 'fitted furnace → gob → mould slopes').toBeGreaterThan(0.05);
    // A cold furnace; the gob and the mould follow it exactly as the fitted slopes say.
    const furnace = ramp(-0.5, 40);
    const zones = Object.fromEntries(graph.sensorsOf('variable:Line_A.furnace_temp').filter((s) => s.sign === 1).map((s) => [s.sensor, furnace]));
    const gob = (i: number) => gobFromFurnace * furnace(i);
    const mould = (i: number) => mouldFromGob * gob(i);
    const r = rootCause(graph, { symptom: { kind: 'defect', asset: 'Line_A', defect: 'stress_fracture' }, atS: AT_S, series: history({ ...zones, 'Line_A.forming.gob_temp': gob, 'Line_A.forming.mold_temp': mould }) });
    const rank = (id: string) => r.causes.findIndex((c) => c.rootCauseId === id);
    expect(rank('variable:Line_A.furnace_temp')).toBeGreaterThanOrEqual(0);
    expect(rank('variable:Line_A.furnace_temp')).toBeLessThan(rank('variable:Line_A.mold_temp'));
    expect(rank('variable:Line_A.furnace_temp')).toBeLessThan(rank('variable:Line_A.gob_temp'));
    expect(Math.abs(r.causes[rank('variable:Line_A.gob_temp')]!.deviationSigma)).toBeLessThan(3);
  });

  it('a sensor that jumps while its sister sensors hold is an instrument problem, not a process change', () => {
    const r = rootCause(graph, { symptom: { kind: 'sensor', sensorId: 'Line_A.furnace.zone2_temp', direction: 'above' }, atS: AT_S, series: history({ 'Line_A.furnace.zone2_temp': () => 60 }) });
    expect(r.causes[0]).toMatchObject({ rootCauseId: 'instrument:Line_A.furnace.zone2_temp', kind: 'instrument', parameterName: 'Line_A.furnace.zone2_temp' });
    expect(r.causes[0]!.evidence.features['instrument_unconfirmed']).toBeGreaterThan(0.9);
  });

  it('the same reading with every zone behind it, and the gob following, is the process', () => {
    const furnace = ramp(0.5, 60);
    const zones = Object.fromEntries(graph.sensorsOf('variable:Line_A.furnace_temp').filter((s) => s.sign === 1).map((s) => [s.sensor, furnace]));
    const gob = (i: number) => (RCA_MODEL.slopes['furnace_temp->gob_temp'] ?? 1) * furnace(i);
    const r = rootCause(graph, { symptom: { kind: 'sensor', sensorId: 'Line_A.furnace.zone2_temp', direction: 'above' }, atS: AT_S, series: history({ ...zones, 'Line_A.forming.gob_temp': gob, 'Line_A.furnace.glass_viscosity': (i) => -furnace(i) }) });
    expect(r.causes[0]!.rootCauseId).toBe('variable:Line_A.furnace_temp');
  });

  it("looks only at causes on the symptom's line, and is confident of none when nothing in the graph deviates", () => {
    const r = rootCause(graph, { symptom: { kind: 'defect', asset: 'Line_A', defect: 'bubble' }, atS: AT_S, series: history({}) });
    expect(r.causes.every((c) => c.kind !== 'process' || c.rootCauseId.startsWith('variable:Line_A.'))).toBe(true);
    expect(r.causes[0]!.confidence).toBeLessThan(0.5);
  });

  it('gives the same answer for the same history', () => {
    const input = { symptom: { kind: 'defect', asset: 'Line_A', defect: 'crack' } as const, atS: AT_S, series: history({ 'Line_A.annealing.cooling_rate': ramp(0.2, 20) }) };
    expect(rootCause(graph, input)).toEqual(rootCause(graph, input));
  });
});
