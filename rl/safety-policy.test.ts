/**
 * The safety policy: its defaults, the envelope in force (policy ∩ the actuator's own range and
 * rate, from the engine's SetpointView), the parser naming the bad field, and the published JSON
 * Schema agreeing with the parser. The module parses objects, not text: YAML/JSON text is the
 * caller's job (fastify parses the PUT body).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { HAZARD_TERMS } from '../physics/glass/defects.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { type ActuatorRange, DEFAULT_SAFETY_POLICY, envelopeOf, envelopes, parseSafetyPolicy, type SafetyPolicy, SafetyPolicyError, type SetpointPolicy } from './safety-policy.ts';
import { shieldValue } from './shield.ts';

const schema = JSON.parse(readFileSync(new URL('./safety-policy.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);
const views = createEngine(loadLibraryScenario('glass-plant')).setpoints();
const view = (id: string) => views.find((s) => s.id === id)!;
const furnaceA = view('Line_A.furnace_temp');
const good = DEFAULT_SAFETY_POLICY.setpoints['furnace_temp']!;
const withEntry = (key: string, entry: unknown) => ({ version: 2, setpoints: { ...DEFAULT_SAFETY_POLICY.setpoints, [key]: entry } });
const policyWith = (key: string, entry: SetpointPolicy): SafetyPolicy => parseSafetyPolicy(withEntry(key, entry));

/** The SafetyPolicyError `f` throws (fails the test when it throws nothing or something else). */
function errorOf(f: () => unknown): SafetyPolicyError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SafetyPolicyError);
    return e as SafetyPolicyError;
  }
  throw new Error('expected a SafetyPolicyError, nothing was thrown');
}

describe('the default safety policy', () => {
  it('is version 1, parses to itself, survives JSON and is accepted by the published schema', () => {
    expect(DEFAULT_SAFETY_POLICY.version).toBe(1);
    expect(parseSafetyPolicy(DEFAULT_SAFETY_POLICY)).toEqual(DEFAULT_SAFETY_POLICY);
    expect(parseSafetyPolicy(JSON.parse(JSON.stringify(DEFAULT_SAFETY_POLICY)))).toEqual(DEFAULT_SAFETY_POLICY);
    expect(validate(DEFAULT_SAFETY_POLICY), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys(DEFAULT_SAFETY_POLICY.setpoints).sort()).toEqual(['belt_speed', 'forming_pressure', 'furnace_temp', 'lehr_cooling_rate', 'load', 'mold_temp', 'speed']);
  });

  it.each([
    ['furnace_temp', '1200–1700 °C, ±50 °C/h, approval above 100 °C', { unit: '°C', min: 1200, max: 1700, maxRate: { value: 50, per: 'h' }, approvalAbove: 100 }],
    ['belt_speed', '50–200 m/min, ±20 m/min per minute, approval above 50 m/min', { unit: 'm/min', min: 50, max: 200, maxRate: { value: 20, per: 'min' }, approvalAbove: 50 }],
    ['mold_temp', '200–600 °C, ±30 °C/h, approval above 80 °C', { unit: '°C', min: 200, max: 600, maxRate: { value: 30, per: 'h' }, approvalAbove: 80 }],
    ['forming_pressure', '0–120 MPa, ±15 MPa/min, approval above 30 MPa', { unit: 'MPa', min: 0, max: 120, maxRate: { value: 15, per: 'min' }, approvalAbove: 30 }],
    ['lehr_cooling_rate', '1.5–7 °C/min, ±0.5 °C/min per minute, approval above 1.5', { unit: '°C/min', min: 1.5, max: 7, maxRate: { value: 0.5, per: 'min' }, approvalAbove: 1.5 }],
    ['load', '20–100 %, ±10 % per minute, approval above 20 %', { unit: '%', min: 20, max: 100, maxRate: { value: 10, per: 'min' }, approvalAbove: 20 }],
    ['speed', '50–105 %, ±5 % per minute, approval above 15 %', { unit: '%', min: 50, max: 105, maxRate: { value: 5, per: 'min' }, approvalAbove: 15 }],
  ])('%s: %s (the plant’s operating policy)', (key, _rule, entry) => {
    expect(DEFAULT_SAFETY_POLICY.setpoints[key]).toEqual(entry);
  });

  it('caps lehr cooling at the rate where the physics starts to crack ware', () => {
    const crack = HAZARD_TERMS.find((t) => t.cause === 'cooling_too_fast')!;
    expect(DEFAULT_SAFETY_POLICY.setpoints['lehr_cooling_rate']!.max).toBe(crack.threshold);
  });
});

