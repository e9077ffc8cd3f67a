import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { DEFAULT_SAFETY_POLICY, envelopeOf, envelopes, parseSafetyPolicy, SafetyPolicyError } from './safety-policy.ts';

const schema = JSON.parse(readFileSync(new URL('./safety-policy.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);
const setpoints = createEngine(loadLibraryScenario('glass-plant')).setpoints();
const furnace = setpoints.find((s) => s.id === 'Line_A.furnace_temp')!;
const withEntry = (key: string, entry: unknown) => ({ version: 2, setpoints: { ...DEFAULT_SAFETY_POLICY.setpoints, [key]: entry } });

describe('the safety policy', () => {
  it('defaults to the plant’s operating policy, and the published schema accepts it', () => {
    expect(parseSafetyPolicy(DEFAULT_SAFETY_POLICY)).toEqual(DEFAULT_SAFETY_POLICY);
    expect(DEFAULT_SAFETY_POLICY.setpoints['furnace_temp']).toEqual({ unit: '°C', min: 1200, max: 1700, maxRate: { value: 50, per: 'h' }, approvalAbove: 100 });
    expect(DEFAULT_SAFETY_POLICY.setpoints['belt_speed']).toEqual({ unit: 'm/min', min: 50, max: 200, maxRate: { value: 20, per: 'min' }, approvalAbove: 50 });
    expect(DEFAULT_SAFETY_POLICY.setpoints['mold_temp']).toEqual({ unit: '°C', min: 200, max: 600, maxRate: { value: 30, per: 'h' }, approvalAbove: 80 });
    expect(DEFAULT_SAFETY_POLICY.setpoints['forming_pressure']).toEqual({ unit: 'MPa', min: 0, max: 120, maxRate: { value: 15, per: 'min' }, approvalAbove: 30 });
    expect(validate(DEFAULT_SAFETY_POLICY), JSON.stringify(validate.errors)).toBe(true);
  });

  it('puts in force the intersection with the actuator’s own range and rate: furnace 1350–1650 °C at 50 °C/h', () => {
    expect(envelopeOf(DEFAULT_SAFETY_POLICY, furnace)).toEqual({ setpoint: 'Line_A.furnace_temp', unit: '°C', lo: 1350, hi: 1650, ratePerS: 50 / 3600, approvalAbove: 100 });
    // Every line and machine setpoint of the reference plant is covered, and no envelope is empty.
    const envs = envelopes(DEFAULT_SAFETY_POLICY, setpoints);
    expect(envs.length).toBe(setpoints.length);
    for (const e of envs) expect(e.lo).toBeLessThanOrEqual(e.hi);
  });

  it('lets an entry for one asset’s setpoint override the entry by name', () => {
    const policy = parseSafetyPolicy(withEntry('Line_A.furnace_temp', { unit: '°C', min: 1400, max: 1550, maxRate: { value: 20, per: 'h' }, approvalAbove: 40 }));
    expect(envelopeOf(policy, furnace)).toMatchObject({ lo: 1400, hi: 1550, ratePerS: 20 / 3600, approvalAbove: 40 });
    expect(envelopeOf(policy, setpoints.find((s) => s.id === 'Line_B.furnace_temp')!)).toMatchObject({ lo: 1350, hi: 1650 });
  });

  it('names the field of a bad document, and the schema refuses the same documents', () => {
    const good = DEFAULT_SAFETY_POLICY.setpoints['furnace_temp']!;
    const cases: [unknown, string][] = [
      [null, '(document): must be an object with version and setpoints'],
      [{ setpoints: {} }, 'version: must be a finite number (got undefined)'],
      [{ version: 0, setpoints: {} }, 'version: must be a whole number from 1, got 0'],
      [withEntry('furnace_temp', { ...good, min: 1800 }), 'setpoints.furnace_temp.max: must not be below min (1800), got 1700'],
      [withEntry('furnace_temp', { ...good, maxRate: { value: -5, per: 'h' } }), 'setpoints.furnace_temp.maxRate.value: must be more than 0, got -5'],
      [withEntry('furnace_temp', { ...good, maxRate: { value: 5, per: 'day' } }), 'setpoints.furnace_temp.maxRate.per: must be "s", "min" or "h" (got "day")'],
      [withEntry('furnace_temp', { ...good, approvalAbove: -1 }), 'setpoints.furnace_temp.approvalAbove: must be 0 or more, got -1'],
      [withEntry('furnace_temp', { ...good, colour: 'red' }), 'setpoints.furnace_temp.colour: is not a policy field (expected one of unit, min, max, maxRate, approvalAbove)'],
      [withEntry('furnace temp', good), 'setpoints.furnace temp: must be a setpoint name ("furnace_temp") or id ("Line_A.furnace_temp")'],
    ];
    for (const [doc, message] of cases) {
      expect(() => parseSafetyPolicy(doc)).toThrow(SafetyPolicyError);
      expect(() => parseSafetyPolicy(doc)).toThrow(message);
      // Bounds in order are a rule the schema cannot state; the others it refuses too.
      if (!message.includes('must not be below min')) expect(validate(doc), message).toBe(false);
    }
  });

  it('refuses a policy whose unit or range does not fit the actuator', () => {
    const wrongUnit = parseSafetyPolicy(withEntry('furnace_temp', { unit: '°F', min: 2000, max: 3000, maxRate: { value: 50, per: 'h' }, approvalAbove: 100 }));
    expect(() => envelopeOf(wrongUnit, furnace)).toThrow('setpoints.furnace_temp.unit: is "°F" but Line_A.furnace_temp is in "°C"');
    const disjoint = parseSafetyPolicy(withEntry('furnace_temp', { unit: '°C', min: 1700, max: 1800, maxRate: { value: 50, per: 'h' }, approvalAbove: 100 }));
    expect(() => envelopeOf(disjoint, furnace)).toThrow("setpoints.furnace_temp: 1700..1800 °C does not overlap Line_A.furnace_temp's range 1350..1650");
  });
});
