import { Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import type { LiveSource } from './live-source.ts';
import type { ShadowTracker } from '../../monitor/shadow/shadow-tracker.ts';
import type { WsHub } from '../ws/hub.ts';

/** A source the server steps in lock-step with the twin (EnginePlantSource). */
export interface SteppedSource {
  advanceTo(tS: number): void;
}

function isStepped(source: LiveSource): source is LiveSource & SteppedSource {
  return typeof (source as Partial<SteppedSource>).advanceTo === 'function';
}

/**
 * Wires shadow mode: the twin's current values become the first predictions, each twin frame becomes the tracker's prediction, then a stepped source is
 * advanced to the same simulated time, and every live sample is fed to the tracker. Each change of
 * an asset's flag (the tracker's flags$) goes to the hub as a `state` message of kind `shadow_flag`
 * for that asset. Unsubscribe to disconnect (the source itself is started and stopped by its owner).
 *
 * @example
 * const sub = connectShadow({ twin, source, tracker, hub }); await source.start(); twin.runFor(600);
 */
export function connectShadow(deps: { twin: TwinEngine; source: LiveSource; tracker: ShadowTracker; hub?: Pick<WsHub, 'publish'> | null }): Subscription {
  const { twin, source, tracker, hub } = deps;
  tracker.primeTwin(twin.values, twin.startMs + twin.tS * 1000);
  const sub = new Subscription();
  if (hub) {
    sub.add(
      tracker.flags$.subscribe((c) => {
        const t = new Date(c.twinTimeMs ?? twin.startMs + twin.tS * 1000).toISOString();
        hub.publish('state', t, { kind: 'shadow_flag', asset: c.asset, flag: c.flag, previous: c.previous, sensors: c.sensors }, [c.asset]);
      }),
    );
  }
  sub.add(source.samples$.subscribe((s) => tracker.ingest(s)));
  const stepped = isStepped(source) ? source : null;
  sub.add(
    twin.frames$.subscribe((frame) => {
      tracker.observeTwin(frame);
      stepped?.advanceTo(frame.tS);
    }),
  );
  return sub;
}