describe('the envelope in force: the policy intersected with the actuator (engine SetpointView)', () => {
  it.each([
    ['furnace_temp', 1350, 1650, '50 °C/h', 100, 50 / 3600], // policy 1200–1700 narrowed by the physics' 1350–1650
    ['belt_speed', 50, 200, '20 m/min per min', 50, 20 / 60],
    ['mold_temp', 200, 600, '30 °C/h', 80, 30 / 3600],
    ['forming_pressure', 0, 100, '15 MPa/min', 30, 15 / 60], // policy 0–120 narrowed by the physics' 0–100
    ['lehr_cooling_rate', 1.5, 7, '0.5 °C/min per min', 1.5, 0.5 / 60],
  ])('every line’s %s: %s–%s at %s, approval above %s', (name, lo, hi, _rate, approvalAbove, ratePerS) => {
    for (const line of ['Line_A', 'Line_B', 'Line_C']) {
      const id = `${line}.${name}`;
      expect(envelopeOf(DEFAULT_SAFETY_POLICY, view(id))).toEqual({ setpoint: id, unit: view(id).unit, lo, hi, ratePerS, approvalAbove });
    }
  });

  it('every machine’s load 20–100 % at 10 %/min and speed 50–105 % at 5 %/min, inside the physics’ 0–110 %', () => {
    for (const v of views.filter((s) => s.name === 'load' || s.name === 'speed')) {
      const [lo, hi, ratePerS] = v.name === 'load' ? [20, 100, 10 / 60] : [50, 105, 5 / 60];
      expect(envelopeOf(DEFAULT_SAFETY_POLICY, v)).toMatchObject({ setpoint: v.id, lo, hi, ratePerS });
    }
  });

  it('covers every setpoint of the reference plant, in the order given, with no envelope wider than its actuator', () => {
    const envs = envelopes(DEFAULT_SAFETY_POLICY, views);
    expect(envs.map((e) => e.setpoint)).toEqual(views.map((v) => v.id));
    envs.forEach((e, i) => {
      expect(e.lo).toBeGreaterThanOrEqual(views[i]!.min);
      expect(e.hi).toBeLessThanOrEqual(views[i]!.max);
      expect(e.lo).toBeLessThanOrEqual(e.hi);
      expect(e.ratePerS).toBeLessThanOrEqual(views[i]!.rateLimitPerS);
    });
  });

  it('is exactly [max(min), min(max)] at the slower rate, for any policy entry and actuator that overlap', () => {
    const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    const interval = fc.tuple(finite, finite).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
    const positive = fc.double({ min: 1e-6, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(interval, interval, positive, fc.constantFrom('s', 'min', 'h') as fc.Arbitrary<'s' | 'min' | 'h'>, positive, fc.double({ min: 0, max: 1e3, noNaN: true }), ([pMin, pMax], [aMin, aMax], rate, per, actuatorRate, approvalAbove) => {
        fc.pre(Math.max(pMin, aMin) <= Math.min(pMax, aMax));
        const policy = parseSafetyPolicy({ version: 1, setpoints: { sp: { unit: 'u', min: pMin, max: pMax, maxRate: { value: rate, per }, approvalAbove } } });
        const actuator: ActuatorRange = { id: 'A.sp', name: 'sp', unit: 'u', min: aMin, max: aMax, rateLimitPerS: actuatorRate };
        const e = envelopeOf(policy, actuator)!;
        const perS = { s: 1, min: 60, h: 3600 }[per];
        return e.lo === Math.max(pMin, aMin) && e.hi === Math.min(pMax, aMax) && e.ratePerS === Math.min(rate / perS, actuatorRate) && e.approvalAbove === approvalAbove;
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes the actuator’s rate when it is slower than the policy’s', () => {
    const slow: ActuatorRange = { ...furnaceA, rateLimitPerS: 0.001 };
    expect(envelopeOf(DEFAULT_SAFETY_POLICY, slow)!.ratePerS).toBe(0.001);
  });

  it('lets an entry for one asset’s setpoint (full id) take precedence over the entry by name', () => {
    const policy = policyWith('Line_A.furnace_temp', { unit: '°C', min: 1400, max: 1550, maxRate: { value: 20, per: 'h' }, approvalAbove: 40 });
    expect(envelopeOf(policy, furnaceA)).toMatchObject({ lo: 1400, hi: 1550, ratePerS: 20 / 3600, approvalAbove: 40 });
    expect(envelopeOf(policy, view('Line_B.furnace_temp'))).toMatchObject({ lo: 1350, hi: 1650, ratePerS: 50 / 3600, approvalAbove: 100 });
  });

  it('leaves a setpoint without an entry outside the optimizer’s reach: no envelope, skipped by envelopes()', () => {
    const { furnace_temp: _, ...rest } = DEFAULT_SAFETY_POLICY.setpoints;
    const policy = parseSafetyPolicy({ version: 2, setpoints: rest });
    expect(envelopeOf(policy, furnaceA)).toBeNull();
    const envs = envelopes(policy, views);
    expect(envs.map((e) => e.setpoint)).toEqual(views.filter((v) => v.name !== 'furnace_temp').map((v) => v.id));
  });

  it('refuses a policy in another unit than the setpoint, naming the entry’s unit', () => {
    const fahrenheit = { unit: '°F', min: 2000, max: 3000, maxRate: { value: 50, per: 'h' }, approvalAbove: 100 } as const;
    let e = errorOf(() => envelopeOf(policyWith('furnace_temp', fahrenheit), furnaceA));
    expect(e.path).toBe('setpoints.furnace_temp.unit');
    expect(e.message).toBe('setpoints.furnace_temp.unit: is "°F" but Line_A.furnace_temp is in "°C"');
    e = errorOf(() => envelopeOf(policyWith('Line_A.furnace_temp', fahrenheit), furnaceA));
    expect(e.path).toBe('setpoints.Line_A.furnace_temp.unit');
    expect(() => envelopes(policyWith('furnace_temp', fahrenheit), views)).toThrow(SafetyPolicyError);
  });

  it('refuses a policy range that does not overlap the actuator’s, naming the entry', () => {
    const e = errorOf(() => envelopeOf(policyWith('furnace_temp', { ...good, min: 1700, max: 1800 }), furnaceA));
    expect(e.path).toBe('setpoints.furnace_temp');
    expect(e.message).toBe("setpoints.furnace_temp: 1700..1800 °C does not overlap Line_A.furnace_temp's range 1350..1650");
    // Touching at one point is an overlap: a one-value envelope.
    expect(envelopeOf(policyWith('furnace_temp', { ...good, min: 1650, max: 1800 }), furnaceA)).toMatchObject({ lo: 1650, hi: 1650 });
  });
});

describe('approval', () => {
  it('never widens the bounds or the rate: envelopes differ only in the threshold', () => {
    fc.assert(
      // The real furnace, and one whose own range and rate are wide, so the policy alone bounds it.
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.constantFrom(furnaceA, { ...furnaceA, min: -1e9, max: 1e9, rateLimitPerS: 1e9 }), (approvalAbove, actuator) => {
        const e = envelopeOf(policyWith('furnace_temp', { ...good, approvalAbove }), actuator)!;
        const d = envelopeOf(DEFAULT_SAFETY_POLICY, actuator)!;
        return e.lo === d.lo && e.hi === d.hi && e.ratePerS === d.ratePerS && e.approvalAbove === approvalAbove;
      }),
    );
  });

  it('only flags what the shield lets through: a huge change with approval still moves one rate step', () => {
    const strict = envelopeOf(policyWith('furnace_temp', { ...good, approvalAbove: 0 }), furnaceA)!;
    const lax = envelopeOf(policyWith('furnace_temp', { ...good, approvalAbove: 1e9 }), furnaceA)!;
    const a = shieldValue(strict, 1500, 1650, 3600);
    const b = shieldValue(lax, 1500, 1650, 3600);
    expect(a).toMatchObject({ value: 1550, needsApproval: true });
    expect(b).toMatchObject({ value: 1550, needsApproval: false });
  });
});

describe('parseSafetyPolicy names the bad field', () => {
  const cases: [string, string, string, unknown][] = [
    ['a document that is not an object', '(document)', 'must be an object with version and setpoints', null],
    ['a document that is an array', '(document)', 'must be an object with version and setpoints', []],
    ['a missing version', 'version', 'must be a finite number (got undefined)', { setpoints: {} }],
    ['a version given as text', 'version', 'must be a finite number (got "1")', { version: '1', setpoints: {} }],
    ['a version 0', 'version', 'must be a whole number from 1, got 0', { version: 0, setpoints: {} }],
    ['a fractional version', 'version', 'must be a whole number from 1, got 1.5', { version: 1.5, setpoints: {} }],
    ['an unknown top-level field', 'setpoint', 'is not a policy field (expected one of version, setpoints, $schema)', { version: 1, setpoint: {} }],
    ['a $schema that is not a string', '$schema', 'must be the schema\'s URL as a string (got 42)', { $schema: 42, version: 1, setpoints: {} }],
    ['missing setpoints', 'setpoints', 'must be an object keyed by setpoint name or id', { version: 1 }],
    ['setpoints as a list', 'setpoints', 'must be an object keyed by setpoint name or id', { version: 1, setpoints: [good] }],
    ['a setpoint key that is not a name or id', 'setpoints.furnace temp', 'must be a setpoint name ("furnace_temp") or id ("Line_A.furnace_temp")', withEntry('furnace temp', good)],
    ['an entry that is not an object', 'setpoints.furnace_temp', 'must be an object with unit, min, max, maxRate and approvalAbove', withEntry('furnace_temp', 1500)],
    ['an unknown field in an entry', 'setpoints.furnace_temp.colour', 'is not a policy field (expected one of unit, min, max, maxRate, approvalAbove)', withEntry('furnace_temp', { ...good, colour: 'red' })],
    ['a missing unit', 'setpoints.furnace_temp.unit', 'must be the setpoint’s unit, e.g. "°C"', withEntry('furnace_temp', { ...good, unit: undefined })],
    ['an empty unit', 'setpoints.furnace_temp.unit', 'must be the setpoint’s unit, e.g. "°C"', withEntry('furnace_temp', { ...good, unit: '' })],
    ['a min that is not a number', 'setpoints.furnace_temp.min', 'must be a finite number (got "1200")', withEntry('furnace_temp', { ...good, min: '1200' })],
    ['an infinite max', 'setpoints.furnace_temp.max', 'must be a finite number …', withEntry('furnace_temp', { ...good, max: Number.POSITIVE_INFINITY })],
    ['min above max', 'setpoints.furnace_temp.max', 'must not be below min (1800), got 1700', withEntry('furnace_temp', { ...good, min: 1800 })],
    ['a missing maxRate', 'setpoints.furnace_temp.maxRate', 'must be { value, per } with per one of s, min, h', withEntry('furnace_temp', { ...good, maxRate: undefined })],
    ['an unknown field in maxRate', 'setpoints.furnace_temp.maxRate.over', 'is not a policy field (expected one of value, per)', withEntry('furnace_temp', { ...good, maxRate: { value: 5, per: 'h', over: 2 } })],
    ['a negative rate', 'setpoints.furnace_temp.maxRate.value', 'must be more than 0, got -5', withEntry('furnace_temp', { ...good, maxRate: { value: -5, per: 'h' } })],
    ['a zero rate', 'setpoints.furnace_temp.maxRate.value', 'must be more than 0, got 0', withEntry('furnace_temp', { ...good, maxRate: { value: 0, per: 'h' } })],
    ['a rate per day', 'setpoints.furnace_temp.maxRate.per', 'must be "s", "min" or "h" (got "day")', withEntry('furnace_temp', { ...good, maxRate: { value: 5, per: 'day' } })],
    ['a negative approval threshold', 'setpoints.furnace_temp.approvalAbove', 'must be 0 or more, got -1', withEntry('furnace_temp', { ...good, approvalAbove: -1 })],
    ['a bad field of a per-asset entry', 'setpoints.Line_A.furnace_temp.max', 'must not be below min (1800), got 1700', withEntry('Line_A.furnace_temp', { ...good, min: 1800 })],
  ];

  it.each(cases)('refuses %s, naming %s', (_what, path, problem, doc) => {
    const e = errorOf(() => parseSafetyPolicy(doc));
    expect(e.path).toBe(path);
    // A problem ending in … is a prefix: the rest quotes the bad value.
    if (problem.endsWith('…')) expect(e.message.startsWith(`${path}: ${problem.slice(0, -1)}`), e.message).toBe(true);
    else expect(e.message).toBe(`${path}: ${problem}`);
  });

  it('and the published schema refuses the same documents, except min above max, which it cannot state', () => {
    for (const [what, , problem, doc] of cases) {
      const boundOrder = problem.startsWith('must not be below min');
      expect(validate(doc), what).toBe(boundOrder);
    }
  });
});

describe('the published schema and the parser', () => {
  it('agree on any document (bound order aside): the parser accepts exactly what the schema accepts', () => {
    const num = fc.oneof({ weight: 6, arbitrary: fc.double({ min: -2000, max: 2000, noNaN: true }) }, fc.double(), fc.constantFrom<unknown>('1', null, undefined, true));
    const rate = fc.oneof({ weight: 4, arbitrary: fc.record({ value: num, per: fc.constantFrom<unknown>('s', 'min', 'h', 'h', 'day', 1) }, { requiredKeys: ['value', 'per'] }) }, fc.record({ value: num, per: fc.constantFrom('h'), over: fc.constant(1) }, { requiredKeys: [] }), fc.constantFrom<unknown>(5, null, []));
    const entry = fc.oneof(
      { weight: 8, arbitrary: fc.record({ unit: fc.constantFrom<unknown>('°C', '°C', 'm/min', '', 7), min: num, max: num, maxRate: rate, approvalAbove: num }, { requiredKeys: ['unit', 'min', 'max', 'maxRate', 'approvalAbove'] }) },
      fc.record({ unit: fc.constant('°C'), min: num, max: num, maxRate: rate, approvalAbove: num, colour: fc.constant('red') }, { requiredKeys: [] }),
      fc.constantFrom<unknown>(null, 3, 'x', []),
    );
    const key = fc.constantFrom('furnace_temp', 'Line_A.furnace_temp', 'belt-speed', 'furnace temp', '', 'ofen/temp');
    const doc = fc.oneof(
      { weight: 8, arbitrary: fc.record({ $schema: fc.constantFrom<unknown>('https://twinworks.dev/schemas/safety-policy.schema.json', 42), version: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constantFrom<unknown>(1.5, '1', null)), setpoints: fc.dictionary(key, entry, { maxKeys: 3 }) }, { requiredKeys: ['version', 'setpoints'] }) },
      fc.record({ version: fc.constant(1), setpoints: fc.constantFrom<unknown>([], null, 'all'), extra: fc.constant(true) }, { requiredKeys: [] }),
      fc.constantFrom<unknown>(null, [], 'policy', 1),
    );
    /** min above max somewhere: the one rule only the parser states. */
    const boundsOutOfOrder = (d: unknown) =>
      typeof d === 'object' && d !== null && typeof (d as { setpoints?: unknown }).setpoints === 'object' && (d as { setpoints: object }).setpoints !== null &&
      Object.values((d as { setpoints: Record<string, unknown> }).setpoints).some((e) => typeof e === 'object' && e !== null && typeof (e as SetpointPolicy).min === 'number' && typeof (e as SetpointPolicy).max === 'number' && (e as SetpointPolicy).min > (e as SetpointPolicy).max);
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(doc, (d) => {
        fc.pre(!boundsOutOfOrder(d));
        let parsed = true;
        try {
          parseSafetyPolicy(d);
        } catch (e) {
          if (!(e instanceof SafetyPolicyError)) throw e;
          parsed = false;
        }
        if (parsed) accepted++;
        else refused++;
        return parsed === validate(d);
      }),
      { numRuns: 5_000 },
    );
    // Both answers occur often: the property is not vacuous.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
