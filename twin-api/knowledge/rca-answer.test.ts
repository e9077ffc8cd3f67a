import { describe, expect, it } from 'vitest';
import { CausalGraph } from '../../knowledge/causal-graph.ts';
import { createEngine } from '../../engine/plant.ts';
import { defaultSeed, knowledgePlant } from '../../knowledge/default-knowledge.ts';
import type { RcaCause } from '../../knowledge/rca.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { causeOnWire, diagnosisText, interventionsFor } from './rca-answer.ts';

const scenario = loadLibraryScenario('glass-plant');
const graph = new CausalGraph(defaultSeed(knowledgePlant(scenario, createEngine(scenario).layout.sensors)));
const setpoints = new Map([
  ['Line_A.belt_speed', { value: 140, unit: 'upm', min: 60, max: 200 }],
  ['Line_A.furnace_temp', { value: 1500, unit: '°C', min: 1300, max: 1480 }],
]);
const iso = (tS: number) => new Date(Date.parse('2024-03-14T00:00:00Z') + tS * 1000).toISOString();
const cause = (over: Partial<RcaCause>): RcaCause => ({
  rootCauseId: 'none', kind: 'none', parameterName: 'none', label: 'no cause in the graph', deviationSigma: 0, confidence: 0.5,
  evidence: { onsetS: null, sensors: [], path: [], prior: 1, features: {} }, ...over,
});

describe('root-cause answers', () => {
  it('turns a relative change into a target from the current value', () => {
    const lower = interventionsFor(graph, 'defect:deformation', 'variable:Line_A.belt_speed', setpoints).find((iv) => iv.setpoint === 'Line_A.belt_speed')!;
    expect(lower).toMatchObject({ relative: true, current_value: 140, target_value: 119, what_if: { changes: [{ setpoint: 'Line_A.belt_speed', value: 119 }] } });
  });

  it('keeps targets inside the setpoint’s range', () => {
    const raise = interventionsFor(graph, 'defect:cloudiness', 'variable:Line_A.furnace_temp', setpoints)[0]!;
    expect(raise).toMatchObject({ current_value: 1500, target_min: 1480, target_max: 1480 });
  });

  it('answers an instrument cause with checking the instrument and no process change', () => {
    const w = causeOnWire(graph, cause({ rootCauseId: 'instrument:Line_A.furnace.zone2_temp', kind: 'instrument', parameterName: 'Line_A.furnace.zone2_temp', label: 'the instrument Line_A.furnace.zone2_temp', deviationSigma: 8 }), 'sensor:Line_A.furnace.zone2_temp', setpoints, iso, new Map());
    expect(w.recommended_action).toBe('check the instrument Line_A.furnace.zone2_temp (calibrate or replace it); no process change');
    expect(w.interventions).toEqual([]);
    expect(diagnosisText('Line_A.furnace.zone2_temp above its limit', iso(36_000), [w], [])).toBe(
      'Line_A.furnace.zone2_temp above its limit at 10:00Z: most likely the instrument Line_A.furnace.zone2_temp (50 %), 8 σ on this sensor alone. Recommended: check the instrument Line_A.furnace.zone2_temp (calibrate or replace it); no process change.',
    );
  });

  it('says so when no candidate reaches the asked confidence', () => {
    expect(diagnosisText('crack on Line_A', iso(36_000), [], [])).toBe('crack on Line_A at 10:00Z: no candidate reaches the asked confidence.');
  });
});
