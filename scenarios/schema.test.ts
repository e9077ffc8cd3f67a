import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { DEFECT_TYPES } from '../physics/model.ts';
import schema from './schema.json' with { type: 'json' };
import { LINE_SETPOINTS, MACHINE_SETPOINTS } from './setpoints.ts';
import { MACHINE_TYPES } from './types.ts';

const defs = schema.$defs;

describe('the published scenario schema (schema.json)', () => {
  it('is a valid draft 2020-12 schema that compiles in strict mode', () => {
    const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('lists the same machine profiles, defect types and setpoints as the code', () => {
    expect(defs.profile.anyOf[0]!.enum).toEqual([...MACHINE_TYPES]);
    expect(defs.groundTruth.properties.expected_defects.items.enum).toEqual([...DEFECT_TYPES]);
    expect(Object.keys(defs.lineSetpoints.properties)).toEqual(LINE_SETPOINTS.map((s) => s.name));
    expect(Object.keys(defs.machineSetpoints.properties)).toEqual(MACHINE_SETPOINTS.map((s) => s.name));
  });

  it('uses the same duration syntax in durations and in times', () => {
    const duration = defs.duration.pattern.slice(1, -1);
    expect(defs.timeOffset.pattern).toContain(duration);
  });
});
