import type { Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import type { SensorsData } from '../../protocol/ws.ts';
import type { WsHub } from '../ws/hub.ts';

/** Publishes each tick's samples on the `sensors` channel; the hub conflates for slow clients. */
export function feedSensors(engine: TwinEngine, hub: WsHub, wallClock: () => number = Date.now): Subscription {
  const ids = engine.layout.sensors.map((s) => s.id);
  return engine.frames$.subscribe((f) => {
    if (f.sampledCount === 0) return;
    const samples: { id: string; v: number | null; s: 0 | 1 | 2 | 3 }[] = new Array(f.sampledCount);
    for (let i = 0; i < f.sampledCount; i++) {
      const k = f.sampled[i]!;
      const v = f.values[k]!;
      samples[i] = { id: ids[k]!, v: Number.isNaN(v) ? null : v, s: f.status[k]! as 0 | 1 | 2 | 3 };
    }
    const data: SensorsData = { tick: f.tick, wallMs: wallClock(), samples };
    hub.publish('sensors', new Date(f.timeMs).toISOString(), data);
  });
}
