/**
 * The shield's promises, as properties over any envelope (lo ≤ hi, r ≥ 0, approval ≥ 0), any
 * previous target (inside its bounds or not) and any request, NaN and ±∞ included; 10,000 cases
 * each. Values come both at plant scale and from the whole range of finite doubles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Envelope } from './safety-policy.ts';
import { rampSteps, shieldAction, shieldValue } from './shield.ts';

const RUNS = { numRuns: 10_000 };
const NON_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] as const;

const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });
const plantScale = fc.double({ min: -1e4, max: 1e4, noNaN: true });
const real = fc.oneof(plantScale, anyFinite);
const rate = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }));
const dt = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 3600, noNaN: true }), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }));
const approval = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e3, noNaN: true }), fc.double({ min: 0, noNaN: true }));
const bounds = fc.oneof(
  fc.tuple(real, real).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]), // min/max, not <=: orders −0 before 0
  real.map((a) => [a, a]), // a degenerate envelope: one allowed value
);
const envelope: fc.Arbitrary<Envelope> = fc
  .record({ b: bounds, ratePerS: rate, approvalAbove: approval })
  .map(({ b, ratePerS, approvalAbove }) => ({ setpoint: 'X.sp', unit: 'u', lo: b[0]!, hi: b[1]!, ratePerS, approvalAbove }));

const insideOf = (e: Envelope) => fc.double({ min: e.lo, max: e.hi, noNaN: true });
const outsideOf = (e: Envelope) => fc.oneof(fc.double({ max: e.lo, noNaN: true, noDefaultInfinity: true }), fc.double({ min: e.hi, noNaN: true, noDefaultInfinity: true }));

interface Case {
  readonly env: Envelope;
  readonly u: number;
  readonly d: number;
  /** r·Δt: the largest move allowed in this step. */
  readonly step: number;
}
const caseOf = (prev: (e: Envelope) => fc.Arbitrary<number>): fc.Arbitrary<Case> =>
  fc.tuple(envelope, dt).chain(([env, d]) => prev(env).map((u) => ({ env, u, d, step: env.ratePerS * d })));
/** The previous target within the bounds. */
const inside = caseOf(insideOf);
/** The previous target anywhere: the plant may be found outside its bounds. */
const anywhere = caseOf((e) => fc.oneof(insideOf(e), outsideOf(e)));

/** The feasible window: in bounds and within one rate step of u_prev (empty when u_prev is far outside). */
const windowOf = (c: Case) => ({ lower: Math.max(c.env.lo, c.u - c.step), upper: Math.min(c.env.hi, c.u + c.step) });
/** A point of [lower, upper] by fraction f, without computing upper − lower (it may overflow). */
const between = (lower: number, upper: number, f: number) => Math.min(upper, Math.max(lower, lower * (1 - f) + upper * f));
/** Any float request, NaN and ±∞ included, plus feasible ones (at plant scale a random double rarely is). */
const requestFor = (c: Case) =>
  fc.oneof(
    fc.double(),
    fc.constantFrom(...NON_FINITE),
    real,
    fc.double({ min: 0, max: 1, noNaN: true }).map((f) => {
      const { lower, upper } = windowOf(c);
      return lower <= upper ? between(lower, upper, f) : c.u;
    }),
  );
const withRequest = (cases: fc.Arbitrary<Case>) => cases.chain((c) => requestFor(c).map((a) => ({ ...c, a })));

/** A few ulps of the largest magnitude involved: the shield's arithmetic rounds, the promise does not. */
const tol = (...xs: number[]) => 4 * Number.EPSILON * Math.max(...xs.map(Math.abs)) + Number.MIN_VALUE;
const within = (e: Envelope, v: number) => v >= e.lo && v <= e.hi;

describe('shieldValue: the bounds', () => {
  it('keeps the result within [lo, hi] for any request, NaN and ±∞ included, when u_prev is within them', () => {
    fc.assert(
      fc.property(withRequest(inside), ({ env, u, d, a }) => within(env, shieldValue(env, u, a, d).value)),
      RUNS,
    );
  });

  it('moves a u_prev found outside the bounds towards them: into them, or by exactly the full rate step, never away', () => {
    fc.assert(
      fc.property(withRequest(caseOf(outsideOf)), ({ env, u, d, step, a }) => {
        const v = shieldValue(env, u, a, d).value;
        if (within(env, v)) return true;
        // Still outside: on the same side, exactly one full step nearer.
        return u > env.hi ? v === u - step && v > env.hi : v === u + step && v < env.lo;
      }),
      RUNS,
    );
  });

  it('reports "recovering" exactly when u_prev is more than one step outside the bounds', () => {
    fc.assert(
      fc.property(withRequest(anywhere), (c) => {
        const { lower, upper } = windowOf(c);
        return (shieldValue(c.env, c.u, c.a, c.d).reason === 'recovering') === lower > upper;
      }),
      RUNS,
    );
  });
});

