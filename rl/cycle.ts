/**
 * One round of the optimizer for one asset, as the service runs it: what the planner and the
 * verifier are given (the live plant's snapshot, its setpoints, the envelopes in force, the reward
 * weights, shadow mode's trust), and what comes back: a verified candidate, or null when there is
 * nothing the optimizer may move on that asset.
 */
import type { SetpointView } from '../engine/engine.ts';
import type { PlantRef } from '../lookahead/plant-key.ts';
import type { ShadowTrust } from './proposal.ts';
import type { VerifiedCandidate } from './recommendation.ts';
import type { RewardWeights } from './reward.ts';
import type { Envelope } from './safety-policy.ts';

export interface CycleInput {
  readonly plant: PlantRef;
  /** snapshotToBinary of the plant at `startS`. */
  readonly snapshot: Uint8Array;
  readonly startS: number;
  readonly asset: string;
  /** Every setpoint of the plant, as it is now. */
  readonly setpoints: readonly SetpointView[];
  /** The envelopes of the asset's setpoints the optimizer may move. */
  readonly envelopes: readonly Envelope[];
  readonly weights: RewardWeights;
  readonly trust: ShadowTrust;
  /** Numbers the round: planning and verification seeds are derived from it, so no round reuses another's. */
  readonly round: number;
}

export type ProposeFn = (input: CycleInput) => Promise<VerifiedCandidate | null>;
