import { describe, expect, it } from 'vitest';
import { builtinProfileResolver, createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { FALLBACK_ADVICE, graphAdvice, graphAssetAdvice } from './advice.ts';
import { defaultCausalGraph } from './default-knowledge.ts';

const plant = loadLibraryScenario('glass-plant');
const engine = createEngine(plant);
const resolve = builtinProfileResolver();
const graph = defaultCausalGraph({ sensors: engine.layout.sensors, machines: plant.machines.map((m) => ({ id: m.id, profile: resolve(m.profile) })) });
const advise = graphAdvice(graph);
const sensor = (id: string) => engine.layout.sensors.find((s) => s.id === id)!;

describe('what an alert on a sensor recommends, read off the causal graph', () => {
  it('a hot melt reading: lower the furnace temperature (the cracks it causes), check the burners', () => {
    expect(advise(sensor('Line_A.furnace.zone3_temp'), 'above')).toMatch(/^lower the furnace temperature by 20-30 °C; check the furnace burners \(risk of crack: thermal stress/);
  });

  it('reads a sensor that falls as its variable rises the other way round: low viscosity is a hot melt', () => {
    expect(advise(sensor('Line_A.furnace.glass_viscosity'), 'below')).toBe(advise(sensor('Line_A.furnace.zone3_temp'), 'above'));
    expect(advise(sensor('Line_A.furnace.glass_viscosity'), 'above')).toMatch(/^raise the furnace temperature .*cloudiness/);
  });

  it('a direction that causes no defect gets the equipment to check, not a setpoint move', () => {
    expect(advise(sensor('Line_A.forming.belt_speed'), 'below')).toBe('check the conveyor belt motor');
    expect(advise(sensor('Line_A.forming.belt_speed'), 'above')).toMatch(/^slow the belt by 15 %/);
  });

  it('a high batch analyser reading sends the operator to the silo before its stains and bubbles arrive', () => {
    expect(advise(sensor('Line_A.furnace.batch_deviation'), 'above')).toMatch(/^isolate the silo feeding the batch.*risk of bubble.*stain/);
  });

  it('a machine sensor points at the failure modes whose profile equations move it that way', () => {
    expect(advise(sensor('pump_003.vibration_rms_mm_s'), 'above')).toBe('inspect for bearing wear or impeller wear and plan maintenance before it fails');
    expect(advise(sensor('pump_003.flow_m3h'), 'below')).toMatch(/impeller wear/);
    expect(advise(sensor('pump_003.flow_m3h'), 'above')).toBe(FALLBACK_ADVICE);
  });

  it('has a specific action for every glass-line sensor that can leave its range upward', () => {
    const generic = engine.layout.sensors.filter((s) => s.asset === 'Line_A' && s.limits.warning[1] !== null && advise(s, 'above') === FALLBACK_ADVICE);
    expect(generic.map((s) => s.name)).toEqual([]);
  });

  it('a model alert names the failure modes its contributing sensors point to', () => {
    const forAsset = graphAssetAdvice(graph);
    expect(forAsset('pump_003', ['pump_003.flow_m3h', 'pump_003.current_a'])).toBe('inspect for impeller wear (current_a, flow_m3h) and plan maintenance before it fails');
    expect(forAsset('pump_003', ['bearing_temp_c'])).toMatch(/^inspect for bearing wear \(bearing_temp_c\)/);
    expect(forAsset('Line_A', ['zone3_temp'])).toBeNull();
  });
});
