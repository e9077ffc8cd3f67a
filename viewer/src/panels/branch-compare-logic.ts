import type { SessionView, TimelineMark } from '../../../protocol/sessions.ts';

/** One defect type's counts in the baseline and the branch over the same window. */
export interface DefectRow {
  readonly type: string;
  readonly baseline: number;
  readonly branch: number;
  /** Branch minus baseline. */
  readonly delta: number;
  /** Per simulated hour of the window (null for an empty window). */
  readonly baselinePerH: number | null;
  readonly branchPerH: number | null;
}

export interface DefectComparison {
  readonly fromS: number;
  readonly toS: number;
  /** Per type, most defects first; then a "total" row. */
  readonly rows: readonly DefectRow[];
  readonly total: DefectRow;
}

/**
 * How far the baseline's defects are known: a recording's timeline is known to its end; a scenario
 * or branch marks events as it runs, so only up to where it stands.
 */
export function baselineKnownUntilS(baseline: Pick<SessionView, 'source' | 'tS' | 'endS'>): number {
  return baseline.source.kind === 'recording' && baseline.endS !== null ? baseline.endS : baseline.tS;
}

/**
 * Defects per type of the baseline (the session the branch came from) and of the branch, both
 * counted over the same window: from the branch point to where both are known, so the two columns
 * compare like with like. Null when the window is empty (the baseline has not run past the branch point).
 */
export function compareBranchDefects(baseline: readonly TimelineMark[], branch: readonly TimelineMark[], fromS: number, toS: number): DefectComparison | null {
  if (!(toS > fromS)) return null;
  const count = (marks: readonly TimelineMark[]) => {
    const byType = new Map<string, number>();
    // A defect at the branch point itself happened before the branch could change anything.
    for (const m of marks) if (m.type === 'defect' && m.tS > fromS && m.tS <= toS) byType.set(m.label, (byType.get(m.label) ?? 0) + 1);
    return byType;
  };
  const a = count(baseline);
  const b = count(branch);
  const hours = (toS - fromS) / 3600;
  const row = (type: string, x: number, y: number): DefectRow => ({ type, baseline: x, branch: y, delta: y - x, baselinePerH: x / hours, branchPerH: y / hours });
  const types = [...new Set([...a.keys(), ...b.keys()])];
  const rows = types.map((t) => row(t, a.get(t) ?? 0, b.get(t) ?? 0)).sort((p, q) => Math.max(q.baseline, q.branch) - Math.max(p.baseline, p.branch) || p.type.localeCompare(q.type));
  const sum = (k: 'baseline' | 'branch') => rows.reduce((s, r) => s + r[k], 0);
  return { fromS, toS, rows, total: row('total', sum('baseline'), sum('branch')) };
}
