import { describe, expect, it } from 'vitest';
import { rampSchedule } from './ramp-schedule.ts';
import { DEFAULT_SAFETY_POLICY, envelopeOf } from './safety-policy.ts';

const furnace = envelopeOf(DEFAULT_SAFETY_POLICY, { id: 'Line_A.furnace_temp', name: 'furnace_temp', unit: '°C', min: 1350, max: 1650, rateLimitPerS: 0.05 })!;
const belt = envelopeOf(DEFAULT_SAFETY_POLICY, { id: 'Line_A.belt_speed', name: 'belt_speed', unit: 'm/min', min: 0, max: 200, rateLimitPerS: 5 })!;
const envOf = (id: string) => [furnace, belt].find((e) => e.setpoint === id);

describe('the ramp schedule', () => {
  it('moves each setpoint at its policy rate, one command a minute, ending exactly on the target', () => {
    // 30 °C at 50 °C/h is 36 minutes; 10 m/min at 20 m/min per minute is one step.
    const { commands, endS } = rampSchedule([{ setpoint: 'Line_A.furnace_temp', from: 1500, to: 1470 }, { setpoint: 'Line_A.belt_speed', from: 150, to: 140 }], envOf, 3600, 60);
    const f = commands.filter((c) => c.setpoint === 'Line_A.furnace_temp');
    expect(f).toHaveLength(36);
    expect(f[0]).toEqual({ atS: 3660, setpoint: 'Line_A.furnace_temp', value: 1500 - 50 / 60 });
    expect(f.at(-1)).toEqual({ atS: 3600 + 36 * 60, setpoint: 'Line_A.furnace_temp', value: 1470 });
    expect(commands.filter((c) => c.setpoint === 'Line_A.belt_speed')).toEqual([{ atS: 3660, setpoint: 'Line_A.belt_speed', value: 140 }]);
    expect(endS).toBe(3600 + 36 * 60);
    for (let i = 1; i < f.length; i++) expect(Math.abs(f[i]!.value - f[i - 1]!.value)).toBeLessThanOrEqual(50 / 60 + 1e-9);
  });

  it('refuses a setpoint the policy does not cover', () => {
    expect(() => rampSchedule([{ setpoint: 'Line_A.mold_temp', from: 450, to: 440 }], envOf, 0, 60)).toThrow('Line_A.mold_temp: has no envelope in the safety policy');
  });
});
