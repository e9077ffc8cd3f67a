import type { RestClient } from '../api/rest-client.ts';
import type { DefectEvent } from './store-types.ts';

interface DefectRow {
  readonly tMs: number;
  readonly asset: string;
  readonly payload: { x?: number; y?: number; defect?: string; unitId?: number; severity?: number };
}

/** Keep this many defects: enough for the outfeed belts of three lines. */
const KEEP = 60;

/** Maps `GET /api/plant/events?types=defect` rows to defect events, oldest first. */
export function toDefects(rows: readonly DefectRow[]): DefectEvent[] {
  return rows
    .map((r) => ({ asset: r.asset, unitId: r.payload.unitId ?? 0, type: r.payload.defect ?? 'defect', x: r.payload.x ?? 0.5, y: r.payload.y ?? 0.5, severity: r.payload.severity ?? 0, timeMs: r.tMs }))
    .sort((a, b) => a.timeMs - b.timeMs)
    .slice(-KEEP);
}

/** Defects are events, not a channel: the scene's markers come from the newest ones in history. */
export async function fetchRecentDefects(rest: RestClient): Promise<DefectEvent[]> {
  return toDefects(await rest.get<DefectRow[]>(`/api/plant/events?types=defect&limit=${KEEP}`));
}
