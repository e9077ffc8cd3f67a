import type { PlantLayout } from '../engine/layout.ts';
import { UsageError } from './usage-error.ts';

/** --sensors "Line_A.,pump_003": keep sensors whose id starts with one of the prefixes. */
export function sensorFilter(layout: PlantLayout, spec: string | undefined): (k: number) => boolean {
  if (!spec) return () => true;
  const prefixes = spec.split(',').map((p) => p.trim()).filter(Boolean);
  const keep = new Uint8Array(layout.sensors.length);
  layout.sensors.forEach((s, k) => {
    if (prefixes.some((p) => s.id.startsWith(p))) keep[k] = 1;
  });
  if (!keep.includes(1)) throw new UsageError(`--sensors: no sensor id starts with ${prefixes.map((p) => `"${p}"`).join(' or ')}`);
  return (k) => keep[k] === 1;
}
