/**
 * The one bounds check for a setpoint's target. The engine, the scenario loader, the what-if
 * request and the plant command service all call it, so a value is judged the same everywhere and
 * the message names the same range.
 */

/** What the check needs of a setpoint (a `SetpointSpec` or a scenario's setpoint table entry). */
export interface SetpointBounds {
  readonly unit: string;
  readonly min: number;
  readonly max: number;
}

/** undefined when `value` may be a target for the setpoint, else the reason in plain words. */
export function setpointProblem(bounds: SetpointBounds, value: number): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a finite number of ${bounds.unit} (got ${String(value)})`;
  if (value < bounds.min || value > bounds.max) return `must be between ${bounds.min} and ${bounds.max} ${bounds.unit} (got ${value})`;
  return undefined;
}
