import { describe, expect, it } from 'vitest';
import { MACHINE_TYPES } from '../physics/machines/machine-spec.ts';
import { Rig } from '../physics/machines/testing.ts';

describe('a plant starts in equilibrium with its starting conditions', () => {
  // A machine settled at another ambient than the one it then runs in starts with a transient: the
  // cooling tower's basin (15 min hold-up) raised a CRITICAL approach alert on every fresh start.
  it.each(MACHINE_TYPES.flatMap((type) => [5, 35].map((ambientC) => [type, ambientC] as const)))(
    '%s started at %d °C ambient holds every sensor within 1 percent over its first 30 min',
    (type, ambientC) => {
      const rig = new Rig(type, { ambientC });
      const before = rig.values();
      rig.step(10, 180);
      const after = rig.values();
      for (const [name, v] of Object.entries(before)) {
        expect(Math.abs(after[name]! - v), `${type}.${name}: ${v} at start, ${after[name]} after 30 min`).toBeLessThanOrEqual(0.01 * Math.max(Math.abs(v), 1));
      }
    },
  );
});
