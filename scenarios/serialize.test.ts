import { describe, expect, it } from 'vitest';
import { parseScenario, validateScenario } from './loader.ts';
import { listScenarios, loadLibraryScenario } from './library.ts';
import { scenarioToFile, stringifyScenario } from './serialize.ts';

describe('scenarioToFile and stringifyScenario', () => {
  it('give back every library scenario unchanged, as data, YAML and JSON', () => {
    for (const { name } of listScenarios()) {
      const s = loadLibraryScenario(name);
      expect(validateScenario(scenarioToFile(s), name)).toEqual(s);
      expect(parseScenario(stringifyScenario(s), `${name}.yaml`)).toEqual(s);
      expect(parseScenario(stringifyScenario(s, 'json'), `${name}.json`)).toEqual(s);
    }
  });

  it('writes the reference plant by name and times as durations', () => {
    const file = scenarioToFile(loadLibraryScenario('furnace-overheat-crack-storm'));
    expect(file.plant).toBe('reference');
    expect(file.duration).toBe('16h');
    expect(file.actions?.[0]).toEqual({ at: '10h42m', setpoint: 'Line_A.furnace_temp', value: 1420 });
  });

  it('writes a changed plant out in full, and fractional times as seconds', () => {
    const s = parseScenario('name: x\nduration: 1h\nstep: 0.5\nplant: { machines: [{ id: m, profile: fan }] }\nactions: [{ at: 10.5, maintenance: m }]\n', 'x.yaml');
    const file = scenarioToFile(s);
    expect(file.plant).toEqual({ lines: [], machines: [{ id: 'm', profile: 'fan', initial: { load: 75, speed: 100 }, age_h: 0 }] });
    expect(file.step).toBe(0.5);
    expect(file.actions).toEqual([{ at: 10.5, maintenance: 'm' }]);
    expect(validateScenario(file, 'x')).toEqual(s);
  });

  it("keeps a line's physics multipliers, so a recorded perturbed plant replays as itself", () => {
    const s = parseScenario('name: x\nduration: 1h\nplant: { lines: [{ id: L, glass: float, physics: { burner_efficiency: 0.9 } }] }\n', 'x.yaml');
    const file = scenarioToFile(s);
    expect(file.plant).toMatchObject({ lines: [{ id: 'L', physics: { burner_efficiency: 0.9 } }] });
    expect(validateScenario(file, 'x')).toEqual(s);
  });
});
