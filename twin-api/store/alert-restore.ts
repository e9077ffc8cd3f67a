import type { AlertRule, AlertView } from '../../protocol/alerts.ts';
import { CLOSED_ALERT_STATES, OPEN_ALERT_STATES, type Alert, type AlertStore } from './alert-store.ts';

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * A stored alert as the API shows it: the view stored with it, its columns winning where they are
 * newer (an acknowledgement written without a view); a row without a view is rebuilt from its columns.
 */
export function toAlertView(a: Alert): AlertView {
  const base: AlertView = a.view ?? {
    id: a.id, rule: a.rule as AlertRule, severity: a.severity, state: a.state, asset: a.asset, sensor: a.sensor,
    parameter: null, openedAt: new Date(a.openedAtMs).toISOString(), lastAt: new Date(a.lastAtMs).toISOString(),
    clearedAt: null, value: a.value, threshold: null, unit: '', direction: null, message: a.message, recommendedAction: '',
    reopenCount: 0, contributors: [], acknowledgedBy: null, acknowledgedAt: null, dismissedBy: null, dismissedAt: null,
    justification: null,
  };
  return {
    ...base,
    state: a.state,
    severity: a.severity,
    acknowledgedBy: a.acknowledgedBy ?? base.acknowledgedBy,
    acknowledgedAt: base.acknowledgedAt ?? isoOrNull(a.acknowledgedAtMs),
    dismissedBy: a.dismissedBy ?? base.dismissedBy,
    justification: a.justification ?? base.justification,
  };
}

export interface AlertRestoreOptions {
  /** Closed (cleared or dismissed) alerts to bring back besides every open one, the newest. Default 200. */
  readonly closedLimit?: number;
}

/**
 * What a restarting server puts back into its alert engine: every open alert (active or acknowledged)
 * and the newest closed ones, oldest first (the order they were opened in).
 * @example alerts.restore(await loadAlertsForRestore(store));
 */
export async function loadAlertsForRestore(store: Pick<AlertStore, 'listAlerts'>, o: AlertRestoreOptions = {}): Promise<AlertView[]> {
  const [open, closed] = await Promise.all([
    store.listAlerts({ states: OPEN_ALERT_STATES }),
    store.listAlerts({ states: CLOSED_ALERT_STATES, limit: o.closedLimit ?? 200 }),
  ]);
  return [...open, ...closed].sort((a, b) => a.openedAtMs - b.openedAtMs || (a.id < b.id ? -1 : 1)).map(toAlertView);
}
