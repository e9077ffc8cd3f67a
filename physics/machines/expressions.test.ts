import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { all, create } from 'mathjs';
import { compileExpression, linkProgram, type ExpressionScope } from './expressions.ts';

// As the compiled code does: real-valued results (NaN where mathjs would go complex), comparisons exact to 1e-300.
const { evaluate } = create(all!, { predictable: true, relTol: 1e-300, absTol: 0 });
const site = { profile: 'test.json', path: 'sensors[0].expr' };
const scope: ExpressionScope = {
  slots: new Map([
    ['x', 0],
    ['y', 1],
    ['z', 2],
  ]),
  constants: new Map([['k', 2.5]]),
};
const run = (text: string, vars: number[], sc: ExpressionScope = scope) =>
  compileExpression(text, sc, site).evaluate(Float64Array.from(vars), 0);

describe('compileExpression', () => {
  it('reads variables from their slots, at an offset', () => {
    const e = compileExpression('x * y - z', scope, site);
    expect(e.evaluate(Float64Array.from([9, 9, 3, 4, 5]), 2)).toBe(3 * 4 - 5);
    expect(e.symbols).toEqual(['x', 'y', 'z']);
  });

  it('inlines named constants as literals', () => {
    const e = compileExpression('k * x', scope, site);
    expect(e.js).toContain('(2.5)');
    expect(e.evaluate(Float64Array.from([4]), 0)).toBe(10);
  });

  it('follows mathjs precedence: -2^2 = -4, 2^3^2 = 512, implicit multiplication', () => {
    expect(run('-2^2', [])).toBe(-4);
    expect(run('2^3^2', [])).toBe(512);
    expect(run('2x', [3])).toBe(6);
  });

  it('supports comparisons, logic and conditionals as 1/0', () => {
    expect(run('x > 1 ? 10 : 20', [2])).toBe(10);
    expect(run('x > 1 ? 10 : 20', [0])).toBe(20);
    expect(run('(x > 1) + (x <= 5) + (x == 2) + (x != 2)', [2])).toBe(3);
    expect(run('x > 1 and y > 1', [2, 0])).toBe(0);
    expect(run('x > 1 or y > 1', [2, 0])).toBe(1);
    expect(run('not x', [0])).toBe(1);
  });

  it('supports the whitelisted functions with mathjs meaning', () => {
    expect(run('log(8, 2)', [])).toBeCloseTo(3, 12);
    expect(run('max(x, y, z)', [1, 7, 3])).toBe(7);
    expect(run('min(x, 2)', [5])).toBe(2);
    expect(run('sqrt(3) * pi', [])).toBeCloseTo(Math.sqrt(3) * Math.PI, 12);
    expect(run('atan(x + y)', [1, 0])).toBeCloseTo(Math.PI / 4, 12);
  });

  // Negative bases with non-integer exponents are left out: mathjs then looks for a rational
  // exponent with an odd denominator and may return a real root where Math.pow returns NaN.
  // sin and cos are left out too: pow via exp(y·ln x) is a few ulps off, which their huge arguments amplify.
  it('agrees with mathjs evaluate on random whitelisted expressions', () => {
    const eighths = (lo: number, hi: number) => fc.integer({ min: lo * 8, max: hi * 8 }).map((v) => v / 8);
    const leaf = fc.oneof(
      fc.constantFrom('x', 'y', 'z', 'k', 'pi'),
      eighths(0, 100).map(String),
    );
    const { expr } = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^', '<', '>='), tie('expr')).map(([a, op, b]) => (op === '^' ? `(abs(${a}) ^ ${b})` : `(${a} ${op} ${b})`)),
        fc.tuple(fc.constantFrom('exp', 'sqrt', 'abs', 'atan', 'log', 'tanh'), tie('expr')).map(([f, a]) => `${f}(${a})`),
        fc.tuple(fc.constantFrom('min', 'max'), tie('expr'), tie('expr')).map(([f, a, b]) => `${f}(${a}, ${b})`),
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `pow(abs(${a}), ${b})`),
        fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `(${c} > 1 ? ${a} : ${b})`),
        tie('expr').map((a) => `-${a}`),
      ),
    }));
    // Multiples of 1/8 keep sums exact, so no comparison falls inside mathjs's relative tolerance.
    const vals = fc.tuple(eighths(-50, 50), eighths(0, 10), eighths(-3, 3));
    fc.assert(
      fc.property(expr, vals, (text, [x, y, z]) => {
        const want: unknown = evaluate(text, { x, y, z, k: 2.5 });
        const got = run(text, [x, y, z]);
        const w = Number(want);
        if (!Number.isFinite(w)) expect(Object.is(got, w) || (Number.isNaN(got) && Number.isNaN(w))).toBe(true);
        else expect(Math.abs(got - w)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe('compile errors name the profile, the path, the expression and the culprit', () => {
  const message = (text: string, sc: ExpressionScope = scope) => {
    try {
      compileExpression(text, sc, site);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error(`"${text}" compiled`);
  };

  it('unknown symbol, with a suggestion', () => {
    expect(message('x * yy')).toBe('test.json: sensors[0].expr: unknown symbol "yy"; did you mean "y"? in expression "x * yy"');
  });
  it('symbol defined later', () => {
    const m = message('x + w', { ...scope, later: new Map([['w', 'derived[3]']]) });
    expect(m).toContain('symbol "w" is defined later (derived[3])');
  });
  it('unknown function', () => {
    expect(message('gamma(x)')).toContain('unknown function "gamma"');
  });
  it('wrong arity', () => {
    expect(message('pow(x)')).toContain('function "pow" takes 2 argument(s), got 1');
  });
  it('disallowed node types: assignment, matrices, ranges, strings, chained comparisons', () => {
    expect(message('x = 3')).toContain('AssignmentNode');
    expect(message('[1, 2]')).toContain('ArrayNode');
    expect(message('1:3')).toContain('RangeNode');
    expect(message('"abc"')).toContain('constant "abc" is not a number');
    expect(message('1 < x < 3')).toContain('RelationalNode');
  });
  it('unsupported operator', () => {
    expect(message('x mod 2')).toContain('operator "mod" (mod) is not supported');
  });
  it('syntax error', () => {
    expect(message('x * (y')).toContain('syntax error');
  });
});

describe('linkProgram', () => {
  it('runs statements in order over the state array', () => {
    const a = compileExpression('x + 1', scope, site).js;
    const p = linkProgram([`s[o + 1] = ${a};`, `s[o + 2] = s[o + 1] * 2;`]);
    const s = Float64Array.from([0, 5, 0, 0]);
    p(s, 1);
    expect([...s]).toEqual([0, 5, 6, 12]);
  });
});

describe('generated code is cheap', () => {
  const js = (text: string) => compileExpression(text, scope, site).js;

  it('folds constant subexpressions at compile time', () => {
    expect(js('x * sqrt(4) * k')).toBe('((s[o + 0] * (2)) * (2.5))');
    expect(js('x + 10 / 4')).toBe('(s[o + 0] + (2.5))');
  });

  it('writes small integer powers as multiplications and other powers via exp/log, never Math.pow on the hot path', () => {
    expect(js('x^3')).toBe('(s[o + 0] * s[o + 0] * s[o + 0])');
    expect(js('(x + y)^2')).toBe('(_t0 = (s[o + 0] + s[o + 1]), _t0 * _t0)');
    expect(js('x^-2')).toBe('(1 / (s[o + 0] * s[o + 0]))');
    expect(js('x^(10/3)')).toBe('Math.exp((3.3333333333333335) * Math.log(s[o + 0]))');
    expect(js('2^x')).toBe(`Math.exp((${Math.LN2}) * s[o + 0])`);
    expect(run('(x + y)^2 + (x - y)^2', [3, 1])).toBe(20);
  });

  it('writes NaN as a double, not the global NaN', () => {
    expect(js('x > 0 ? x : NaN')).toBe('(s[o + 0] > (0) ? 1 : 0) ? s[o + 0] : (0/0))'.replace(/^/, '('));
  });
});
