/**
 * Profile expressions, compiled once: mathjs parses the text, then a walk over a whitelist of AST
 * node types (expression-emit.ts) emits plain JavaScript over a state array, so a sample costs a few
 * ns and never parses.
 *
 * Variables are words of a Float64Array at fixed offsets from `o` (`s[o + 3]`); named constants are
 * inlined as literals. Anything outside the whitelist is an ExpressionError naming the profile, the
 * expression and the offending symbol or node.
 */
import { parse, type MathNode } from 'mathjs';
import { emit, type EmitCtx } from './expression-emit.ts';
import type { ExpressionScope } from './expression-scope.ts';

export { RESERVED_NAMES } from './expression-emit.ts';
export type { ExpressionScope } from './expression-scope.ts';

/** Where an expression comes from, for error messages: profile source and JSON path. */
export interface ExpressionSite {
  readonly profile: string;
  readonly path: string;
}

export type StateFn = (s: Float64Array, o: number) => number;
export type StateProgram = (s: Float64Array, o: number) => void;

export interface CompiledExpression {
  readonly text: string;
  /** The generated JavaScript expression over `s` and `o`. */
  readonly js: string;
  /** Declarations of the temporaries `js` uses ("let _t0;"), to put before it in the same block. */
  readonly decl: string;
  /** Variables and constants it reads, in order of first use. */
  readonly symbols: readonly string[];
  readonly evaluate: StateFn;
}

export class ExpressionError extends Error {
  constructor(site: ExpressionSite, text: string, problem: string) {
    super(`${site.profile}: ${site.path}: ${problem} in expression "${text}"`);
    this.name = 'ExpressionError';
  }
}

/**
 * Compiles one expression.
 * @example compileExpression('v * i / 1000', { slots: new Map([['v', 0], ['i', 1]]), constants: new Map() },
 *   { profile: 'motor.json', path: 'derived[0].expr' }).evaluate(new Float64Array([400, 10]), 0) // 4
 */
export function compileExpression(text: string, scope: ExpressionScope, site: ExpressionSite): CompiledExpression {
  const fail = (problem: string): never => {
    throw new ExpressionError(site, text, problem);
  };
  if (typeof text !== 'string' || text.trim() === '') fail('empty expression');
  let root: MathNode;
  try {
    root = parse(text);
  } catch (e) {
    return fail(`syntax error (${(e as Error).message})`);
  }
  const ctx: EmitCtx = { scope, fail, used: [], temps: 0 };
  const { js } = emit(root, ctx);
  const decl = ctx.temps > 0 ? `let ${Array.from({ length: ctx.temps }, (_, i) => `_t${i}`).join(', ')};` : '';
  return { text, js, decl, symbols: ctx.used, evaluate: linkFunction(`${decl} return ${js};`) as StateFn };
}

/** Links generated statements over `s` and `o` into one function. */
export function linkProgram(statements: readonly string[]): StateProgram {
  return linkFunction(statements.join('\n')) as StateProgram;
}

function linkFunction(body: string): (s: Float64Array, o: number) => unknown {
  // Safe by construction: the body is built only from whitelisted AST nodes, numeric literals and slot
  // indices (expression-emit.ts); no text of a profile reaches it unparsed.
  return new Function('s', 'o', `'use strict';\n${body}`) as (s: Float64Array, o: number) => unknown;
}
