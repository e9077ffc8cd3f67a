import { Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import type { AlertEngine } from '../../monitor/alerts/alert-engine.ts';
import type { AlertChange } from '../../monitor/alerts/alert.ts';
import type { KpiTracker } from '../../monitor/kpis/kpi-tracker.ts';
import type { AlertStore } from '../store/alert-store.ts';
import { AlertWriter, type AlertWriterOptions } from '../store/alert-writer.ts';
import type { OrderedWriterMetrics } from '../store/ordered-writer.ts';
import type { WsHub } from '../ws/hub.ts';

/**
 * Runs alert rules and KPIs on every frame. Every alert change the engine emits on changes$ — from
 * a frame, a model report or an operator through the API — goes to WebSocket clients at once (well
 * within the 1 s promise) and to the store through an ordered, retrying writer (store/alert-writer.ts):
 * a database outage delays alert state but loses none. KPIs go out once per simulated minute.
 */
export class AlertFeed {
  private readonly sub = new Subscription();
  private readonly writer: AlertWriter | null;
  private lastKpiMinute = -1;

  constructor(
    engine: TwinEngine,
    readonly alerts: AlertEngine,
    readonly kpis: KpiTracker,
    private readonly hub: WsHub | null,
    private readonly store: AlertStore | null,
    private readonly log: (msg: string) => void = () => {},
    writerOptions: AlertWriterOptions = {},
  ) {
    this.writer = store
      ? new AlertWriter(store, { onError: (err, attempt, retryInMs) => log(`alert write failed (attempt ${attempt}, retry in ${retryInMs} ms): ${(err as Error).message}`), ...writerOptions })
      : null;
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
    // Refused only when 10,000 distinct alerts wait already: then the database has been away for long, and the log says so.
    this.writer?.write(c.alert).catch((err: Error) => this.log(`alert ${c.alert.id} not stored: ${err.message}`));
  }

  /** The store writer's counts (null without a store), for /metrics. */
  writerMetrics(): OrderedWriterMetrics | null {
    return this.writer?.metrics() ?? null;
  }

  async close(): Promise<void> {
    this.sub.unsubscribe();
    await this.writer?.flush();
  }
}

