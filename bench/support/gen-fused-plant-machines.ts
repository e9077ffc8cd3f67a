/**
 * Generates bench/support/fused-plant-machines.ts: the eight built-in machine profiles' expressions
 * written out as plain TypeScript, for the fused reference-plant loop of the engine benchmark.
 *
 *   npx tsx bench/support/gen-fused-plant-machines.ts   (then commit the generated file)
 *
 * mathjs only parses here, at generation time; the generated file never touches mathjs. The
 * translation is this file's own (it does not call physics/machines/expression-emit.ts), but it makes
 * the same evaluation choices as the engine's emitter, so the fused loop can be checked bit for bit:
 * constant subtrees folded; x^k for integer |k| ≤ 4 as repeated multiplication; a non-integer constant
 * exponent as exp(k·ln x); a constant positive base as exp(ln c · y); otherwise Math.pow. The state
 * layout (which word each name lives in) is derived from the profile and checked against the
 * engine's compiled layout, since the benchmark compares the two states word for word.
 */
import { writeFileSync } from 'node:fs';
import { parse, type MathNode } from 'mathjs';
import { MACHINE_TYPES } from '../../physics/machines/machine-spec.ts';
import { builtinProfiles } from '../../physics/machines/profile.ts';
import type { ProfileDocument } from '../../physics/machines/profile-document.ts';

export const FUSED_MACHINES_FILE = new URL('./fused-plant-machines.ts', import.meta.url);
const OUT = FUSED_MACHINES_FILE;
/** Transcendental functions counted for the roofline (the rest are a few cycles each). */
const COUNTED = ['exp', 'expm1', 'log', 'log1p', 'pow', 'sqrt', 'sin', 'cos', 'atan'] as const;

interface Code {
  readonly js: string;
  readonly konst: boolean;
}
interface Gen {
  readonly slot: ReadonlyMap<string, number>;
  readonly konst: ReadonlyMap<string, number>;
  temps: number;
  where: string;
}

const lit = (x: number): string => (Number.isNaN(x) ? '(0 / 0)' : x === Infinity ? '(1 / 0)' : x === -Infinity ? '(-1 / 0)' : Object.is(x, -0) ? '(-0)' : `(${String(x)})`);
const foldJs = (js: string): Code => ({ js: lit(new Function(`return ${js};`)() as number), konst: true });
const isAtom = (js: string): boolean => /^\([-0-9.e+]+\)$/.test(js) || /^s\[o \+ \d+\]!$/.test(js);
const numOf = (c: Code): number => Number(c.js.slice(1, -1));

function pow(b: Code, e: Code, g: Gen): string {
  if (b.konst && e.konst) return `Math.pow(${b.js}, ${e.js})`;
  const k = e.konst ? numOf(e) : NaN;
  if (Number.isInteger(k) && k !== 0 && Math.abs(k) <= 4) {
    let first = b.js;
    let x = b.js;
    if (!isAtom(b.js)) {
      x = `_t${g.temps++}`;
      first = `${x} = ${b.js}`;
    }
    const prod = first === x ? `(${Array<string>(Math.abs(k)).fill(x).join(' * ')})` : `(${first}, ${Array<string>(Math.abs(k)).fill(x).join(' * ')})`;
    return k > 0 ? prod : `(1 / ${prod})`;
  }
  if (e.konst && Number.isFinite(k) && !Number.isInteger(k)) return `Math.exp(${lit(k)} * Math.log(${b.js}))`;
  const c = b.konst ? numOf(b) : NaN;
  if (c > 0 && Number.isFinite(c)) return `Math.exp(${lit(Math.log(c))} * ${e.js})`;
  return `Math.pow(${b.js}, ${e.js})`;
}

const BINARY: Readonly<Record<string, string>> = { add: '+', subtract: '-', multiply: '*', divide: '/' };
const COMPARE: Readonly<Record<string, string>> = { larger: '>', largerEq: '>=', smaller: '<', smallerEq: '<=', equal: '===', unequal: '!==' };
const FN1 = new Set(['exp', 'expm1', 'log', 'log1p', 'sqrt', 'abs', 'atan', 'sin', 'cos', 'floor']);

