/**
 * The optimizer's book as the viewer keeps it: one entry per recommendation id, fed by GET
 * /api/rl-agent/recommendations, the `recommendations` channel and the answers of the panel's own
 * POSTs. The POST answer and the channel race (the server publishes while it answers), so an older
 * copy never replaces a newer one: a recommendation only moves forward (decisions are appended,
 * commands are added, units are counted).
 */
import type { Recommendation } from '../../../protocol/recommendation.ts';

/** Proposed, approved and being applied: what the panel lists as open and the scene highlights. */
export const OPEN_STATUSES: ReadonlySet<Recommendation['status']> = new Set(['proposed', 'approved', 'applying']);

/** Decided recommendations kept for the history (open ones are always kept). */
export const HISTORY_LIMIT = 50;

/** How far a copy of a recommendation has got: decisions, then commands sent, then units counted. */
function progress(r: Recommendation): readonly [number, number, number] {
  return [r.decisions.length, r.execution?.commandIds.length ?? 0, r.execution?.observed?.units ?? 0];
}

/** True when `b` is at least as far along as `a` (then `b` replaces `a`). */
export function notOlder(a: Recommendation, b: Recommendation): boolean {
  const [pa, pb] = [progress(a), progress(b)];
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pb[i]! > pa[i]!;
  return true;
}

/**
 * Merges copies into the book by id, newest (by creation) first; keeps every open recommendation and
 * the `limit` most recent decided ones.
 * @example mergeRecommendations([], [rec]) → [rec]
 */
export function mergeRecommendations(current: readonly Recommendation[], incoming: readonly Recommendation[], limit = HISTORY_LIMIT): Recommendation[] {
  const byId = new Map(current.map((r) => [r.id, r]));
  for (const r of incoming) {
    const had = byId.get(r.id);
    if (!had || notOlder(had, r)) byId.set(r.id, r);
  }
  const all = [...byId.values()].sort((a, b) => b.createdAtS - a.createdAtS || (a.id < b.id ? 1 : -1));
  let decided = 0;
  return all.filter((r) => OPEN_STATUSES.has(r.status) || ++decided <= limit);
}
