import { describe, expect, it } from 'vitest';
import type { SafetyPolicyDoc } from '../../../protocol/recommendation.ts';
import { draftOf, effectiveRange, governedBy, policyDiff, policyFromDraft, versionLine, type Actuator } from './safety-policy-logic.ts';

const POLICY: SafetyPolicyDoc = {
  version: 4,
  setpoints: {
    furnace_temp: { unit: '°C', min: 1200, max: 1700, maxRate: { value: 50, per: 'h' }, approvalAbove: 100 },
    'Line_B.furnace_temp': { unit: '°C', min: 1400, max: 1600, maxRate: { value: 30, per: 'h' }, approvalAbove: 50 },
    belt_speed: { unit: 'm/min', min: 50, max: 200, maxRate: { value: 20, per: 'min' }, approvalAbove: 50 },
  },
};
const furnace = (asset: string): Actuator => ({ id: `${asset}.furnace_temp`, name: 'furnace_temp', asset, unit: '°C', min: 1350, max: 1650, rateLimitPerS: 0.5 });
const ACTUATORS: Actuator[] = [furnace('Line_A'), furnace('Line_B'), { id: 'Line_A.belt_speed', name: 'belt_speed', asset: 'Line_A', unit: 'm/min', min: 60, max: 180, rateLimitPerS: 0.1 }];

describe('the envelope in force', () => {
  it('is the policy cut to the actuator: range, and the slower of the two rates in the policy’s unit', () => {
    const r = effectiveRange(POLICY.setpoints.furnace_temp!, furnace('Line_A'));
    expect(r).toMatchObject({ setpoint: 'Line_A.furnace_temp', actuator: { min: 1350, max: 1650 }, lo: 1350, hi: 1650, empty: false });
    expect(r.rate).toBeCloseTo(50);
    // The belt's actuator (0.1 m/min per s = 6 per min) is slower than the policy's 20 per min.
    expect(effectiveRange(POLICY.setpoints.belt_speed!, ACTUATORS[2]!).rate).toBeCloseTo(6);
  });

  it('applies a name to every asset except those with an entry of their own id', () => {
    const keys = Object.keys(POLICY.setpoints);
    expect(governedBy('furnace_temp', keys, ACTUATORS).map((a) => a.id)).toEqual(['Line_A.furnace_temp']);
    expect(governedBy('Line_B.furnace_temp', keys, ACTUATORS).map((a) => a.id)).toEqual(['Line_B.furnace_temp']);
  });
});

describe('checking the edited policy as the server does', () => {
  it('gives back the same document when nothing was changed', () => {
    expect(policyFromDraft(draftOf(POLICY), POLICY, ACTUATORS)).toEqual({ policy: POLICY });
  });

  it('names the setpoint and the field of every problem', () => {
    const d = draftOf(POLICY);
    const bad = { ...d, furnace_temp: { ...d.furnace_temp!, min: '1700', max: '1650' }, belt_speed: { ...d.belt_speed!, rate: '0', approvalAbove: '-1' }, 'Line_B.furnace_temp': { ...d['Line_B.furnace_temp']!, max: 'abc' } };
    expect(policyFromDraft(bad, POLICY, ACTUATORS)).toEqual({
      problems: [
        'furnace_temp: min must not be above max (1700 > 1650)',
        'Line_B.furnace_temp: max must be a number (got "abc")',
        'belt_speed: max rate must be more than 0',
        'belt_speed: approval threshold must be 0 or more',
      ],
    });
  });

  it('allows min equal to max and a threshold of 0 (every change approved), as the server does', () => {
    const d = draftOf(POLICY);
    const out = policyFromDraft({ ...d, belt_speed: { ...d.belt_speed!, min: '100', max: '100', approvalAbove: '0' } }, POLICY, ACTUATORS);
    expect('policy' in out && out.policy.setpoints.belt_speed).toMatchObject({ min: 100, max: 100, approvalAbove: 0 });
  });

  it('refuses a range that misses an actuator’s, and a unit that is not the setpoint’s', () => {
    const d = draftOf(POLICY);
    expect(policyFromDraft({ ...d, furnace_temp: { ...d.furnace_temp!, min: '1700', max: '1800' } }, POLICY, ACTUATORS)).toEqual({ problems: ["furnace_temp: 1700..1800 °C does not overlap Line_A.furnace_temp's range 1350..1650"] });
    expect(policyFromDraft({ ...d, belt_speed: { ...d.belt_speed!, unit: 'm/s' } }, POLICY, ACTUATORS)).toEqual({ problems: ['belt_speed: unit is "m/s" but Line_A.belt_speed is in "m/min"'] });
  });
});

describe('the summary before saving', () => {
  it('lists each changed field with its old and new value', () => {
    const d = draftOf(POLICY);
    const out = policyFromDraft({ ...d, furnace_temp: { ...d.furnace_temp!, max: '1650' }, belt_speed: { ...d.belt_speed!, rate: '15', per: 'h' } }, POLICY, ACTUATORS);
    if (!('policy' in out)) throw new Error(out.problems.join('; '));
    expect(policyDiff(POLICY, out.policy)).toEqual(['furnace_temp max 1700 → 1650', 'belt_speed max rate 20 m/min/min → 15 m/min/h']);
    expect(policyDiff(POLICY, POLICY)).toEqual([]);
  });

  it('says who changed the version in force and when, or that it is the default', () => {
    expect(versionLine({ version: 5, changedBy: 'admin-user', changedAt: '2026-12-03T16:40:12.000Z' })).toBe('v5, changed by admin-user at 2026-12-03 16:40 UTC');
    expect(versionLine({ version: 1, changedBy: null, changedAt: null })).toBe('v1, the default policy (never changed)');
  });
});
