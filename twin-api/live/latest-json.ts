import type { TwinEngine } from '../../engine/engine.ts';
import { STATUS_NAMES } from '../../physics/model.ts';

/**
 * The latest value of every sensor of an engine as a ready `{ data, error }` JSON body (written by
 * hand: it is the hottest read of the API, and JSON.stringify of 300 objects costs several times more).
 */
export function latestJsonOf(e: TwinEngine): string {
  const sensors = e.layout.sensors;
  const parts: string[] = [];
  for (let k = 0; k < sensors.length; k++) {
    const v = e.values[k]!;
    parts.push(`{"sensor_id":${JSON.stringify(sensors[k]!.id)},"value":${Number.isNaN(v) ? 'null' : v},"unit":${JSON.stringify(sensors[k]!.unit)},"status":"${STATUS_NAMES[e.status[k]!]}"}`);
  }
  return `{"data":{"t":"${e.isoAt()}","tick":${e.tick},"samples":[${parts.join(',')}]},"error":null}`;
}
