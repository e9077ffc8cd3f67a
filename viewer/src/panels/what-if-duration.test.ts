import { describe, expect, it } from 'vitest';
import { changesWithDurations, checkDuration, parseDurationS, shortDuration } from './what-if-duration.ts';

describe('short duration', () => {
  it('drops zero parts of a duration', () => {
    expect([shortDuration(60), shortDuration(11_400), shortDuration(45), shortDuration(0), shortDuration(3661)]).toEqual(['1 min', '3 h 10 min', '45 s', '0 s', '1 h 1 min 1 s']);
  });
});

describe('"for … then back"', () => {
  it('reads a bare number as hours and a duration text by its units', () => {
    expect([parseDurationS('2'), parseDurationS('1.5'), parseDurationS('2h'), parseDurationS('1h30m'), parseDurationS('1 h 30 min'), parseDurationS('90 min'), parseDurationS('45s')]).toEqual([7200, 5400, 7200, 5400, 5400, 5400, 45]);
    expect([parseDurationS('soon'), parseDurationS('2h x'), parseDurationS('')]).toEqual([null, null, null]);
  });

  it('sends no duration for an empty field: the change stays', () => {
    expect(checkDuration('  ', 0, 14_400)).toEqual({ ok: true, durationS: undefined });
  });

  it('accepts a duration whose return lies before the horizon', () => {
    expect(checkDuration('2', 0, 14_400)).toEqual({ ok: true, durationS: 7200 });
  });

  it('refuses a zero duration, a return at or after the horizon, and text that is no duration, saying why', () => {
    expect(checkDuration('0', 0, 14_400)).toEqual({ ok: false, message: 'The duration must be more than 0' });
    expect(checkDuration('4h', 0, 14_400)).toEqual({ ok: false, message: 'The return after 4 h must come before the horizon (4 h)' });
    expect(checkDuration('1h', 3600 * 3.5, 14_400).ok).toBe(false);
    expect(checkDuration('soon', 0, 14_400)).toMatchObject({ ok: false, message: expect.stringMatching(/not a duration/) });
  });
});

describe('changes sent with their durations', () => {
  const changes = [{ setpoint: 'Line_A.furnace_temp', value: 1550 }, { setpoint: 'Line_A.belt_speed', value: 120 }];
  it('adds durationS to the changes that have one and leaves the others to stay', () => {
    expect(changesWithDurations(changes, { 'Line_A.furnace_temp': '2h' }, 14_400)).toEqual({
      changes: [{ setpoint: 'Line_A.furnace_temp', value: 1550, durationS: 7200 }, { setpoint: 'Line_A.belt_speed', value: 120 }],
      errors: {},
    });
  });

  it('names the change whose duration cannot be sent', () => {
    expect(changesWithDurations(changes, { 'Line_A.belt_speed': '5h' }, 14_400).errors).toEqual({ 'Line_A.belt_speed': 'The return after 5 h must come before the horizon (4 h)' });
  });
});
