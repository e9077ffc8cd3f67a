import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import type { Scenario } from '../engine/scenario.ts';
import { subScenario } from '../lookahead/sub-plant.ts';
import { CausalGraph } from '../knowledge/causal-graph.ts';
import { findDefectBurst, BURST_WINDOW_S } from '../knowledge/defect-burst.ts';
import { defaultSeed, knowledgePlant } from '../knowledge/default-knowledge.ts';
import { diagnoseMachine } from '../knowledge/machine-diagnosis.ts';
import { rootCause } from '../knowledge/rca.ts';
import { EngineRecording, type RecordedDefect } from '../knowledge/engine-recording.ts';
import { majorityCause } from '../knowledge/simulator-causes.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';

// Root-cause analysis against the simulator's ground truth on the library's incidents: each causal
// rule of the plant table is found as the top cause of the burst its incident produces.

const plant = loadLibraryScenario('glass-plant');
const graph = new CausalGraph(defaultSeed(knowledgePlant(plant, createEngine(plant).layout.sensors)));

/** Runs one asset of a scenario until `untilS`, keeping 1-minute bins and the defects' true causes. */
function record(scenario: Scenario, asset: string, untilS: number, stopWhen?: (defects: readonly RecordedDefect[]) => boolean) {
  const engine = createEngine(subScenario(scenario, new Set([asset])));
  const rec = new EngineRecording(engine, untilS + 60);
  for (let t = 0; t < untilS; t += 600) {
    engine.runUntil(Math.min(untilS, t + 600));
    if (stopWhen?.(rec.defects)) break;
  }
  const bins = rec.bins();
  return { defects: rec.defects, series: (id: string) => bins.get(id) ?? null, tS: engine.tS };
}

const INCIDENTS: readonly [scenario: string, line: string, defect: string, cause: string][] = [
  ['furnace-overheat-crack-storm', 'Line_A', 'crack', 'furnace_temp'],
  ['furnace-underheat-cloudiness', 'Line_C', 'cloudiness', 'furnace_temp'],
  ['belt-overspeed-deformation', 'Line_A', 'deformation', 'belt_speed'],
  ['mold-heater-failure-stress-fractures', 'Line_B', 'stress_fracture', 'mold_temp'],
  ['forming-pressure-oscillation-bubbles', 'Line_B', 'bubble', 'pressure_variation'],
  ['lehr-fan-failure-cooling-shock', 'Line_C', 'crack', 'cooling_rate'],
  ['batch-contamination-bubbles', 'Line_A', 'stain', 'raw_material'],
];

describe('root causes of the library incidents, against the simulator', () => {
  for (const [name, lineHint, defect, cause] of INCIDENTS) {
    it(`${name}: the ${defect} burst is put down to ${cause}, as the simulator's true causes say`, () => {
      const scenario = loadLibraryScenario(name);
      const onsetS = Math.min(...scenario.faults.map((f) => f.atS));
      const line = scenario.faults[0]!.target.split('.')[0] ?? lineHint;
      const run = record(scenario, line, onsetS + 8 * 3600, (d) => findDefectBurst(d, onsetS)?.type === defect);
      const burst = findDefectBurst(run.defects, onsetS);
      expect(burst, 'a burst after the onset').not.toBeNull();
      expect(burst!.type).toBe(defect);
      expect(majorityCause(run.defects, defect, burst!.atS - BURST_WINDOW_S, burst!.atS, line)).toBe(`variable:${line}.${cause}`);
      const r = rootCause(graph, { symptom: { kind: 'defect', asset: line, defect }, atS: burst!.atS, series: run.series, historyStartS: 0 });
      expect(r.causes[0]!.rootCauseId, JSON.stringify(r.causes.slice(0, 3).map((c) => [c.rootCauseId, c.confidence.toFixed(2)]))).toBe(`variable:${line}.${cause}`);
      expect(r.causes[0]!.evidence.path[0]).toMatch(new RegExp(`^CAUSES:variable:${line}\\.${cause}->`));
      expect(r.causes[0]!.evidence.onsetS, 'the deviation began before the burst').not.toBeNull();
      expect(r.causes[0]!.evidence.onsetS!).toBeLessThanOrEqual(burst!.atS);
    });
  }

  for (const [name, machine, mode] of [['pump-bearing-failure', 'pump_003', 'bearing_wear'], ['compressor-valve-wear', 'compressor_002', 'valve_wear']] as const) {
    it(`${name}: the developing failure mode of ${machine} is ${mode}`, () => {
      const scenario = loadLibraryScenario(name);
      // When the incident's operator reacts: the alert that asked for a diagnosis.
      const atS = Math.min(...scenario.actions.map((a) => a.atS));
      const run = record(scenario, machine, atS);
      const d = diagnoseMachine(graph, { asset: machine, atS, series: run.series });
      expect(d[0]!.failureModeId, JSON.stringify(d.map((x) => [x.mode, x.similarity]))).toBe(`failure:${machine}.${mode}`);
    });
  }
});
