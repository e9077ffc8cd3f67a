import type { DefectCause } from '../../physics/model.ts';

/** What an operator should do about each physical defect cause (the twin's cause vocabulary). */
export const ACTION_BY_CAUSE: Readonly<Record<DefectCause, string>> = {
  furnace_overheat: 'lower furnace_temp setpoint; check burner calibration',
  furnace_underheat: 'raise furnace_temp setpoint; check burner fuel supply and flame',
  belt_overspeed: 'lower belt_speed setpoint; check the drive encoder',
  mold_too_cold: 'raise mold_temp setpoint; check the mould heater',
  pressure_variation: 'check forming press hydraulics and the pressure controller tuning',
  cooling_too_fast: 'lower lehr_cooling_rate setpoint; check lehr fans and dampers',
  raw_material: 'check batch composition and cullet quality',
  random: 'inspect recent units; no single process cause identified',
};

type Direction = 'above' | 'below';

// Parameter (regex on the sensor's name) and direction → the cause it points to, or a direct action.
const TABLE: readonly { readonly name: RegExp; readonly dir: Direction | null; readonly cause?: DefectCause; readonly action?: string }[] = [
  { name: /^(zone\d+_temp|crown_temp|gob_temp)$/, dir: 'above', cause: 'furnace_overheat' },
  { name: /^(zone\d+_temp|crown_temp|gob_temp)$/, dir: 'below', cause: 'furnace_underheat' },
  // Viscosity falls as the melt heats up.
  { name: /^glass_viscosity$/, dir: 'below', cause: 'furnace_overheat' },
  { name: /^glass_viscosity$/, dir: 'above', cause: 'furnace_underheat' },
  { name: /^burner_power$/, dir: null, action: 'check burner control loop and fuel supply; compare with furnace_temp setpoint' },
  { name: /^melt_level$/, dir: null, action: 'check the batch charger and pull rate' },
  // The analyser reads the batch hours before that glass reaches inspection: time to act on the silo.
  { name: /^batch_deviation$/, dir: 'above', action: 'check batch composition and cullet quality; isolate the silo feeding it; expect stains and bubbles within hours' },
  { name: /^belt_speed$/, dir: 'above', cause: 'belt_overspeed' },
  { name: /^belt_speed$/, dir: 'below', action: 'check the conveyor drive: the line may be stopping' },
  { name: /^mold_temp$/, dir: 'below', cause: 'mold_too_cold' },
  { name: /^mold_temp$/, dir: 'above', action: 'lower mold_temp setpoint; check the mould heater controller' },
  { name: /^(forming_pressure|pressure_variation)$/, dir: null, cause: 'pressure_variation' },
  { name: /^(wall_thickness|unit_thickness)$/, dir: null, action: 'check gob weight and forming pressure; adjust belt_speed' },
  { name: /^(cooling_rate|residual_stress)$/, dir: 'above', cause: 'cooling_too_fast' },
  { name: /^cooling_rate$/, dir: 'below', action: 'raise lehr_cooling_rate setpoint; check the lehr temperature profile' },
  { name: /^lehr_(entry|exit)_temp$/, dir: null, action: 'check lehr burners and fans against the annealing profile' },
  { name: /^(unit_defects|defect_severity_max)$/, dir: null, action: 'inspect recent units; check the defect distribution by type for the cause' },
  { name: /vibration/, dir: null, action: 'schedule a vibration inspection; check bearings, alignment and balance' },
  { name: /temp/, dir: 'above', action: 'check lubrication and cooling; reduce load' },
  { name: /current|power/, dir: 'above', action: 'check for mechanical overload; reduce load' },
  { name: /pressure|flow/, dir: null, action: 'check valves, filters and seals' },
];

const FALLBACK = 'check the sensor and the process against the asset procedure';

/** The recommended action for a parameter (sensor name) out of range in a direction. */
export function recommendedAction(parameter: string, direction: Direction | null): string {
  for (const row of TABLE) {
    if (!row.name.test(parameter) || (row.dir !== null && row.dir !== direction)) continue;
    return row.cause ? ACTION_BY_CAUSE[row.cause] : (row.action ?? FALLBACK);
  }
  return FALLBACK;
}

export const ANOMALY_ACTION = 'review the contributing sensors; plan an inspection of the asset';
export const FAILURE_ACTION = 'dispatch maintenance; keep the asset isolated until it is repaired';

export const DRIFT_ACTION = 'check the drifted sensors and recent process changes; if the plant has changed for good, retrain the model (Models → Retrain)';

export const PREDICTED_FAILURE_ACTION = 'plan maintenance before the predicted failure; check the contributing sensors and keep spares ready';