describe('shieldValue: the rate', () => {
  it('never moves u_prev by more than r·Δt, inside the bounds or out, for any request', () => {
    fc.assert(
      fc.property(withRequest(anywhere), ({ env, u, d, step, a }) => {
        const v = shieldValue(env, u, a, d).value;
        return Math.abs(v - u) <= step + tol(u, v, step);
      }),
      RUNS,
    );
  });

  it('holds u_prev when the time step is 0, negative or NaN, and on an infinite rate over no time', () => {
    const env: Envelope = { setpoint: 'X.sp', unit: 'u', lo: 0, hi: 10, ratePerS: 1, approvalAbove: 1 };
    for (const d of [0, -5, Number.NaN, Number.NEGATIVE_INFINITY]) expect(shieldValue(env, 5, 7, d)).toMatchObject({ value: 5, reason: 'rate' });
    expect(shieldValue({ ...env, ratePerS: Number.POSITIVE_INFINITY }, 5, 7, 0).value).toBe(5);
    expect(shieldValue({ ...env, ratePerS: 0 }, 5, 7, Number.POSITIVE_INFINITY).value).toBe(5);
    // An unbounded step reaches anything in bounds.
    expect(shieldValue(env, 5, 9, Number.POSITIVE_INFINITY)).toMatchObject({ value: 9, reason: 'feasible' });
  });
});

describe('shieldValue: closest to the request', () => {
  it('is idempotent: shielding the result again from the same u_prev gives the same value', () => {
    fc.assert(
      fc.property(withRequest(anywhere), ({ env, u, d, a }) => {
        const once = shieldValue(env, u, a, d);
        const twice = shieldValue(env, u, once.value, d);
        return Object.is(twice.value, once.value) && (once.reason === 'recovering' ? twice.reason === 'recovering' : twice.reason === 'feasible');
      }),
      RUNS,
    );
  });

  it('passes a feasible request (in bounds, within one step of u_prev) unchanged, with reason "feasible"', () => {
    const feasible = inside.chain((c) =>
      fc.double({ min: 0, max: 1, noNaN: true }).map((f) => {
        const { lower, upper } = windowOf(c);
        return { ...c, a: between(lower, upper, f) };
      }),
    );
    fc.assert(
      fc.property(feasible, ({ env, u, d, a }) => {
        const r = shieldValue(env, u, a, d);
        return r.value === a && r.requested === a && r.reason === 'feasible';
      }),
      RUNS,
    );
  });

  it('changes a request minimally: the result is the request clamped to [max(lo, u − r·Δt), min(hi, u + r·Δt)], and no feasible value is closer', () => {
    fc.assert(
      fc.property(withRequest(inside), fc.double({ min: 0, max: 1, noNaN: true }), (c, f) => {
        fc.pre(Number.isFinite(c.a));
        const v = shieldValue(c.env, c.u, c.a, c.d).value;
        const { lower, upper } = windowOf(c);
        const other = between(lower, upper, f);
        return v === Math.min(upper, Math.max(lower, c.a)) && Math.abs(v - c.a) <= Math.abs(other - c.a);
      }),
      RUNS,
    );
  });

  it('names why a request was changed: "bounds" lands on lo or hi, "rate" one full step from u_prev', () => {
    fc.assert(
      fc.property(withRequest(anywhere), ({ env, u, d, step, a }) => {
        const r = shieldValue(env, u, a, d);
        switch (r.reason) {
          case 'feasible':
            return r.value === a;
          case 'bounds':
            return Number.isFinite(a) && r.value !== a && (r.value === env.lo || r.value === env.hi);
          case 'rate':
            return Number.isFinite(a) && r.value !== a && (r.value === u - step || r.value === u + step);
          case 'not_finite':
            return !Number.isFinite(a);
          case 'recovering':
            return !within(env, u);
        }
      }),
      RUNS,
    );
  });
});

