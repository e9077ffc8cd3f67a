import type { Severity } from '../../protocol/alerts.ts';

// The wire types live in protocol/ (shared with the viewer); the server's logic on them lives here.
export type { AlertChange, AlertChangeKind, AlertRule, AlertState, AlertView, Severity } from '../../protocol/alerts.ts';

/** Alert severities, ordered: a higher rank is more severe. */
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const satisfies readonly Severity[];

/** Rank of a severity in SEVERITIES (LOW 0 … CRITICAL 3). */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Sensor status level (1 WARNING, 2 ERROR, 3 CRITICAL) → alert severity. */
export const LEVEL_SEVERITY: readonly Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
export const LEVEL_NAMES = ['normal', 'warning', 'error', 'critical'] as const;
