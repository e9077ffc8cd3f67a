/**
 * The reference plant every library scenario runs on: three glass lines (two container, one float)
 * and a 26-machine utility and handling fleet. Loads and ages are fixed by hand, not drawn at random,
 * so the plant is the same in every scenario and every seed.
 */

import { DEFAULT_ZONES } from './defaults.ts';
import { fillSetpoints } from './setpoints.ts';
import type { GlassKind, LineSpec, MachineSpec, MachineType } from './types.ts';

const line = (id: string, glass: GlassKind): LineSpec =>
  Object.freeze({ id, glass, zones: DEFAULT_ZONES, initial: Object.freeze(fillSetpoints('line', undefined)) });

/** Line_A, Line_B (container) and Line_C (float), 8 zones, nominal setpoints. */
export const REFERENCE_LINES: readonly LineSpec[] = Object.freeze([
  line('Line_A', 'container'),
  line('Line_B', 'container'),
  line('Line_C', 'float'),
]);

// [type, load %, age h] per machine, numbered within its type: a mix of new and worn units.
const FLEET: readonly (readonly [MachineType, number, number])[] = [
  ['motor', 82, 12_400],
  ['motor', 70, 3_100],
  ['motor', 91, 18_900],
  ['motor', 65, 650],
  ['motor', 77, 9_800],
  ['pump', 85, 15_200],
  ['pump', 72, 4_300],
  ['pump', 88, 11_700],
  ['pump', 63, 200],
  ['pump', 79, 7_600],
  ['compressor', 90, 16_800],
  ['compressor', 84, 9_200],
  ['compressor', 68, 1_500],
  ['cnc', 75, 5_400],
  ['cnc', 93, 13_900],
  ['cnc', 61, 0],
  ['fan', 80, 19_600],
  ['fan', 66, 2_800],
  ['fan', 87, 8_300],
  ['conveyor', 71, 10_500],
  ['conveyor', 95, 6_100],
  ['conveyor', 62, 14_700],
  ['hydraulic', 86, 17_300],
  ['hydraulic', 74, 3_900],
  ['cooling_tower', 69, 12_000],
  ['cooling_tower', 92, 4_800],
];

function numberFleet(): MachineSpec[] {
  const seen = new Map<MachineType, number>();
  return FLEET.map(([type, load, ageH]) => {
    const n = (seen.get(type) ?? 0) + 1;
    seen.set(type, n);
    return Object.freeze({
      id: `${type}_${String(n).padStart(3, '0')}`,
      profile: type,
      initial: Object.freeze(fillSetpoints('machine', { load })),
      ageH,
    });
  });
}

/** motor_001..005, pump_001..005, compressor_001..003, cnc_001..003, fan_001..003, conveyor_001..003, hydraulic_001..002, cooling_tower_001..002. */
export const REFERENCE_MACHINES: readonly MachineSpec[] = Object.freeze(numberFleet());
