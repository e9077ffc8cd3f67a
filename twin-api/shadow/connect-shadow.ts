import { Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import type { LiveSource } from './live-source.ts';
import type { ShadowTracker } from '../../monitor/shadow/shadow-tracker.ts';

/** A source the server steps in lock-step with the twin (EnginePlantSource). */
export interface SteppedSource {
  advanceTo(tS: number): void;
}

function isStepped(source: LiveSource): source is LiveSource & SteppedSource {
  return typeof (source as Partial<SteppedSource>).advanceTo === 'function';
}

/**
 * Wires shadow mode: the twin's current values become the first predictions, each twin frame becomes the tracker's prediction, then a stepped source is
 * advanced to the same simulated time, and every live sample is fed to the tracker. Unsubscribe
 * to disconnect (the source itself is started and stopped by its owner).
 *
 * @example
 * const sub = connectShadow({ twin, source, tracker }); await source.start(); twin.runFor(600);
 */
export function connectShadow(deps: { twin: TwinEngine; source: LiveSource; tracker: ShadowTracker }): Subscription {
  const { twin, source, tracker } = deps;
  tracker.primeTwin(twin.values, twin.startMs + twin.tS * 1000);
  const sub = new Subscription();
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
