/**
 * Compiles a validated profile into a state layout and two generated programs:
 * `rates` (damage-time rate of every failure mode) and `outputs` (internal quantities, lagged
 * states, sensors, derived sensors). Both run over the machine's Float64Array slice and allocate nothing.
 */
import { compileExpression, linkProgram, RESERVED_NAMES, type CompiledExpression, type StateProgram } from './expressions.ts';
import type { FailureModeDoc, ProfileDocument } from './profile-document.ts';
import { ProfileError } from './validate.ts';

/** Fixed words at the start of every machine's state slice. */
export const W = { load: 0, speed: 1, running: 2, ambientC: 3, dtS: 4, failed: 5, failedMode: 6, demand: 7 } as const;
/** Words of one failure mode, from its base (see degradation.ts for their meaning). */
export const M = { tauH: 0, onsetH: 1, failH: 2, durH: 3, p1: 4, p2: 5, mul: 6, reported: 7, level: 8, rate: 9 } as const;
const MODES_AT = 8;
const MODE_WORDS = 10;

export const GROWTH_EXPONENTIAL = 0;
export const GROWTH_POWER = 1;

export interface CompiledMode {
  readonly name: string;
  readonly index: number;
  /** Offset of the mode's words in the state slice. */
  readonly at: number;
  readonly growth: typeof GROWTH_EXPONENTIAL | typeof GROWTH_POWER;
  readonly doc: FailureModeDoc;
}

export interface CompiledProfile {
  readonly stateSize: number;
  /** Offset of the first sensor value; measured sensors then derived ones, in channel order. */
  readonly sensorsAt: number;
  /** Every named word: inputs, states, internal quantities, sensors, mode levels. */
  readonly slots: ReadonlyMap<string, number>;
  readonly modes: readonly CompiledMode[];
  readonly rates: StateProgram;
  readonly outputs: StateProgram;
  /** Compiled expressions by JSON path, e.g. "derived[0].expr". */
  readonly expressions: ReadonlyMap<string, CompiledExpression>;
}

const INPUTS: ReadonlyArray<readonly [string, number]> = [
  ['load', W.load],
  ['speed', W.speed],
  ['running', W.running],
  ['ambient_c', W.ambientC],
  ['demand', W.demand],
];

export function compileProfile(doc: ProfileDocument, source: string): CompiledProfile {
  const constants = new Map<string, number>();
  const slots = new Map<string, number>(INPUTS);
  const owner = new Map<string, string>(INPUTS.map(([n]) => [n, 'an input']));
  const claim = (name: string, where: string) => {
    if (RESERVED_NAMES.has(name)) throw new ProfileError(source, where, `"${name}" is reserved (a mathjs keyword, function or constant)`);
    const prev = owner.get(name);
    if (prev !== undefined) throw new ProfileError(source, where, `name "${name}" is already used by ${prev}`);
    owner.set(name, where);
  };
  for (const [k, v] of Object.entries(doc.rated)) {
    claim(`rated_${k}`, `rated.${k}`);
    constants.set(`rated_${k}`, v);
  }
  for (const [k, v] of Object.entries(doc.parameters)) {
    claim(k, `parameters.${k}`);
    constants.set(k, v);
  }

  let next = MODES_AT;
  const modes = doc.failureModes.map((m, index): CompiledMode => {
    claim(m.name, `failureModes[${index}].name`);
    const at = next;
    next += MODE_WORDS;
    slots.set(m.name, at + M.level);
    return { name: m.name, index, at, growth: m.growth.model === 'exponential' ? GROWTH_EXPONENTIAL : GROWTH_POWER, doc: m };
  });
  doc.faultAliases.forEach((a, i) => claim(a.name, `faultAliases[${i}].name`));

  // Names defined further down, so that a forward reference gets a precise error.
  const later = new Map<string, string>();
  const groups = [['states', doc.states], ['internal', doc.internal], ['sensors', doc.sensors], ['derived', doc.derived]] as const;
  for (const [g, items] of groups) {
    items.forEach((it, i) => {
      claim(it.name, `${g}[${i}].name`);
      later.set(it.name, `${g}[${i}]`);
    });
  }
  const define = (name: string) => {
    later.delete(name);
    slots.set(name, next++);
  };
  doc.states.forEach((st) => define(st.name)); // states are memory: visible everywhere

  const expressions = new Map<string, CompiledExpression>();
  /** Compiles `text` and returns a block assigning it to word `k`: `{ let _t0; s[o + k] = ...; }`. */
  const assign = (k: number, text: string, path: string) => {
    const c = compileExpression(text, { slots, constants, later }, { profile: source, path });
    expressions.set(path, c);
    return `{ ${c.decl} s[o + ${k}] = ${c.js}; }`;
  };

  const rates = modes.map((m) => assign(m.at + M.rate, m.doc.rate, `failureModes[${m.index}].rate`));
  const out: string[] = [];
  doc.internal.forEach((it, i) => {
    const block = assign(next, it.expr, `internal[${i}].expr`);
    define(it.name);
    out.push(block);
  });
  doc.states.forEach((st, i) => {
    const k = slots.get(st.name)!;
    // Exact first-order response to a target held over the step: x += (target − x)·(1 − e^(−dt/τ)).
    const c = compileExpression(st.target, { slots, constants, later }, { profile: source, path: `states[${i}].target` });
    expressions.set(`states[${i}].target`, c);
    out.push(`{ ${c.decl} const t = ${c.js}; const x = s[o + ${k}]; s[o + ${k}] = x + (t - x) * lag[${i}]; }`);
  });
  const sensorsAt = next;
  for (const [g, items] of [['sensors', doc.sensors], ['derived', doc.derived]] as const) {
    items.forEach((it, i) => {
      const block = assign(next, it.expr, `${g}[${i}].expr`);
      define(it.name);
      out.push(block);
    });
  }
  const outputs = linkOutputs(out, doc.states.map((st) => st.tauS));
  return { stateSize: next, sensorsAt, slots, modes, rates: linkProgram(rates), outputs, expressions };
}

/**
 * Links the outputs program with the states' lag factors 1 − e^(−dt/τ) in `lag[i]`. They depend on
 * the step alone, which every machine of an engine shares, so the program recomputes them only when
 * dt changes rather than one expm1 per state, machine and step (the same values, bit for bit).
 */
function linkOutputs(statements: readonly string[], tausS: readonly number[]): StateProgram {
  const lags = tausS.map((tauS, i) => `lag[${i}] = -Math.expm1(-dtS / ${tauS});`).join(' ');
  // Safe by construction, as linkProgram: only whitelisted nodes, numeric literals and slot indices.
  return new Function(`'use strict';
const lag = new Float64Array(${tausS.length});
let lagDtS = NaN;
return function outputs(s, o) {
const dtS = s[o + ${W.dtS}];
if (dtS !== lagDtS) { lagDtS = dtS; ${lags} }
${statements.join('\n')}
};`)() as StateProgram;
}
