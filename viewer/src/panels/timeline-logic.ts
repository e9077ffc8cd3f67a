import type { TimelineMark } from '../../../protocol/sessions.ts';

/** What a timeline mark is drawn as: incidents stand out, defects are a density strip, actions are ticks. */
export type MarkKind = 'incident' | 'defect' | 'action';

export function markKind(type: string): MarkKind {
  return type === 'fault_onset' || type === 'failure' ? 'incident' : type === 'defect' ? 'defect' : 'action';
}

/** A mark placed on the timeline: left in percent of the session's span. */
export interface PlacedMark {
  readonly leftPct: number;
  readonly kind: MarkKind;
  readonly tS: number;
  readonly label: string;
  /** Defects binned together (1 for other kinds). */
  readonly count: number;
}

/**
 * Places marks on a timeline from startS to endS. Incidents and actions are placed one by one;
 * defects (thousands over a day) are binned into `bins` buckets so the DOM stays small, each bin
 * labelled with its count. Marks outside the span are left out.
 */
export function placeMarks(marks: readonly TimelineMark[], startS: number, endS: number, bins = 120): PlacedMark[] {
  const span = endS - startS;
  if (!(span > 0)) return [];
  const out: PlacedMark[] = [];
  const defectBins = new Array<number>(bins).fill(0);
  for (const m of marks) {
    if (m.tS < startS || m.tS > endS) continue;
    const f = (m.tS - startS) / span;
    const kind = markKind(m.type);
    if (kind === 'defect') defectBins[Math.min(bins - 1, Math.floor(f * bins))]!++;
    else out.push({ leftPct: f * 100, kind, tS: m.tS, label: `${m.asset}: ${m.label}`, count: 1 });
  }
  defectBins.forEach((n, i) => {
    if (n > 0) out.push({ leftPct: ((i + 0.5) / bins) * 100, kind: 'defect', tS: startS + ((i + 0.5) / bins) * span, label: `${n} defect${n > 1 ? 's' : ''}`, count: n });
  });
  return out.sort((a, b) => a.leftPct - b.leftPct);
}

/** The first incident strictly after tS (for "next incident"), or null. */
export function nextIncident(marks: readonly TimelineMark[], tS: number): TimelineMark | null {
  let best: TimelineMark | null = null;
  for (const m of marks) if (markKind(m.type) === 'incident' && m.tS > tS && (best === null || m.tS < best.tS)) best = m;
  return best;
}

/** Seconds from a click at `fraction` (0..1) of the timeline's width. */
export function timeAt(fraction: number, startS: number, endS: number): number {
  return Math.round(startS + Math.min(1, Math.max(0, fraction)) * (endS - startS));
}
