import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { ZONES } from '../../physics/glass/line-layout.ts';
import { readFileSync } from 'node:fs';
import { checkFusedPlant, compareStates, fusedPlantOf } from './fused-plant-check.ts';
import { FUSED_MACHINES_FILE, generateFusedMachines } from './gen-fused-plant-machines.ts';

describe('the fused reference-plant loop (the engine benchmark limit)', () => {
  const plant = loadLibraryScenario('glass-plant');

  it('ends a simulated hour in exactly the engine state: model words, random streams, setpoints and every sensor', () => {
    const check = checkFusedPlant(plant, 3600);
    expect(check.ticks).toBe(3600);
    // 3 lines and 26 machines: model words, rng words, setpoints, 6 words per sensor, 2 meta words.
    expect(check.wordsCompared).toBeGreaterThan(3000);
    expect(check.unitsProduced).toBeGreaterThan(2000); // inspection and its per-unit sensors ran
    expect(check).toMatchObject({ wordsDiffering: 0, maxRelDiff: 0, worst: '' });
  });

  it.each([
    ['a furnace zone of Line_A', 'Line_A', ZONES + 3],
    ['the lagged bearing temperature of pump_001', 'pump_001', 28],
  ])('notices a difference of one part in 10^12 in %s, and names the word', (_, asset, word) => {
    const engine = createEngine(plant);
    const fused = fusedPlantOf(engine);
    fused.st.model[engine.layout.stateOff[engine.layout.assetIndex.get(asset)!]! + word]! *= 1 + 1e-12;
    engine.step(60);
    fused.run(60);
    const check = compareStates(engine, fused);
    expect(check.wordsDiffering).toBeGreaterThan(0);
    expect(check.maxRelDiff).toBeGreaterThan(0);
    expect(check.worst).toMatch(new RegExp(`^(model\\[${asset}\\+|values\\[${asset}\\.)`));
  });

  it('runs machine code generated from the current profiles (the committed file is what the generator writes now)', () => {
    expect(readFileSync(FUSED_MACHINES_FILE, 'utf8')).toBe(generateFusedMachines());
  });

  it('notices a tick count that differs', () => {
    const engine = createEngine(plant);
    const fused = fusedPlantOf(engine);
    engine.step(2);
    fused.run(1);
    expect(compareStates(engine, fused).worst).toMatch(/tick/);
  });
});
