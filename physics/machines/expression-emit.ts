/**
 * Code generation for profile expressions: a walk over a whitelist of mathjs AST nodes that emits a
 * JavaScript expression over `s` (a Float64Array) and `o` (an offset). Constant subtrees are folded;
 * powers avoid Math.pow where they can. See expressions.ts for the public API.
 */
import type { MathNode } from 'mathjs';
import type { ExpressionScope } from './expression-scope.ts';

/** Whitelisted functions: name → [min arity, max arity, emitter]. Semantics follow mathjs on reals. */
const FUNCTIONS: Readonly<Record<string, readonly [number, number, (a: string[]) => string]>> = {
  exp: [1, 1, (a) => `Math.exp(${a[0]})`],
  expm1: [1, 1, (a) => `Math.expm1(${a[0]})`],
  // mathjs log(x, base) = ln x / ln base
  log: [1, 2, (a) => (a.length === 1 ? `Math.log(${a[0]})` : `(Math.log(${a[0]}) / Math.log(${a[1]}))`)],
  log1p: [1, 1, (a) => `Math.log1p(${a[0]})`],
  log10: [1, 1, (a) => `Math.log10(${a[0]})`],
  log2: [1, 1, (a) => `Math.log2(${a[0]})`],
  sqrt: [1, 1, (a) => `Math.sqrt(${a[0]})`],
  cbrt: [1, 1, (a) => `Math.cbrt(${a[0]})`],
  abs: [1, 1, (a) => `Math.abs(${a[0]})`],
  sign: [1, 1, (a) => `Math.sign(${a[0]})`],
  pow: [2, 2, (a) => `Math.pow(${a[0]}, ${a[1]})`],
  min: [1, Infinity, (a) => `Math.min(${a.join(', ')})`],
  max: [1, Infinity, (a) => `Math.max(${a.join(', ')})`],
  hypot: [1, Infinity, (a) => `Math.hypot(${a.join(', ')})`],
  floor: [1, 1, (a) => `Math.floor(${a[0]})`],
  ceil: [1, 1, (a) => `Math.ceil(${a[0]})`],
  sin: [1, 1, (a) => `Math.sin(${a[0]})`],
  cos: [1, 1, (a) => `Math.cos(${a[0]})`],
  tan: [1, 1, (a) => `Math.tan(${a[0]})`],
  asin: [1, 1, (a) => `Math.asin(${a[0]})`],
  acos: [1, 1, (a) => `Math.acos(${a[0]})`],
  atan: [1, 1, (a) => `Math.atan(${a[0]})`],
  atan2: [2, 2, (a) => `Math.atan2(${a[0]}, ${a[1]})`],
  sinh: [1, 1, (a) => `Math.sinh(${a[0]})`],
  cosh: [1, 1, (a) => `Math.cosh(${a[0]})`],
  tanh: [1, 1, (a) => `Math.tanh(${a[0]})`],
};

/** Operators by mathjs function name. Comparisons and logic yield 1 or 0 (mathjs: true/false). */
const OPERATORS: Readonly<Record<string, (a: string[]) => string>> = {
  add: (a) => `(${a[0]} + ${a[1]})`,
  subtract: (a) => `(${a[0]} - ${a[1]})`,
  multiply: (a) => `(${a[0]} * ${a[1]})`,
  divide: (a) => `(${a[0]} / ${a[1]})`,
  pow: (a) => `Math.pow(${a[0]}, ${a[1]})`,
  unaryMinus: (a) => `(-${a[0]})`,
  unaryPlus: (a) => `(+${a[0]})`,
  // mathjs compares with a relative tolerance (config.relTol); here comparisons are exact IEEE 754.
  smaller: (a) => `(${a[0]} < ${a[1]} ? 1 : 0)`,
  smallerEq: (a) => `(${a[0]} <= ${a[1]} ? 1 : 0)`,
  larger: (a) => `(${a[0]} > ${a[1]} ? 1 : 0)`,
  largerEq: (a) => `(${a[0]} >= ${a[1]} ? 1 : 0)`,
  equal: (a) => `(${a[0]} === ${a[1]} ? 1 : 0)`,
  unequal: (a) => `(${a[0]} !== ${a[1]} ? 1 : 0)`,
  and: (a) => `(${a[0]} && ${a[1]} ? 1 : 0)`,
  or: (a) => `(${a[0]} || ${a[1]} ? 1 : 0)`,
  xor: (a) => `((${a[0]} ? 1 : 0) !== (${a[1]} ? 1 : 0) ? 1 : 0)`,
  not: (a) => `(${a[0]} ? 0 : 1)`,
};

// NaN marks a sample that does not exist (a ratio of a stopped machine), as a sensor dropout does.
const BUILTIN_CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, NaN: NaN, Infinity: Infinity };

/** Names an expression variable may not take: mathjs keywords, whitelisted functions, constants. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(FUNCTIONS),
  ...Object.keys(BUILTIN_CONSTANTS),
  'and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'true', 'false', 'null', 'undefined', 'i', 'end',
]);

/**
 * A JS literal for a number, parenthesized so that a sign never merges with an operator. NaN and
 * ±Infinity are written as divisions: the global `NaN` would be a tagged value and, mixed with doubles
 * in a conditional, make V8 allocate a heap number on every evaluation.
 */
function literal(x: number): string {
  if (Number.isNaN(x)) return '(0/0)';
  if (x === Infinity) return '(1/0)';
  if (x === -Infinity) return '(-1/0)';
  return Object.is(x, -0) ? '(-0)' : `(${String(x)})`;
}

/** Generated code for a subtree; `konst` when it reads no variable (then it is folded to a literal). */
export interface Code {
  readonly js: string;
  readonly konst: boolean;
}

