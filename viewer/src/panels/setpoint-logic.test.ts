import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../api/rest-client.ts';
import { checkSetpoint, lagText, setpointErrorText } from './setpoint-logic.ts';

const furnace = { min: 1350, max: 1650, unit: '°C', target: 1500, actual: 1500 };

describe('checking a new setpoint value before it is sent', () => {
  it('accepts a number within the safe bounds, the bounds included', () => {
    expect(checkSetpoint('1480', furnace)).toEqual({ ok: true, value: 1480 });
    expect(checkSetpoint(' 1350 ', furnace)).toEqual({ ok: true, value: 1350 });
    expect(checkSetpoint('1650', furnace)).toEqual({ ok: true, value: 1650 });
  });

  it('refuses values outside the bounds, naming the range', () => {
    expect(checkSetpoint('1700', furnace)).toEqual({ ok: false, reason: 'outside the safe range 1350–1650 °C' });
    expect(checkSetpoint('1349.9', furnace)).toMatchObject({ ok: false });
  });

  it('refuses an empty entry, text that is not a number, and the current target', () => {
    expect(checkSetpoint('', furnace)).toEqual({ ok: false, reason: 'enter a value' });
    expect(checkSetpoint('hot', furnace)).toEqual({ ok: false, reason: '"hot" is not a number' });
    expect(checkSetpoint('Infinity', furnace)).toMatchObject({ ok: false });
    expect(checkSetpoint('1500', furnace)).toEqual({ ok: false, reason: 'that is already the target' });
  });
});

describe('target versus actual', () => {
  it('shows the actuator catching up, in which direction and how far', () => {
    expect(lagText({ ...furnace, target: 1480, actual: 1496.2 })).toBe('falling to target, 16.2 °C to go');
    expect(lagText({ ...furnace, target: 1520, actual: 1510 })).toBe('rising to target, 10 °C to go');
  });

  it('counts as at target within half a percent of the range', () => {
    expect(lagText({ ...furnace, target: 1480, actual: 1481.4 })).toBe('at target');
  });
});

describe('a refused change', () => {
  it('names the roles that may change setpoints when the server answers 403', () => {
    const text = setpointErrorText(new ApiCallError('TWIN_ERR_FORBIDDEN', 'role viewer may not', 403));
    expect(text).toMatch(/operator or engineer role/);
  });

  it("passes the server's reason on otherwise", () => {
    expect(setpointErrorText(new ApiCallError('TWIN_ERR_BAD_REQUEST', 'value: out of bounds', 400))).toBe('The change was not applied: value: out of bounds');
  });
});
