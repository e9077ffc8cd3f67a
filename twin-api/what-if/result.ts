/** The what-if result: its schema lives in protocol/what-if.ts, shared with the viewer. */
export { BranchNumbers, BranchSummary, QuantityEffect, Spread, WhatIfResult } from '../../protocol/what-if.ts';
export type { EffectQuantity } from '../../lookahead/summary.ts';
