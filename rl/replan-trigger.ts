/**
 * Which alerts make the optimizer plan again at once rather than wait for its cadence: a new or
 * escalated anomaly on the asset (the model sees something the thresholds do not), or a threshold or
 * rate alert of HIGH or CRITICAL severity (quality or a constraint is at stake now). Clearing,
 * acknowledging and mere updates do not.
 */
import { severityRank, type AlertChange } from '../monitor/alerts/alert.ts';

/** The asset to plan for now, or null. */
export function replanFor(change: AlertChange): string | null {
  if (change.kind !== 'opened' && change.kind !== 'reopened' && change.kind !== 'escalated') return null;
  const a = change.alert;
  if (a.rule === 'anomaly') return a.asset;
  if ((a.rule === 'threshold' || a.rule === 'rate_of_change') && severityRank(a.severity) >= severityRank('HIGH')) return a.asset;
  return null;
}
