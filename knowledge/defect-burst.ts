/**
 * A defect burst as an operator sees one: a defect type whose count over a quarter of an hour is
 * well above its normal rate (at least 6, and 3× the normal count plus 3). The symptom root-cause
 * analysis starts from; found from inspection events alone, never from causes.
 */
export const BURST_WINDOW_S = 900;

export interface DefectSeen {
  readonly tS: number;
  readonly defect: string;
}

/** The first burst after `normalUntilS`, with its type and the time of the defect that completed it; rates before `normalUntilS` are the normal ones. */
export function findDefectBurst(defects: readonly DefectSeen[], normalUntilS: number): { type: string; atS: number } | null {
  const normal = new Map<string, number>();
  for (const d of defects) if (d.tS < normalUntilS) normal.set(d.defect, (normal.get(d.defect) ?? 0) + 1);
  const window = new Map<string, number[]>();
  for (const d of defects) {
    if (d.tS < normalUntilS) continue;
    const w = window.get(d.defect) ?? window.set(d.defect, []).get(d.defect)!;
    w.push(d.tS);
    while (w[0]! < d.tS - BURST_WINDOW_S) w.shift();
    const expected = normalUntilS > 0 ? ((normal.get(d.defect) ?? 0) / normalUntilS) * BURST_WINDOW_S : 0;
    if (w.length >= Math.max(6, 3 * expected + 3)) return { type: d.defect, atS: d.tS };
  }
  return null;
}
