import { STATUS_NAMES, type StatusName } from '../physics/model.ts';
import type { Frame } from './frame.ts';
import type { PlantLayout } from './layout.ts';

/** The external record of one sample, as written to files and sent over the wire. */
export interface SampleRecord {
  /** ISO 8601 UTC. */
  readonly timestamp: string;
  readonly sensor_id: string;
  readonly parameter_name: string;
  /** null when the sample dropped out. */
  readonly value: number | null;
  readonly unit: string;
  readonly status: StatusName;
  /** Set for glass-line sensors. */
  readonly production_line?: string;
  /** Set for machine sensors. */
  readonly machine_id?: string;
}

/** The records of the samples taken in one frame, in sensor order. */
export function frameRecords(frame: Frame, layout: PlantLayout): SampleRecord[] {
  const timestamp = new Date(frame.timeMs).toISOString();
  const out: SampleRecord[] = [];
  const ks = Array.from(frame.sampled.subarray(0, frame.sampledCount)).sort((a, b) => a - b);
  for (const k of ks) {
    const s = layout.sensors[k]!;
    const v = frame.values[k]!;
    const base = {
      timestamp,
      sensor_id: s.id,
      parameter_name: s.name,
      value: Number.isNaN(v) ? null : v,
      unit: s.unit,
      status: STATUS_NAMES[frame.status[k]!]!,
    };
    out.push(s.assetKind === 'line' ? { ...base, production_line: s.asset } : { ...base, machine_id: s.asset });
  }
  return out;
}
