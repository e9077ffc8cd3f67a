/** Ready-made machine fleets: the reference plant's 26 machines, and synthetic fleets for benchmarks. */
import { MACHINE_TYPES, type MachineSpec, type MachineType } from './machine-spec.ts';

const spec = (id: string, profile: MachineType, load: number, speed: number, ageH: number): MachineSpec => ({
  id,
  profile,
  initial: { load, speed },
  ageH,
});

/**
 * The reference fleet: 26 machines of the 8 types, with varied duty and age (hours in service).
 * Older machines start closer to, or already inside, a degradation phase.
 */
export function referenceFleet(): MachineSpec[] {
  return [
    spec('motor_001', 'motor', 80, 100, 12_000),
    spec('motor_002', 'motor', 95, 100, 45_000),
    spec('motor_003', 'motor', 60, 100, 3_000),
    spec('motor_004', 'motor', 100, 100, 70_000),
    spec('motor_005', 'motor', 50, 80, 25_000),
    spec('pump_001', 'pump', 85, 100, 8_000),
    spec('pump_002', 'pump', 100, 100, 30_000),
    spec('pump_003', 'pump', 55, 90, 22_000),
    spec('pump_004', 'pump', 75, 100, 1_500),
    spec('pump_005', 'pump', 90, 95, 40_000),
    spec('compressor_001', 'compressor', 80, 100, 9_000),
    spec('compressor_002', 'compressor', 100, 100, 16_000),
    spec('compressor_003', 'compressor', 60, 100, 2_000),
    spec('cnc_001', 'cnc', 70, 80, 6_000),
    spec('cnc_002', 'cnc', 85, 90, 15_000),
    spec('cnc_003', 'cnc', 50, 70, 500),
    spec('fan_001', 'fan', 80, 100, 20_000),
    spec('fan_002', 'fan', 65, 85, 4_000),
    spec('fan_003', 'fan', 95, 100, 35_000),
    spec('conveyor_001', 'conveyor', 75, 100, 10_000),
    spec('conveyor_002', 'conveyor', 90, 100, 28_000),
    spec('conveyor_003', 'conveyor', 50, 80, 3_500),
    spec('hydraulic_001', 'hydraulic', 80, 100, 14_000),
    spec('hydraulic_002', 'hydraulic', 60, 100, 26_000),
    spec('cooling_tower_001', 'cooling_tower', 80, 100, 18_000),
    spec('cooling_tower_002', 'cooling_tower', 60, 75, 5_000),
  ];
}

/**
 * `n` machines cycling through the 8 types, ids `m00001`.., with deterministic spread of load
 * (50-100 %), speed (80-100 %) and age (0-40,000 h). For benchmarks and scale tests.
 */
export function syntheticFleet(n: number): MachineSpec[] {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`syntheticFleet: n must be a non-negative integer, got ${n}`);
  return Array.from({ length: n }, (_, i) =>
    spec(
      `m${String(i + 1).padStart(5, '0')}`,
      MACHINE_TYPES[i % MACHINE_TYPES.length]!,
      50 + ((i * 37) % 51),
      80 + ((i * 13) % 21),
      (i * 7919) % 40_000,
    ),
  );
}
