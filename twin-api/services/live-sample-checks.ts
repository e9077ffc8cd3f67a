/** What live MQTT samples are checked against (the plant's sensors, the twin's clock), and how refusals are logged. */
import type { TwinEngine } from '../../engine/engine.ts';
import type { Rejection } from '../shadow/mqtt-source.ts';
import type { SampleContext } from '../shadow/validate-sample.ts';

/** The twin's sensors by topic asset and parameter name, their units, and its simulated clock. */
export function plantSampleContext(engine: Pick<TwinEngine, 'layout' | 'startMs' | 'tS'>): SampleContext {
  const byTopic = new Map(engine.layout.sensors.map((s) => [`${s.asset}/${s.name}`, s.id] as const));
  const units = new Map(engine.layout.sensors.map((s) => [s.id, s.unit] as const));
  return {
    sensorOf: (asset, parameter) => byTopic.get(`${asset}/${parameter}`),
    unitOf: (sensorId) => units.get(sensorId),
    twinTimeMs: () => engine.startMs + engine.tS * 1000,
  };
}

/**
 * Logs refused messages, at most one line per `everyMs` with the count of those not shown, so a
 * flood of bad messages cannot flood the log.
 */
export function rejectionLog(log: (msg: string) => void, everyMs = 10_000, now: () => number = Date.now): (r: Rejection) => void {
  let lastMs = -Infinity;
  let suppressed = 0;
  return (r) => {
    const t = now();
    if (t - lastMs < everyMs) {
      suppressed++;
      return;
    }
    log(`mqtt: rejected ${r.topic}: ${r.reason}${suppressed > 0 ? ` (and ${suppressed} more since the last report)` : ''}`);
    lastMs = t;
    suppressed = 0;
  };
}
