/**
 * The optimizer's recommendations with their decisions, executions and outcomes (rl/recommendation.ts),
 * one row per recommendation replaced on every change, so a restart puts the book back as it was and
 * an engineer can list dropped proposals and outcomes by status and asset.
 */
import type { Recommendation } from '../../rl/recommendation.ts';

export interface RecommendationQuery {
  readonly statuses?: readonly string[];
  readonly asset?: string;
  /** Newest first; default 200. */
  readonly limit?: number;
}

export interface RecommendationStore {
  /** Inserts or replaces by id; resolves once stored. */
  putRecommendation(rec: Recommendation, updatedAtMs: number): Promise<void>;
  listRecommendations(q?: RecommendationQuery): Promise<Recommendation[]>;
}
