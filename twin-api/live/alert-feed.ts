import type { Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import type { AlertEngine } from '../../monitor/alerts/alert-engine.ts';
import type { AlertChange } from '../../monitor/alerts/alert.ts';
import type { KpiTracker } from '../../monitor/kpis/kpi-tracker.ts';
import type { AlertStore } from '../store/alert-store.ts';
import type { WsHub } from '../ws/hub.ts';

/**
 * Runs alert rules and KPIs on every frame. Alert changes go to WebSocket clients in the same tick
 * (well within the 1 s promise) and to the store in order; KPIs go out once per simulated minute.
 */
export class AlertFeed {
  private readonly sub: Subscription;
  private persist: Promise<void> = Promise.resolve();
  private lastKpiMinute = -1;

  constructor(
    engine: TwinEngine,
    readonly alerts: AlertEngine,
    readonly kpis: KpiTracker,
    private readonly hub: WsHub | null,
    private readonly store: AlertStore | null,
    private readonly log: (msg: string) => void = () => {},
  ) {
    this.sub = engine.frames$.subscribe((f) => {
      const changes = alerts.onFrame(f);
      if (changes.length > 0) this.publish(changes);
      kpis.onFrame(f);
      const minute = Math.floor(f.timeMs / 60_000);
      if (minute !== this.lastKpiMinute) {
        this.lastKpiMinute = minute;
        hub?.publish('quality', new Date(f.timeMs).toISOString(), kpis.snapshot());
      }
    });
  }

  /** Publishes and stores alert changes (also those made by operators through the API). */
  publish(changes: readonly AlertChange[]): void {
    for (const c of changes) {
      this.hub?.publish('alerts', c.alert.lastAt, c, [c.alert.asset]);
      if (this.store) {
        const store = this.store;
        const a = c.alert;
        this.persist = this.persist
          .then(async () => {
            if (c.kind === 'opened') {
              await store.insertAlert({ id: a.id, rule: a.rule, severity: a.severity, asset: a.asset, sensor: a.sensor, openedAtMs: Date.parse(a.openedAt), lastAtMs: Date.parse(a.lastAt), value: a.value, message: a.message, state: a.state, view: a });
            } else {
              await store.updateAlert(a.id, {
                severity: a.severity,
                state: a.state,
                lastAtMs: Date.parse(a.lastAt),
                ...(a.value !== null ? { value: a.value } : {}),
                message: a.message,
                ...(a.acknowledgedBy ? { acknowledgedBy: a.acknowledgedBy, acknowledgedAtMs: Date.parse(a.acknowledgedAt!) } : {}),
                ...(a.dismissedBy ? { dismissedBy: a.dismissedBy, justification: a.justification ?? '' } : {}),
                view: a,
              });
            }
          })
          .catch((err) => this.log(`alert ${a.id} not stored: ${(err as Error).message}`));
      }
    }
  }

  async close(): Promise<void> {
    this.sub.unsubscribe();
    await this.persist;
  }
}
