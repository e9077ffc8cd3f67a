import type { DefectEvent } from '../../../protocol/plant-events.ts';

/** Keep this many defects: enough for the outfeed belts of three lines. */
export const KEEP_DEFECTS = 60;

/**
 * Merges defects (from the `events` channel, or the REST backfill after a (re)connect) into the
 * recent ones: one per asset and seq, oldest first, the newest KEEP_DEFECTS kept.
 */
export function mergeDefects(recent: readonly DefectEvent[], incoming: readonly DefectEvent[], keep = KEEP_DEFECTS): DefectEvent[] {
  const byKey = new Map<string, DefectEvent>();
  for (const d of [...recent, ...incoming]) byKey.set(`${d.asset}#${d.seq}`, d);
  return [...byKey.values()].sort((a, b) => a.tS - b.tS || a.seq - b.seq).slice(-keep);
}

/** GET /api/plant/events for the newest defects: fills what the stream could not replay. */
export const RECENT_DEFECTS_PATH = `/api/plant/events?types=defect&limit=${KEEP_DEFECTS}`;
