/**
 * The shield's promises, as properties over any envelope, any previous target (inside its bounds or
 * not) and any request, NaN and ±∞ included; 10,000 cases each.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Envelope } from './safety-policy.ts';
import { rampSteps, shieldAction, shieldValue } from './shield.ts';

const RUNS = { numRuns: 10_000 };
const TOL = 1e-9;

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const request = fc.oneof(finite, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY), fc.double());
const envelope: fc.Arbitrary<Envelope> = fc
  .record({ a: finite, width: fc.double({ min: 0, max: 1e4, noNaN: true }), ratePerS: fc.double({ min: 0, max: 100, noNaN: true }), approvalAbove: fc.double({ min: 0, max: 1e4, noNaN: true }) })
  .map(({ a, width, ratePerS, approvalAbove }) => ({ setpoint: 'X.sp', unit: 'u', lo: a, hi: a + width, ratePerS, approvalAbove }));
const dt = fc.double({ min: 0, max: 3600, noNaN: true });
/** An envelope with a previous target inside its bounds. */
const inside = envelope.chain((env) => fc.tuple(fc.constant(env), fc.double({ min: env.lo, max: env.hi, noNaN: true })));
/** An envelope with a previous target anywhere (the plant may be found outside its bounds). */
const anywhere = envelope.chain((env) => fc.tuple(fc.constant(env), fc.oneof(fc.double({ min: env.lo, max: env.hi, noNaN: true }), fc.double({ min: env.lo - 1e5, max: env.hi + 1e5, noNaN: true }))));
const tolOf = (env: Envelope, u: number) => TOL * Math.max(1, Math.abs(env.lo), Math.abs(env.hi), Math.abs(u));

describe('the shield', () => {
  it('keeps the result within the bounds for any request, NaN and ±∞ included, when the target in force is within them', () => {
    fc.assert(
      fc.property(inside, request, dt, ([env, u], a, d) => {
        const v = shieldValue(env, u, a, d).value;
        return v >= env.lo && v <= env.hi;
      }),
      RUNS,
    );
  });

  it('brings a target found outside the bounds back towards them at the full rate, never away', () => {
    fc.assert(
      fc.property(anywhere, request, dt, ([env, u], a, d) => {
        const v = shieldValue(env, u, a, d).value;
        const distance = (x: number) => Math.max(0, env.lo - x, x - env.hi);
        const step = env.ratePerS * d;
        return distance(v) <= distance(u) + tolOf(env, u) && (distance(u) === 0 || distance(v) <= Math.max(0, distance(u) - step) + tolOf(env, u));
      }),
      RUNS,
    );
  });

  it('never moves faster than the rate: |u − u_prev| ≤ r·Δt', () => {
    fc.assert(
      fc.property(anywhere, request, dt, ([env, u], a, d) => Math.abs(shieldValue(env, u, a, d).value - u) <= env.ratePerS * d + tolOf(env, u)),
      RUNS,
    );
  });

  it('is idempotent: shielding its own result again changes nothing', () => {
    fc.assert(
      fc.property(inside, request, dt, ([env, u], a, d) => {
        const once = shieldValue(env, u, a, d).value;
        const twice = shieldValue(env, u, once, d);
        return twice.value === once && twice.reason === 'feasible';
      }),
      RUNS,
    );
  });

  it('passes a feasible request unchanged', () => {
    const feasible = inside.chain(([env, u]) => fc.tuple(fc.constant(env), fc.constant(u), dt).chain(([e, uu, d]) => fc.tuple(fc.constant(e), fc.constant(uu), fc.constant(d), fc.double({ min: Math.max(e.lo, uu - e.ratePerS * d), max: Math.min(e.hi, uu + e.ratePerS * d), noNaN: true }))));
    fc.assert(
      fc.property(feasible, ([env, u, d, a]) => {
        const r = shieldValue(env, u, a, d);
        return r.value === a && r.reason === 'feasible';
      }),
      RUNS,
    );
  });

  it('changes a request minimally: no feasible value is closer to it', () => {
    fc.assert(
      fc.property(inside, finite, dt, fc.double({ min: 0, max: 1, noNaN: true }), ([env, u], a, d, f) => {
        const v = shieldValue(env, u, a, d).value;
        const lo = Math.max(env.lo, u - env.ratePerS * d);
        const hi = Math.min(env.hi, u + env.ratePerS * d);
        const other = lo + f * (hi - lo);
        return Math.abs(v - a) <= Math.abs(other - a) + tolOf(env, a);
      }),
      RUNS,
    );
  });

  it('holds the target in force on a NaN or infinite request', () => {
    fc.assert(
      fc.property(inside, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY), dt, ([env, u], a, d) => {
        const r = shieldValue(env, u, a, d);
        return r.value === u && r.reason === 'not_finite';
      }),
      RUNS,
    );
  });

  it('flags a change for approval exactly when it is larger than the threshold', () => {
    fc.assert(
      fc.property(anywhere, request, dt, ([env, u], a, d) => {
        const r = shieldValue(env, u, a, d);
        return r.needsApproval === Math.abs(r.value - u) > env.approvalAbove;
      }),
      RUNS,
    );
  });

  it('keeps the invariant over random sequences of 1,000 requests: within bounds, within rate, every step', () => {
    fc.assert(
      fc.property(inside, fc.integer({ min: 1, max: 2 ** 31 - 1 }), dt, ([env, u0], seed, d) => {
        // A cheap PRNG inside the property: 10,000 sequences of 1,000 steps stay fast.
        let x = seed;
        const next = () => {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0;
          return x / 2 ** 32;
        };
        const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
        let u = u0;
        for (let k = 0; k < 1000; k++) {
          const p = next();
          const a = p < 0.05 ? specials[k % 3]! : env.lo - (env.hi - env.lo + 1) + 3 * (env.hi - env.lo + 1) * next();
          const v = shieldValue(env, u, a, d).value;
          if (!(v >= env.lo && v <= env.hi) || Math.abs(v - u) > env.ratePerS * d + tolOf(env, u)) return false;
          u = v;
        }
        return true;
      }),
      RUNS,
    );
  });
});

describe('the shield on a whole action, and the ramp', () => {
  const furnace: Envelope = { setpoint: 'Line_A.furnace_temp', unit: '°C', lo: 1350, hi: 1650, ratePerS: 50 / 3600, approvalAbove: 100 };

  it('refuses an action whose length does not match the envelopes', () => {
    expect(() => shieldAction([furnace], [1500, 150], [1400], 60)).toThrow('shield: 1 envelopes but 2 current and 1 requested values');
  });

  it('ramps to the target within the rate, one step per interval, landing exactly on it', () => {
    const steps = rampSteps(furnace, 1500, 1440, 60);
    expect(steps).toHaveLength(72);
    expect(steps.at(-1)).toEqual({ afterS: 4320, value: 1440 });
    let prev = 1500;
    for (const s of steps) {
      expect(prev - s.value).toBeLessThanOrEqual((50 / 3600) * 60 + 1e-9);
      prev = s.value;
    }
    expect(rampSteps(furnace, 1500, 1800, 600).at(-1)!.value).toBe(1650);
    expect(() => rampSteps(furnace, 1500, 1440, 0)).toThrow('ramp: everyS must be more than 0, got 0');
  });
});