function gen(node: MathNode, g: Gen): Code {
  const n = node as MathNode & Record<string, unknown>;
  const all = (cs: readonly Code[], js: string): Code => (cs.every((c) => c.konst) ? foldJs(js) : { js, konst: false });
  switch (node.type) {
    case 'ConstantNode':
      if (typeof n['value'] !== 'number') throw new Error(`${g.where}: constant ${String(n['value'])} is not a number`);
      return { js: lit(n['value'] as number), konst: true };
    case 'SymbolNode': {
      const name = n['name'] as string;
      const at = g.slot.get(name);
      if (at !== undefined) return { js: `s[o + ${at}]!`, konst: false };
      const c = g.konst.get(name) ?? (name === 'pi' ? Math.PI : name === 'e' ? Math.E : undefined);
      if (c === undefined) throw new Error(`${g.where}: unknown symbol ${name}`);
      return { js: lit(c), konst: true };
    }
    case 'ParenthesisNode':
      return gen(n['content'] as MathNode, g);
    case 'OperatorNode': {
      const fn = n['fn'] as string;
      const a = (n['args'] as MathNode[]).map((x) => gen(x, g));
      if (fn === 'pow') return all(a, pow(a[0]!, a[1]!, g));
      if (fn === 'unaryMinus') return all(a, `(-${a[0]!.js})`);
      if (BINARY[fn]) return all(a, `(${a[0]!.js} ${BINARY[fn]} ${a[1]!.js})`);
      if (COMPARE[fn]) return all(a, `(${a[0]!.js} ${COMPARE[fn]} ${a[1]!.js} ? 1 : 0)`);
      throw new Error(`${g.where}: operator ${fn} not handled`);
    }
    case 'ConditionalNode': {
      const [c, t, f] = [n['condition'], n['trueExpr'], n['falseExpr']].map((x) => gen(x as MathNode, g)) as [Code, Code, Code];
      return all([c, t, f], `(${c.js} ? ${t.js} : ${f.js})`);
    }
    case 'FunctionNode': {
      const name = (n['fn'] as { name?: string }).name ?? '';
      const a = (n['args'] as MathNode[]).map((x) => gen(x, g));
      if (name === 'pow') return all(a, pow(a[0]!, a[1]!, g));
      if (name === 'max' || name === 'min') return all(a, `Math.${name}(${a.map((x) => x.js).join(', ')})`);
      if (FN1.has(name) && a.length === 1) return all(a, `Math.${name}(${a[0]!.js})`);
      throw new Error(`${g.where}: function ${name} not handled`);
    }
    default:
      throw new Error(`${g.where}: node ${node.type} not handled`);
  }
}

function countOps(code: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of COUNTED) out[f] = (code.match(new RegExp(`Math\\.${f}\\(`, 'g')) ?? []).length;
  return out;
}

/** Word offsets: 8 fixed input words, 10 per failure mode, then states, internal, sensors, derived. */
function layout(doc: ProfileDocument): { slot: Map<string, number>; modeAt: number[]; sensorsAt: number; size: number } {
  const slot = new Map<string, number>([['load', 0], ['speed', 1], ['running', 2], ['ambient_c', 3], ['demand', 7]]);
  let next = 8;
  const modeAt = doc.failureModes.map((m) => {
    slot.set(m.name, next + 8);
    next += 10;
    return next - 10;
  });
  for (const st of doc.states) slot.set(st.name, next++);
  for (const it of doc.internal) slot.set(it.name, next++);
  const sensorsAt = next;
  for (const it of [...doc.sensors, ...doc.derived]) slot.set(it.name, next++);
  return { slot, modeAt, sensorsAt, size: next };
}

