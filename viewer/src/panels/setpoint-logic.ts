import { ApiCallError } from '../api/rest-client.ts';
import type { SetpointValue } from '../../../protocol/plant.ts';
import { fmt } from '../util/format.ts';

/** A proposed setpoint value: the number to send, or why it cannot be sent. */
export type SetpointCheck = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

/**
 * Checks an operator's entry against the setpoint's safe bounds before anything is sent (the server
 * checks again; this gives the reason while typing). Bounds are inclusive, as the engine's are.
 */
export function checkSetpoint(input: string, sp: Pick<SetpointValue, 'min' | 'max' | 'unit' | 'target'>): SetpointCheck {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'enter a value' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: `"${text}" is not a number` };
  if (value < sp.min || value > sp.max) return { ok: false, reason: `outside the safe range ${sp.min}–${sp.max} ${sp.unit}` };
  if (value === sp.target) return { ok: false, reason: 'that is already the target' };
  return { ok: true, value };
}

/**
 * How far the actual value trails the target: actuators lag (a furnace heats over hours), so a new
 * target is reached gradually. Settled within 0.5 % of the setpoint's range.
 */
export function lagText(sp: Pick<SetpointValue, 'min' | 'max' | 'unit' | 'target' | 'actual'>): string {
  const gap = sp.target - sp.actual;
  if (Math.abs(gap) <= (sp.max - sp.min) * 0.005) return 'at target';
  return `${gap > 0 ? 'rising' : 'falling'} to target, ${fmt(Math.abs(gap))} ${sp.unit} to go`;
}

/** The message for a refused change: a 403 names the roles that may steer the plant. */
export function setpointErrorText(err: unknown): string {
  if (err instanceof ApiCallError && err.status === 403) return 'Not allowed: changing a setpoint of the live plant needs the operator or engineer role. Enter such an API key in Settings.';
  if (err instanceof ApiCallError && err.status === 401) return 'An API key is needed to change setpoints.';
  return `The change was not applied: ${(err as Error).message}`;
}

/** A setpoint value as typed and sent: no thousands separator, no rounding to integers (1480.5 stays 1480.5). */
export function spNum(v: number): string {
  return String(+v.toPrecision(6));
}
