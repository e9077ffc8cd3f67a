import { describe, expect, it } from 'vitest';
import { MACHINE_TYPES } from './machine-spec.ts';
import { builtinProfiles, loadProfile } from './profile.ts';
import motor from './profiles/motor.json' with { type: 'json' };

/** The motor profile with one change applied to a deep copy. */
function motorWith(change: (doc: Record<string, any>) => void): unknown {
  const doc = structuredClone(motor) as Record<string, any>;
  change(doc);
  return doc;
}

const errorOf = (json: unknown): string => {
  try {
    loadProfile(json, 'my-motor.json');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the profile loaded');
};

describe('builtinProfiles', () => {
  it('loads and compiles the eight machine types, keyed by type', () => {
    const profiles = builtinProfiles();
    expect([...profiles.keys()]).toEqual([...MACHINE_TYPES]);
    for (const [type, p] of profiles) {
      expect(p.type).toBe(type);
      expect(p.source).toBe(`builtin:${type}`);
      expect(p.sensors.length).toBeGreaterThan(4);
      expect(p.compiled.modes.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('compiles once: the same map is returned on every call', () => {
    expect(builtinProfiles()).toBe(builtinProfiles());
  });
});

describe('loadProfile validation names the source and the JSON path', () => {
  it('accepts the built-in motor document as user input', () => {
    expect(loadProfile(structuredClone(motor), 'copy.json').type).toBe('motor');
  });

  it('rejects a non-object', () => {
    expect(errorOf([])).toBe('my-motor.json: expected an object, got an array');
  });

  it('reports a missing field', () => {
    expect(errorOf(motorWith((d) => delete d['sensors'][2]['unit']))).toBe(
      'my-motor.json: sensors[2].unit: expected a non-empty string, got nothing (missing)',
    );
  });

  it('reports an unknown (misspelt) key', () => {
    expect(errorOf(motorWith((d) => (d['sensors'][0]['periodSec'] = 1)))).toMatch(
      /^my-motor\.json: sensors\[0\]: unknown key "periodSec" \(allowed: name, unit, /,
    );
  });

  it('reports inverted bounds', () => {
    expect(errorOf(motorWith((d) => (d['sensors'][2]['limits']['warning'] = [140, 130])))).toBe(
      'my-motor.json: sensors[2].limits.warning: low 140 is above high 130',
    );
  });

  it('requires each status band to contain the previous one', () => {
    expect(errorOf(motorWith((d) => (d['sensors'][2]['limits']['error'] = [null, 125])))).toBe(
      'my-motor.json: sensors[2].limits.error: this band must contain the warning band: high 125 is below warning high 130',
    );
  });

  it('requires the normal range inside the warning band', () => {
    expect(errorOf(motorWith((d) => (d['sensors'][0]['normal'] = [0.3, 3.5])))).toBe(
      'my-motor.json: sensors[0].normal: limits.warning must contain the normal band: high 2.8 is below normal high 3.5',
    );
  });

  it('keeps sample periods between 1 s and 60 s', () => {
    expect(errorOf(motorWith((d) => (d['sensors'][1]['periodS'] = 0.1)))).toBe(
      'my-motor.json: sensors[1].periodS: periodS 0.1 must be in [1, 60]',
    );
  });

  it('rejects negative noise', () => {
    expect(errorOf(motorWith((d) => (d['sensors'][1]['noise']['std'] = -1)))).toBe(
      'my-motor.json: sensors[1].noise.std: std -1 must be >= 0',
    );
  });

  it('rejects an unknown growth model', () => {
    expect(errorOf(motorWith((d) => (d['failureModes'][0]['growth']['model'] = 'linear')))).toBe(
      'my-motor.json: failureModes[0].growth.model: expected one of "exponential", "power", got string "linear"',
    );
  });

  it('rejects an alias to a mode the profile does not have', () => {
    expect(errorOf(motorWith((d) => (d['faultAliases'][0]['mode'] = 'gear_wear')))).toBe(
      'my-motor.json: faultAliases[0].mode: "gear_wear" is not a failure mode of this profile (bearing_wear, insulation_ageing)',
    );
  });

  it('rejects duplicate names across sections', () => {
    expect(errorOf(motorWith((d) => (d['internal'][0]['name'] = 'current_a')))).toBe(
      'my-motor.json: sensors[4].name: name "current_a" is already used by internal[0].name',
    );
  });

  it('rejects names that mathjs reserves', () => {
    expect(errorOf(motorWith((d) => (d['parameters']['pi'] = 3)))).toBe(
      'my-motor.json: parameters.pi: "pi" is reserved (a mathjs keyword, function or constant)',
    );
  });

  it('names the expression and the unknown symbol', () => {
    expect(errorOf(motorWith((d) => (d['derived'][0]['expr'] = 'sqrt(3) * voltage_v * curent_a * power_factor / 1000')))).toBe(
      'my-motor.json: derived[0].expr: unknown symbol "curent_a"; did you mean "current_a"? in expression "sqrt(3) * voltage_v * curent_a * power_factor / 1000"',
    );
  });

  it('names a forward reference', () => {
    expect(errorOf(motorWith((d) => (d['internal'][0]['expr'] = 'power_kw * 0.9')))).toBe(
      'my-motor.json: internal[0].expr: symbol "power_kw" is defined later (derived[0]); an expression may only use names defined before it in expression "power_kw * 0.9"',
    );
  });

  it('names an unknown function', () => {
    expect(errorOf(motorWith((d) => (d['failureModes'][0]['rate'] = 'speed * cube(load)')))).toBe(
      'my-motor.json: failureModes[0].rate: unknown function "cube" in expression "speed * cube(load)"',
    );
  });
});
