/** The five operator setpoints of a glass line, in the order the engine lays them out in `sp`. */
import type { SetpointSpec } from '../model.ts';
import type { GlassLineSpec } from './line-spec.ts';

/** Index of each setpoint in `sp[spOff ..]`. */
export const SP = { furnaceTemp: 0, beltSpeed: 1, moldTemp: 2, formingPressure: 3, lehrCoolingRate: 4 } as const;

export type LineSetpointTemplate = Omit<SetpointSpec, 'id' | 'asset'>;

// Lags and rate limits: the melter setpoint moves slowly (lag 10 min, 3 °C/min); the rest are actuators
// with their own physics modelled in the line (mould heater, lehr), so their setpoint lag is short.
export const LINE_SETPOINT_TEMPLATES: readonly LineSetpointTemplate[] = [
  { name: 'furnace_temp', unit: '°C', min: 1350, max: 1650, initial: 1500, lagS: 600, rateLimitPerS: 0.05, description: 'Mean melt temperature the burner controller holds' },
  { name: 'belt_speed', unit: 'm/min', min: 0, max: 200, initial: 150, lagS: 5, rateLimitPerS: 5, description: 'Forming conveyor belt speed (sets the pull)' },
  { name: 'mold_temp', unit: '°C', min: 20, max: 600, initial: 450, lagS: 1, rateLimitPerS: 5, description: 'Mould temperature the mould heater controller holds' },
  { name: 'forming_pressure', unit: 'MPa', min: 0, max: 100, initial: 40, lagS: 2, rateLimitPerS: 10, description: 'Forming (pressing) pressure' },
  { name: 'lehr_cooling_rate', unit: '°C/min', min: 0.5, max: 15, initial: 4, lagS: 60, rateLimitPerS: 0.05, description: 'Controlled cooling rate through the annealing range' },
];

/** Setpoint names in SP order. */
export const SETPOINT_NAMES: readonly string[] = LINE_SETPOINT_TEMPLATES.map((t) => t.name);

/**
 * The line's setpoints with `spec.initial` applied. Throws on an unknown name or a value outside
 * the setpoint's range.
 */
export function lineSetpoints(spec: GlassLineSpec): SetpointSpec[] {
  for (const [name, value] of Object.entries(spec.initial)) {
    const t = LINE_SETPOINT_TEMPLATES.find((x) => x.name === name);
    if (!t) throw new Error(`${spec.id}: unknown initial setpoint "${name}"; known: ${SETPOINT_NAMES.join(', ')}`);
    if (!Number.isFinite(value) || value < t.min || value > t.max) {
      throw new Error(`${spec.id}: initial ${name} = ${value} is outside ${t.min}..${t.max} ${t.unit}`);
    }
  }
  return LINE_SETPOINT_TEMPLATES.map((t) => ({ ...t, id: `${spec.id}.${t.name}`, asset: spec.id, initial: spec.initial[t.name] ?? t.initial }));
}
