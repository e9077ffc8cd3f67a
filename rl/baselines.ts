/**
 * What the optimizer is measured against. Fixed setpoints: hold what is in force, whatever happens
 * (the look-ahead's baseline branch is exactly that, so it needs no code). The rule-based operator: what a shift lead does from the plant's intervention table when one
 * defect type dominates the last hour's defects (the same table twin-api's alert cards recommend):
 *
 *   crack → furnace −25 °C (the table's −20 to −30 °C)   bubble → forming pressure −10 MPa
 *   deformation → belt −15 %
 *
 * It reads only what an operator sees (defects counted by type), moves one setpoint, and is shielded
 * like every other proposer (the envelope in force, approval flags).
 */
import type { DefectType } from '../physics/model.ts';
import type { Candidate, SetpointMove } from './proposal.ts';
import type { Envelope } from './safety-policy.ts';

export interface RuleInput {
  readonly asset: string;
  /** Defects of the asset over the last hour, by type (the events the operator sees). */
  readonly recentDefects: Readonly<Partial<Record<DefectType, number>>>;
  /** Units over the same hour. */
  readonly recentUnits: number;
  /** The asset's envelopes and the targets in force, by setpoint id. */
  readonly envelopes: readonly Envelope[];
  readonly targets: Readonly<Record<string, number>>;
  readonly atS: number;
}

/** The intervention table: which setpoint of the line, and the new target from the current one. */
export const INTERVENTIONS: Readonly<Partial<Record<DefectType, { readonly setpoint: string; readonly to: (current: number) => number }>>> = {
  crack: { setpoint: 'furnace_temp', to: (u) => u - 25 },
  bubble: { setpoint: 'forming_pressure', to: (u) => u - 10 },
  deformation: { setpoint: 'belt_speed', to: (u) => u * 0.85 },
};

/** Below this many defects per 1,000 units the operator leaves the line alone (the KPI card's amber). */
export const RULE_ACT_ABOVE_PER_1000 = 20;

/**
 * @example ruleBasedOperator({ asset: 'Line_A', recentDefects: { crack: 30, bubble: 2 }, recentUnits: 900, ... })
 *   → moves: Line_A.furnace_temp 1500 → 1475
 */
export function ruleBasedOperator(input: RuleInput): Candidate {
  const none: Candidate = { asset: input.asset, planner: 'rules', plannedAtS: input.atS, objective: 0, moves: [] };
  const total = Object.values(input.recentDefects).reduce((a, n) => a + (n ?? 0), 0);
  if (input.recentUnits <= 0 || (1000 * total) / input.recentUnits < RULE_ACT_ABOVE_PER_1000) return none;
  // The dominant type the table covers; ties go to the table's order.
  let worst: DefectType | null = null;
  for (const type of Object.keys(INTERVENTIONS) as DefectType[]) {
    if ((input.recentDefects[type] ?? 0) > (worst === null ? 0 : (input.recentDefects[worst] ?? 0))) worst = type;
  }
  if (worst === null) return none;
  const rule = INTERVENTIONS[worst]!;
  const env = input.envelopes.find((e) => e.setpoint === `${input.asset}.${rule.setpoint}`);
  const from = env ? input.targets[env.setpoint] : undefined;
  if (!env || from === undefined) return none;
  const to = Math.min(env.hi, Math.max(env.lo, rule.to(from)));
  if (to === from) return none;
  const move: SetpointMove = { setpoint: env.setpoint, unit: env.unit, from, to, needsApproval: Math.abs(to - from) > env.approvalAbove };
  return { ...none, moves: [move] };
}
