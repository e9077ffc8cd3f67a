import { describe, expect, it } from 'vitest';
import { AlertEngine } from '../monitor/alerts/alert-engine.ts';
import { builtinProfileResolver, createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { graphAlertAdvice } from './advice.ts';
import { defaultCausalGraph } from './default-knowledge.ts';

const plant = loadLibraryScenario('glass-plant');
const twin = createEngine(plant);
const resolve = builtinProfileResolver();
const graph = defaultCausalGraph({ sensors: twin.layout.sensors, machines: plant.machines.map((m) => ({ id: m.id, profile: resolve(m.profile) })) });

describe("the alert engine's recommended actions come from the knowledge graph", () => {
  const alerts = new AlertEngine({ sensors: twin.layout.sensors, startMs: twin.startMs, advice: graphAlertAdvice(graph), settings: { hysteresis: { openSamples: 1 } } });
  const k = twin.layout.sensorIndex.get('Line_A.furnace.zone4_temp')!;

  it('a hot furnace zone: the intervention and the equipment the graph lists for the cracks it causes', () => {
    const values = new Float64Array(twin.layout.sensors.length).fill(NaN);
    values[k] = 1612;
    const changes = alerts.onFrame({ timeMs: twin.startMs + 60_000, values, sampled: Int32Array.of(k), sampledCount: 1 });
    const opened = changes.find((c) => c.kind === 'opened')!;
    expect(opened.alert.recommendedAction).toBe(graphAlertAdvice(graph).forSensor(twin.layout.sensors[k]!, 'above'));
    expect(opened.alert.recommendedAction).toMatch(/^lower the furnace temperature by 20-30 °C; check the furnace burners \(risk of crack/);
  });

  it('a predicted failure on a pump names the failure mode its contributing sensors point to', () => {
    // Two reports the rule's lead time (600 s) apart: the risk has stayed high.
    const report = (tS: number) => alerts.reportPrediction({ asset: 'pump_003', tIso: new Date(twin.startMs + tS * 1000).toISOString(), failureRisk: { probability: 0.95, horizonH: 24, contributors: ['pump_003.flow_m3h', 'pump_003.current_a'] } });
    const opened = [...report(3600), ...report(4200)].find((c) => c.kind === 'opened');
    expect(opened?.alert.recommendedAction).toBe('inspect for impeller wear (current_a, flow_m3h) and plan maintenance before it fails');
  });
});
