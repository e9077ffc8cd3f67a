/**
 * What the optimizer hands to people: a proposal (a change of one line's or machine's setpoints),
 * the evidence it was verified with, and its life from proposed to applied, rolled back, rejected,
 * expired or dropped. Plain data; the planners (mpc.ts, baselines.ts) make candidates, verify.ts
 * turns a candidate into a proposal or drops it with its reasons.
 */

/** Which proposer made the candidate. */
export type Planner = 'mpc' | 'ppo' | 'rules';

/** One setpoint's change: from the target in force to the shielded target. */
export interface SetpointMove {
  readonly setpoint: string;
  readonly unit: string;
  readonly from: number;
  readonly to: number;
  /** |to − from| exceeds the safety policy's approval threshold. */
  readonly needsApproval: boolean;
}

/** A planner's output before verification. */
export interface Candidate {
  /** The line or machine whose setpoints change (a candidate never spans two assets). */
  readonly asset: string;
  readonly planner: Planner;
  readonly moves: readonly SetpointMove[];
  /** Simulated time the candidate was planned at, s since the scenario start. */
  readonly plannedAtS: number;
  /** The planner's own objective (mean reward over its rollouts, higher is better); for the log. */
  readonly objective: number;
}

/** A paired effect (candidate − hold) with its 95 % interval over the verification runs. */
export interface Effect {
  readonly metric: 'defectsPer1000' | 'unitsPerH' | 'energyMWh';
  readonly unit: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/** Mean cumulative curves of both branches at common times, for the viewer's branch chart. */
export interface BranchCurves {
  /** Seconds after the fork. */
  readonly tS: readonly number[];
  readonly holdDefectsPer1000: readonly number[];
  readonly candidateDefectsPer1000: readonly number[];
}

/** How far the twin is trusted for the assets a proposal touches (shadow mode), when it was verified. */
export interface ShadowTrust {
  /** Mean tracking accuracy (0..1) of the touched assets' sensors; null without a live plant. */
  readonly trackingAccuracy: number | null;
  /** Touched assets shadow mode currently flags (model_drift, equipment_issue). */
  readonly flagged: readonly { readonly asset: string; readonly flag: string }[];
  readonly trusted: boolean;
}

export interface Evidence {
  readonly effects: readonly Effect[];
  /** One-sided 95 % lower bound of the paired defect-rate improvement (hold − candidate), defects per 1,000. */
  readonly defectImprovementLower95: number;
  /** Seconds after the change at which the defect rate departs from the hold branch for good; null: not within the horizon. */
  readonly timeToEffectS: number | null;
  readonly horizonS: number;
  /** Verification runs: seeds × perturbed twins, none of the seeds seen by the planner. */
  readonly runs: number;
  readonly seeds: readonly number[];
  readonly perturbations: number;
  /** Constraint violations over all runs (a shown proposal has 0). */
  readonly violations: number;
  readonly curves: BranchCurves;
  readonly shadow: ShadowTrust;
  /** Plain words built only from the numbers above. */
  readonly rationale: string;
}

/** Why a candidate was not shown. */
export type DropReason = 'constraint_violated' | 'improvement_not_significant' | 'production_inferior' | 'energy_inferior' | 'twin_not_trusted' | 'no_change';

export type ProposalStatus = 'proposed' | 'approved' | 'applying' | 'applied' | 'rolled_back' | 'rejected' | 'expired' | 'dropped' | 'failed';

/** Statuses a proposal may move to from each status: anything else is a bug or a stale request. */
export const NEXT_STATUS: Readonly<Record<ProposalStatus, readonly ProposalStatus[]>> = {
  proposed: ['approved', 'applying', 'rejected', 'expired'],
  approved: ['applying', 'expired', 'failed'],
  applying: ['applied', 'rolled_back', 'failed'],
  applied: ['rolled_back'],
  rolled_back: [],
  rejected: [],
  expired: [],
  dropped: [],
  failed: [],
};

export function canMove(from: ProposalStatus, to: ProposalStatus): boolean {
  return NEXT_STATUS[from].includes(to);
}
