import { SEVERITIES, type AlertView } from '../../../protocol/alerts.ts';


/** Which list an alert belongs in: "active" until acknowledged, then "acknowledged"; others are history. */
export type AlertTab = 'active' | 'acknowledged';

/** The alerts of a tab, most severe first, then newest first. */
export function alertsFor(tab: AlertTab, alerts: Readonly<Record<string, AlertView>>): AlertView[] {
  return Object.values(alerts)
    .filter((a) => a.state === tab)
    .sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || b.openedAt.localeCompare(a.openedAt));
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