export interface EmitCtx {
  readonly scope: ExpressionScope;
  readonly fail: (problem: string) => never;
  readonly used: string[];
  temps: number;
}

/** A literal "(2.5)" or a slot "s[o + 3]": cheap to repeat. */
const isAtom = (js: string) => (js.startsWith('(') && !js.includes(' ')) || /^s\[o \+ \d+\]$/.test(js);

/** Evaluates constant code once, at compile time. */
function fold(js: string): Code {
  return { js: literal(new Function(`'use strict'; return ${js};`)() as number), konst: true };
}

/**
 * x^y without Math.pow where possible (it costs ~80 ns in V8, a multiply ~1 ns):
 * integer exponents up to ±4 → repeated multiplication; other non-integer constant exponents and
 * constant positive bases → exp(y·ln x), equal to pow within a few ulps times |y·ln x| on the reals.
 */
function power(base: Code, exp: Code, ctx: EmitCtx): string {
  if (base.konst && exp.konst) return `Math.pow(${base.js}, ${exp.js})`; // folded at compile time
  const k = exp.konst ? Number(exp.js.slice(1, -1)) : NaN;
  if (Number.isInteger(k) && k >= -4 && k <= 4 && k !== 0) {
    let b = base.js;
    let first = b;
    if (!isAtom(b)) {
      const t = `_t${ctx.temps++}`;
      first = `${t} = ${b}`;
      b = t;
    }
    const prod = `(${[first, ...Array<string>(Math.abs(k) - 1).fill(b)].join(' * ')})`;
    const js = first === b ? prod : `(${first}, ${Array<string>(Math.abs(k)).fill(b).join(' * ')})`;
    return k > 0 ? js : `(1 / ${js})`;
  }
  if (exp.konst && Number.isFinite(k) && !Number.isInteger(k)) return `Math.exp(${literal(k)} * Math.log(${base.js}))`;
  const c = base.konst ? Number(base.js.slice(1, -1)) : NaN;
  if (c > 0 && Number.isFinite(c)) return `Math.exp(${literal(Math.log(c))} * ${exp.js})`;
  return `Math.pow(${base.js}, ${exp.js})`;
}

export function emit(node: MathNode, ctx: EmitCtx): Code {
  const n = node as MathNode & Record<string, unknown>;
  const { scope, fail } = ctx;
  const combine = (children: readonly Code[], js: string): Code => (children.every((c) => c.konst) ? fold(js) : { js, konst: false });
  switch (node.type) {
    case 'ConstantNode': {
      const v = n['value'];
      if (typeof v === 'number') return { js: literal(v), konst: true };
      if (typeof v === 'boolean') return { js: v ? '(1)' : '(0)', konst: true };
      return fail(`constant ${JSON.stringify(v)} is not a number`);
    }
    case 'SymbolNode': {
      const name = n['name'] as string;
      const slot = scope.slots.get(name);
      const constant = scope.constants.get(name);
      if (slot !== undefined || constant !== undefined) {
        if (!ctx.used.includes(name)) ctx.used.push(name);
        return slot !== undefined ? { js: `s[o + ${slot}]`, konst: false } : { js: literal(constant!), konst: true };
      }
      const builtin = BUILTIN_CONSTANTS[name];
      if (builtin !== undefined) return { js: literal(builtin), konst: true };
      const where = scope.later?.get(name);
      if (where !== undefined) {
        return fail(`symbol "${name}" is defined later (${where}); an expression may only use names defined before it`);
      }
      return fail(`unknown symbol "${name}"${suggest(name, [...scope.slots.keys(), ...scope.constants.keys()])}`);
    }
    case 'ParenthesisNode':
      return emit(n['content'] as MathNode, ctx);
    case 'OperatorNode': {
      const fn = n['fn'] as string;
      const op = OPERATORS[fn];
      if (op === undefined) return fail(`operator "${String(n['op'])}" (${fn}) is not supported`);
      const args = (n['args'] as MathNode[]).map((a) => emit(a, ctx));
      if (fn === 'pow') return combine(args, power(args[0]!, args[1]!, ctx));
      return combine(args, op(args.map((a) => a.js)));
    }
    case 'ConditionalNode': {
      const parts = [n['condition'], n['trueExpr'], n['falseExpr']].map((x) => emit(x as MathNode, ctx));
      return combine(parts, `(${parts[0]!.js} ? ${parts[1]!.js} : ${parts[2]!.js})`);
    }
    case 'FunctionNode': {
      const fnNode = n['fn'] as MathNode & { name?: string };
      const name = fnNode.type === 'SymbolNode' ? (fnNode.name ?? '') : '';
      const entry = FUNCTIONS[name];
      if (entry === undefined) {
        return fail(`unknown function "${name || fnNode.toString()}"${suggest(name, Object.keys(FUNCTIONS))}`);
      }
      const argNodes = n['args'] as MathNode[];
      const [lo, hi, gen] = entry;
      if (argNodes.length < lo || argNodes.length > hi) {
        const want = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} to ${hi}`;
        return fail(`function "${name}" takes ${want} argument(s), got ${argNodes.length}`);
      }
      const args = argNodes.map((a) => emit(a, ctx));
      if (name === 'pow') return combine(args, power(args[0]!, args[1]!, ctx));
      return combine(args, gen(args.map((a) => a.js)));
    }
    default:
      return fail(`${node.type} ("${node.toString()}") is not allowed; use numbers, variables, operators, a ? b : c and whitelisted functions`);
  }
}

/** ", did you mean "x"?" for a name within edit distance 2 of a known one. */
function suggest(name: string, known: readonly string[]): string {
  let best = '';
  let bestD = 3;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best ? `; did you mean "${best}"?` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

