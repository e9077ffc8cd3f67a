import { SEVERITIES, type AlertView } from '../../../protocol/alerts.ts';


/** Which list an alert belongs in: "active" until acknowledged, then "acknowledged"; others are history. */
export type AlertTab = 'active' | 'acknowledged';

/**
 * The alerts of a tab, most severe first, then newest first. `pinned` maps the alerts a user has a
 * card open on (root cause, dismissal) to the tab they were opened in: they stay there whatever
 * their state becomes, so an alert that clears or is acknowledged elsewhere while the operator reads
 * its root cause does not vanish from under them (its state is shown on the item instead).
 */
export function alertsFor(tab: AlertTab, alerts: Readonly<Record<string, AlertView>>, pinned: ReadonlyMap<string, AlertTab> = new Map()): AlertView[] {
  return Object.values(alerts)
    .filter((a) => (pinned.get(a.id) ?? a.state) === tab)
    .sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || b.openedAt.localeCompare(a.openedAt));
}

/** The pins after an item's card opened or closed: pinned to the tab it is shown in while open. */
export function withPin(pinned: ReadonlyMap<string, AlertTab>, id: string, tab: AlertTab, open: boolean): ReadonlyMap<string, AlertTab> {
  if (open === pinned.has(id)) return pinned;
  const next = new Map(pinned);
  if (open) next.set(id, tab);
  else next.delete(id);
  return next;
}

/** What to say on an item shown in a tab its state has left (null when it belongs there). */
export function movedOnNote(alert: Pick<AlertView, 'state'>, tab: AlertTab): string | null {
  if (alert.state === tab) return null;
  const now = { active: 'active again', acknowledged: 'acknowledged', cleared: 'cleared', dismissed: 'dismissed' }[alert.state];
  return `Now ${now}: kept here while its card is open.`;
}

/** A dismissal needs a reason the server accepts: 10 to 2000 characters. */
export function justificationProblem(text: string): string | null {
  const n = text.trim().length;
  if (n < 10) return `Say why no action is needed (at least 10 characters, ${n} so far).`;
  if (n > 2000) return 'Keep the justification under 2000 characters.';
  return null;
}

/**
 * The sensors to chart when investigating an alert: its own sensor; for anomaly and failure alerts
 * (no sensor) the sensors the model blames, else the asset's first sensor, so there is always a chart.
 */
export function investigateSensors(alert: Pick<AlertView, 'sensor' | 'contributors'>, assetSensors: readonly string[]): string[] {
  if (alert.sensor) return [alert.sensor];
  const blamed = alert.contributors.filter((c) => assetSensors.includes(c)).slice(0, 3);
  return blamed.length ? blamed : assetSensors.slice(0, 1);
}