describe('shieldValue: NaN and ±∞', () => {
  it('holds u_prev on a NaN or infinite request when u_prev is within the bounds, with reason "not_finite"', () => {
    fc.assert(
      fc.property(inside, fc.constantFrom(...NON_FINITE), ({ env, u, d }, a) => {
        const r = shieldValue(env, u, a, d);
        return r.value === u && r.reason === 'not_finite' && Object.is(r.requested, a) && !r.needsApproval;
      }),
      RUNS,
    );
  });

  it('treats a NaN or infinite request from outside the bounds as a request to hold: only the recovery moves', () => {
    fc.assert(
      fc.property(caseOf(outsideOf), fc.constantFrom(...NON_FINITE), (c, a) => {
        const r = shieldValue(c.env, c.u, a, c.d);
        const held = shieldValue(c.env, c.u, c.u, c.d);
        return r.value === held.value && (r.reason === 'not_finite' || r.reason === 'recovering');
      }),
      RUNS,
    );
  });
});

describe('shieldValue: approval', () => {
  it('flags approval exactly when |value − u_prev| > approvalAbove', () => {
    fc.assert(
      fc.property(withRequest(anywhere), ({ env, u, d, a }) => {
        const r = shieldValue(env, u, a, d);
        return r.needsApproval === Math.abs(r.value - u) > env.approvalAbove;
      }),
      RUNS,
    );
  });

  it('never lets more through for a higher approval threshold: the value and reason do not depend on it', () => {
    fc.assert(
      fc.property(withRequest(anywhere), approval, ({ env, u, d, a }, other) => {
        const r = shieldValue(env, u, a, d);
        const s = shieldValue({ ...env, approvalAbove: other }, u, a, d);
        return Object.is(r.value, s.value) && r.reason === s.reason;
      }),
      RUNS,
    );
  });
});

