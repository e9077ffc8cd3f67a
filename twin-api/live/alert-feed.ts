import { Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import type { AlertEngine } from '../../monitor/alerts/alert-engine.ts';
import type { AlertChange } from '../../monitor/alerts/alert.ts';
import type { KpiTracker } from '../../monitor/kpis/kpi-tracker.ts';
import type { AlertStore } from '../store/alert-store.ts';
import type { WsHub } from '../ws/hub.ts';

/**
 * Runs alert rules and KPIs on every frame. Every alert change the engine emits on changes$ — from
 * a frame, a model report or an operator through the API — goes to WebSocket clients at once (well
 * within the 1 s promise) and to the store in order; KPIs go out once per simulated minute.
 */
export class AlertFeed {
  private readonly sub = new Subscription();
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
    this.sub.add(alerts.changes$.subscribe((c) => this.publish(c)));
    this.sub.add(
      engine.frames$.subscribe((f) => {
        alerts.onFrame(f);
        kpis.onFrame(f);
        const minute = Math.floor(f.timeMs / 60_000);
        if (minute !== this.lastKpiMinute) {
          this.lastKpiMinute = minute;
          hub?.publish('quality', new Date(f.timeMs).toISOString(), kpis.snapshot());
        }
      }),
    );
  }

  /** Publishes and stores one alert change. */
  private publish(c: AlertChange): void {
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

  async close(): Promise<void> {
    this.sub.unsubscribe();
    await this.persist;
  }
}
