import { Subject, type Observable, type SchedulerLike } from 'rxjs';
import { SimClock, type ClockMode, type ClockStatus } from '../../engine/clock.ts';
import type { TwinEngine } from '../../engine/engine.ts';
import { latestJsonOf } from './latest-json.ts';

/**
 * The live plant: one engine driven by a paced clock, with the per-tick fan-out the server needs
 * (history writer, WebSocket, alerts, KPIs, shadow). Holds no I/O itself.
 */
export class LiveTwin {
  readonly clock: SimClock;
  private latestTick = -1;
  private latestCache = '';
  private readonly tickDurations = new Subject<number>();
  /** Wall seconds per tick, per clock wake (adapter-side measurement; the engine never reads a clock). */
  readonly tickDurations$: Observable<number> = this.tickDurations.asObservable();

  constructor(
    readonly engine: TwinEngine,
    /** `hold`: while true the clock does not step (history writes too far behind). */
    options: { mode: ClockMode; scheduler?: SchedulerLike; hold?: () => boolean },
  ) {
    // The clock drives a thin wrapper so the server can time each tick (Prometheus tick duration).
    const target = {
      get tick() {
        return engine.tick;
      },
      stepS: engine.stepS,
      step: (n = 1) => {
        const t0 = performance.now();
        engine.step(n);
        if (n > 0) this.tickDurations.next((performance.now() - t0) / n / 1000);
      },
    };
    this.clock = new SimClock(target, { mode: options.mode, endS: null, ...(options.hold ? { hold: options.hold } : {}), ...(options.scheduler ? { scheduler: options.scheduler } : {}) });
  }

  get status(): ClockStatus {
    return this.clock.status;
  }

  /** Plant topology: lines and machines with their sensors and setpoints. */
  topology() {
    const e = this.engine;
    const assets = e.layout.models.map((m) => ({
      id: m.asset,
      kind: m.kind,
      sensors: m.sensors.map((s) => ({
        id: s.id,
        name: s.name,
        group: s.group,
        unit: s.unit,
        description: s.description,
        periodS: s.period.kind === 'periodic' ? s.period.periodS : null,
        limits: s.limits,
      })),
      setpoints: m.setpoints.map((sp) => ({ id: sp.id, name: sp.name, unit: sp.unit, min: sp.min, max: sp.max, lagS: sp.lagS, rateLimitPerS: sp.rateLimitPerS, description: sp.description })),
    }));
    return { scenario: e.scenario.name, start: e.scenario.start, stepS: e.stepS, assets };
  }

  /**
   * Latest value of every sensor as a ready JSON body. Rebuilt at most once per tick, so thousands of
   * reads per second cost one serialization per tick.
   */
  latestJson(): string {
    const e = this.engine;
    if (this.latestTick === e.tick && this.latestCache) return this.latestCache;
    this.latestCache = latestJsonOf(e);
    this.latestTick = e.tick;
    return this.latestCache;
  }

  start(): void {
    this.clock.play();
  }

  stop(): void {
    this.clock.pause();
  }
}