function typeCode(type: string): { code: string; meta: string } {
  const p = builtinProfiles().get(type as never)!;
  const doc = p.document;
  const L = layout(doc);
  for (const [name, at] of L.slot) {
    if (p.compiled.slots.get(name) !== at) throw new Error(`${type}: ${name} at ${at}, the engine has it at ${p.compiled.slots.get(name)}`);
  }
  if (p.compiled.stateSize !== L.size || p.compiled.sensorsAt !== L.sensorsAt) throw new Error(`${type}: state size or sensor offset differs from the engine's`);
  const konst = new Map<string, number>([...Object.entries(doc.rated).map(([k, v]) => [`rated_${k}`, v] as const), ...Object.entries(doc.parameters)]);
  // Each expression sees only the names defined before it, as in the profile's own rules.
  const visible = new Map<string, number>([['load', 0], ['speed', 1], ['running', 2], ['ambient_c', 3], ['demand', 7]]);
  doc.failureModes.forEach((m, i) => visible.set(m.name, L.modeAt[i]! + 8));
  doc.states.forEach((st) => visible.set(st.name, L.slot.get(st.name)!));
  const g: Gen = { slot: visible, konst, temps: 0, where: '' };
  const rates = doc.failureModes.map((m, i) => {
    g.where = `${type} failureModes[${i}].rate`;
    return `  s[o + ${L.modeAt[i]! + 9}] = ${gen(parse(m.rate), g).js};`;
  });
  const ratesTemps = g.temps;
  g.temps = 0;
  const out: string[] = [];
  doc.internal.forEach((it, i) => {
    g.where = `${type} internal[${i}]`;
    out.push(`  s[o + ${L.slot.get(it.name)}] = ${gen(parse(it.expr), g).js};`);
    visible.set(it.name, L.slot.get(it.name)!);
  });
  doc.states.forEach((st, i) => {
    g.where = `${type} states[${i}].target`;
    const k = L.slot.get(st.name)!;
    out.push(`  x = s[o + ${k}]!;\n  s[o + ${k}] = x + (${gen(parse(st.target), g).js} - x) * lag[${i}]!; // ${st.name}, τ ${st.tauS} s`);
  });
  [...doc.sensors, ...doc.derived].forEach((it, i) => {
    g.where = `${type} sensor ${it.name}`;
    out.push(`  s[o + ${L.slot.get(it.name)}] = ${gen(parse(it.expr), g).js}; // ${it.name}`);
    visible.set(it.name, L.slot.get(it.name)!);
  });
  const temps = (n: number): string => (n > 0 ? `  let ${Array.from({ length: n }, (_, i) => `_t${i}: number`).join(', ')};\n` : '');
  const fname = type.replace(/_(.)/g, (_, c: string) => c.toUpperCase());
  const ratesBody = `${temps(ratesTemps)}${rates.join('\n')}`;
  const outBody = `${temps(g.temps)}  let x: number;\n${out.join('\n')}`;
  const code = `/** ${type}: failure-mode rates (run while the machine runs). */
function ${fname}Rates(s: Float64Array, o: number): void {
${ratesBody}
}

/** ${type}: internal quantities, lagged states (lag[i] = 1 − e^(−dt/τ_i)), sensors and derived sensors. */
function ${fname}Outputs(s: Float64Array, o: number, lag: Float64Array): void {
${outBody}
}
`;
  const modes = doc.failureModes.map((m, i) => `{ at: ${L.modeAt[i]}, exponential: ${m.growth.model === 'exponential'}, rateFloor: ${m.rateFloor} }`);
  const meta = `  {
    type: '${type}',
    stateSize: ${L.size},
    sensorsAt: ${L.sensorsAt},
    tauS: [${doc.states.map((s) => s.tauS).join(', ')}],
    modes: [${modes.join(', ')}],
    ops: { rates: ${JSON.stringify(countOps(ratesBody))}, outputs: ${JSON.stringify(countOps(outBody))} },
  },`;
  return { code, meta };
}

/** The generated file's text (the script writes it; the test compares it with the committed file). */
export function generateFusedMachines(): string {
const parts = MACHINE_TYPES.map((t) => typeCode(t));
const names = MACHINE_TYPES.map((t) => t.replace(/_(.)/g, (_, c: string) => c.toUpperCase()));
const text = `// GENERATED by bench/support/gen-fused-plant-machines.ts from physics/machines/profiles/*.json: do not
// edit; re-run \`npx tsx bench/support/gen-fused-plant-machines.ts\` after a profile changes (the
// benchmark's equality check fails until then). Plain TypeScript, no mathjs at run time.
/* eslint-disable */

export interface FusedMachineType {
  readonly type: string;
  readonly stateSize: number;
  readonly sensorsAt: number;
  readonly tauS: readonly number[];
  readonly modes: readonly { readonly at: number; readonly exponential: boolean; readonly rateFloor: number }[];
  /** Static count of transcendental calls in each program (a conditional's branches both counted). */
  readonly ops: { readonly rates: Readonly<Record<string, number>>; readonly outputs: Readonly<Record<string, number>> };
}

/** In the order of physics/machines/machine-spec.ts MACHINE_TYPES: the index is the type id below. */
export const FUSED_MACHINE_TYPES: readonly FusedMachineType[] = [
${parts.map((p) => p.meta).join('\n')}
];

${parts.map((p) => p.code).join('\n')}
/** Runs type \`t\`'s rates program on the machine at \`o\` (direct calls, so each can inline). */
export function machineRates(t: number, s: Float64Array, o: number): void {
  switch (t) {
${names.map((n, i) => `    case ${i}:\n      return ${n}Rates(s, o);`).join('\n')}
  }
}

/** Runs type \`t\`'s outputs program on the machine at \`o\`. */
export function machineOutputs(t: number, s: Float64Array, o: number, lag: Float64Array): void {
  switch (t) {
${names.map((n, i) => `    case ${i}:\n      return ${n}Outputs(s, o, lag);`).join('\n')}
  }
}
`;
return text;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'))) {
  writeFileSync(OUT, generateFusedMachines());
  process.stderr.write(`wrote ${OUT.pathname}\n`);
}
