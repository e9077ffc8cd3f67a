/**
 * What an expression may read. Its own module because both the public API (expressions.ts) and the
 * code generator it calls (expression-emit.ts) need it, and the generator must not import its caller.
 */

/** The names an expression may use: state words and inlined constants. */
export interface ExpressionScope {
  /** Variables: name → word offset from `o`. */
  readonly slots: ReadonlyMap<string, number>;
  /** Named constants, inlined into the generated code. */
  readonly constants: ReadonlyMap<string, number>;
  /** Names that exist but are defined after this expression (name → where), for a clearer error. */
  readonly later?: ReadonlyMap<string, string>;
}
