/**
 * A recommendation: a verified (or dropped) proposal with everything that happened to it since —
 * the decisions, the execution and the observed outcome. Plain, serializable data: the history
 * database stores it as it is, the `recommendations` channel sends it.
 */
import type { Candidate, DropReason, Evidence, Planner, ProposalStatus, SetpointMove } from './proposal.ts';

/** How a line's (or machine's) proposals reach the plant; engineers set it. */
export type OptimizerMode = 'manual' | 'semi-auto' | 'auto';
export const OPTIMIZER_MODES: readonly OptimizerMode[] = ['manual', 'semi-auto', 'auto'];

/** One thing a person or the optimizer did with a recommendation. */
export interface Decision {
  readonly status: ProposalStatus;
  /** Simulated time, s since the scenario start, and its ISO text. */
  readonly atS: number;
  readonly at: string;
  readonly actor: string;
  readonly role: string;
  readonly reason: string | null;
}

/** A change being made, and how it went. */
export interface Execution {
  /** Targets before the change, to roll back to. */
  readonly previous: Readonly<Record<string, number>>;
  readonly startedAtS: number;
  /** When the ramp reaches the new targets, and when the rollback window ends. */
  readonly rampEndS: number;
  readonly windowEndS: number;
  /** Audit ids of the commands sent so far (ramp and rollback steps). */
  readonly commandIds: readonly string[];
  /** The line's units and defects since the change began; null for a machine. */
  readonly observed: { readonly units: number; readonly defects: number; readonly defectsPer1000: number | null } | null;
  /** Null while running or when it ended without a rollback. */
  readonly rollback: { readonly atS: number; readonly automatic: boolean; readonly reason: string } | null;
}

/** Expected against observed once the window has closed (or the change was rolled back). */
export interface Outcome {
  readonly expectedDefectsPer1000: number;
  readonly holdDefectsPer1000: number;
  readonly observedDefectsPer1000: number | null;
  /** The plant did better than holding would have (observed below the verified hold level). */
  readonly improved: boolean | null;
}

export interface Recommendation {
  readonly id: string;
  readonly asset: string;
  readonly planner: Planner;
  readonly moves: readonly SetpointMove[];
  /** The timed plan the executor follows (ramp steps, s after the start). */
  readonly plan: readonly { readonly atS: number; readonly setpoint: string; readonly value: number }[];
  readonly evidence: Evidence;
  readonly dropReasons: readonly DropReason[];
  readonly needsApproval: boolean;
  readonly createdAtS: number;
  readonly createdAt: string;
  readonly status: ProposalStatus;
  /** Targets of the touched setpoints when it was verified: it is stale once they differ. */
  readonly basis: Readonly<Record<string, number>>;
  /** The safety policy version it was shielded under. */
  readonly policyVersion: number;
  readonly decisions: readonly Decision[];
  readonly execution: Execution | null;
  readonly outcome: Outcome | null;
}

/** What a candidate becomes once verified. */
export interface VerifiedCandidate {
  readonly candidate: Candidate;
  readonly plan: Recommendation['plan'];
  readonly verdict: { readonly kind: 'proposal'; readonly evidence: Evidence } | { readonly kind: 'dropped'; readonly reasons: readonly DropReason[]; readonly evidence: Evidence };
}