describe('shieldValue over 1,000-step sequences', () => {
  it('keeps every value within the bounds and every step within the rate, feeding each value back as u_prev', () => {
    fc.assert(
      fc.property(inside, fc.integer({ min: 0, max: 2 ** 32 - 1 }), ({ env, u: u0, d, step }, seed) => {
        // mulberry32 inside the property: 10,000 sequences of 1,000 requests from fast-check arrays would be slow.
        let x = seed >>> 0;
        const next = () => {
          x = (x + 0x6d2b79f5) >>> 0;
          let t = Math.imul(x ^ (x >>> 15), x | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
        let u = u0;
        for (let k = 0; k < 1000; k++) {
          const p = next();
          const q = next();
          let a: number;
          if (p < 0.1) a = NON_FINITE[Math.floor(q * 3)]!;
          else if (p < 0.4) a = u + step * (4 * q - 2); // near u_prev: feasible or rate-limited
          else if (p < 0.9) a = env.lo * (1 - (2 * q - 0.5)) + env.hi * (2 * q - 0.5); // across the bounds and beyond
          else a = (q - 0.5) * 1e300;
          const r = shieldValue(env, u, a, d);
          if (!within(env, r.value) || Math.abs(r.value - u) > step + tol(u, r.value, step)) return false;
          if (r.needsApproval !== Math.abs(r.value - u) > env.approvalAbove) return false;
          u = r.value;
        }
        return true;
      }),
      RUNS,
    );
  });
});

describe('shieldAction', () => {
  const furnace: Envelope = { setpoint: 'Line_A.furnace_temp', unit: '°C', lo: 1350, hi: 1650, ratePerS: 50 / 3600, approvalAbove: 100 };
  const belt: Envelope = { setpoint: 'Line_A.belt_speed', unit: 'm/min', lo: 50, hi: 200, ratePerS: 20 / 60, approvalAbove: 50 };

  it('refuses an action whose current or requested values do not match the envelopes in length', () => {
    expect(() => shieldAction([furnace], [1500, 150], [1400], 60)).toThrow(new RangeError('shield: 1 envelopes but 2 current and 1 requested values'));
    expect(() => shieldAction([furnace, belt], [1500, 150], [1400], 60)).toThrow(new RangeError('shield: 2 envelopes but 2 current and 1 requested values'));
    expect(() => shieldAction([furnace], [], [], 60)).toThrow(RangeError);
  });

  it('shields each value by its own envelope, in order', () => {
    const r = shieldAction([furnace, belt], [1500, 150], [1600, Number.NaN], 3600);
    expect(r).toEqual([
      { setpoint: 'Line_A.furnace_temp', requested: 1600, value: 1550, reason: 'rate', needsApproval: false },
      { setpoint: 'Line_A.belt_speed', requested: Number.NaN, value: 150, reason: 'not_finite', needsApproval: false },
    ]);
    expect(shieldAction([], [], [], 60)).toEqual([]);
  });
});

describe('rampSteps', () => {
  const furnace: Envelope = { setpoint: 'Line_A.furnace_temp', unit: '°C', lo: 1350, hi: 1650, ratePerS: 50 / 3600, approvalAbove: 100 };

  it('ramps one step per interval, each within the rate, landing exactly on the target', () => {
    const steps = rampSteps(furnace, 1500, 1440, 60);
    expect(steps).toHaveLength(72); // 60 °C at 50 °C/h: 72 minutes
    expect(steps.at(-1)).toEqual({ afterS: 4320, value: 1440 });
    steps.forEach((s, k) => expect(s.afterS).toBe((k + 1) * 60));
    let prev = 1500;
    for (const s of steps) {
      expect(prev - s.value).toBeGreaterThan(0);
      expect(prev - s.value).toBeLessThanOrEqual((50 / 3600) * 60 * (1 + 1e-9));
      prev = s.value;
    }
  });

  it('lands on the shielded target: a target beyond the bounds on the bound, a NaN or infinite target holds', () => {
    expect(rampSteps(furnace, 1500, 1800, 600).at(-1)!.value).toBe(1650);
    expect(rampSteps(furnace, 1500, -1e9, 600).at(-1)!.value).toBe(1350);
    for (const to of NON_FINITE) expect(rampSteps(furnace, 1500, to, 600)).toEqual([]);
    expect(rampSteps(furnace, 1500, 1500, 600)).toEqual([]);
  });

  it('brings a start outside the bounds back at the full rate', () => {
    expect(rampSteps(furnace, 1800, Number.NaN, 3600).map((s) => s.value)).toEqual([1750, 1700, 1650]);
  });

  it('for any envelope, start and target: lands exactly on clamp(target), every step within r·everyS, at k·everyS', () => {
    const ramp = fc
      .record({ lo: plantScale, width: fc.double({ min: 0, max: 1e3, noNaN: true }), ratePerS: fc.double({ min: 0.1, max: 10, noNaN: true }), everyS: fc.double({ min: 1, max: 600, noNaN: true }) })
      .chain(({ lo, width, ratePerS, everyS }) => {
        // At most ~11,000 steps (1,200 units at ≥ 0.1 a step): well inside the ramp's cap.
        const env: Envelope = { setpoint: 'X.sp', unit: 'u', lo, hi: lo + width, ratePerS, approvalAbove: 0 };
        return fc.tuple(fc.constant(env), fc.constant(everyS), fc.double({ min: lo - 10, max: lo + width + 10, noNaN: true }), fc.double({ min: lo - 100, max: lo + width + 100, noNaN: true }));
      });
    fc.assert(
      fc.property(ramp, ([env, everyS, from, to]) => {
        const steps = rampSteps(env, from, to, everyS);
        const goal = Math.min(env.hi, Math.max(env.lo, to));
        const step = env.ratePerS * everyS;
        let prev = from;
        const ok = steps.every((s, k) => {
          const fine = s.afterS === (k + 1) * everyS && Math.abs(s.value - prev) <= step * (1 + 1e-9) + tol(prev, s.value);
          prev = s.value;
          return fine;
        });
        return ok && (steps.length === 0 ? from === goal : steps.at(-1)!.value === goal);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses an interval that is not more than 0 s', () => {
    for (const everyS of [0, -60, Number.NaN]) expect(() => rampSteps(furnace, 1500, 1440, everyS)).toThrow(new RangeError(`ramp: everyS must be more than 0, got ${everyS}`));
  });

  it('refuses a ramp that cannot reach its target rather than end short of it', () => {
    expect(() => rampSteps({ ...furnace, ratePerS: 0 }, 1500, 1440, 60)).toThrow(new RangeError('ramp: Line_A.furnace_temp cannot reach 1440 from 1500 in 100000 steps of 60 s'));
    // 300 °C at 50 °C/h in 0.1 s steps: 216,000 steps.
    expect(() => rampSteps(furnace, 1350, 1650, 0.1)).toThrow(RangeError);
    expect(rampSteps({ ...furnace, ratePerS: 0 }, 1500, 1500, 60)).toEqual([]);
  });
});
