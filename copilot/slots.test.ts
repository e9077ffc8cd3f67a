import { describe, expect, it } from 'vitest';
import { classify } from './intents.ts';
import { extractSlots, type Vocabulary } from './slots.ts';

const v: Vocabulary = {
  machines: new Map([
    ['pump_003', 'pump'],
    ['pump_0031', 'pump'],
    ['cooling_tower_002', 'cooling_tower'],
  ]),
  lines: ['Line_A', 'Line_B'],
  setpoints: ['Line_A.furnace_temp', 'Line_B.furnace_temp', 'Line_A.belt_speed', 'pump_003.load'],
  sensors: ['pump_003.vibration_rms_mm_s', 'pump_003.bearing_temp_c', 'Line_A.zone1_temp'],
  defectTypes: ['crack', 'stress_fracture'],
};

describe('reading parameters against the plant', () => {
  it('names a machine by id (the longest first) or by its kind and number', () => {
    expect(extractSlots('RUL of pump_0031?', v).asset).toBe('pump_0031');
    expect(extractSlots("why is pump 3's risk high", v).asset).toBe('pump_003');
    expect(extractSlots('cooling tower #2 status', v).asset).toBe('cooling_tower_002');
    expect(extractSlots('pump 7', v).asset).toBeUndefined();
  });

  it('reads teams and horizons in words or digits', () => {
    expect(extractSlots("plan next week's maintenance with two crews", v)).toMatchObject({ teams: 2, horizonDays: 7 });
    expect(extractSlots('schedule jobs for 3 days with 4 teams', v)).toMatchObject({ teams: 4, horizonDays: 3 });
    expect(extractSlots('over 2 weeks', v).horizonDays).toBe(14);
  });

  it('finds the setpoint of the line named, and its value', () => {
    expect(extractSlots('what if I raise the furnace temperature on line B to 1515', v)).toMatchObject({ line: 'Line_B', setpoint: 'Line_B.furnace_temp', value: 1515 });
  });

  it("finds a machine's sensor from the words after it, and the hours asked", () => {
    expect(extractSlots('pump_003 bearing temperature over the last 6 hours', v)).toMatchObject({ sensor: 'pump_003.bearing_temp_c', hours: 6 });
    expect(extractSlots('pump_003 vibration in the past 2 days', v)).toMatchObject({ sensor: 'pump_003.vibration_rms_mm_s', hours: 48 });
  });

  it('reads alert ids, defect types and the manual topic', () => {
    expect(extractSlots('explain alt-17-3', v).alertId).toBe('ALT-17-3');
    expect(extractSlots('stress fractures on Line_A', v)).toMatchObject({ defectType: 'stress_fracture', topic: 'glass_line' });
    expect(extractSlots('how do I clean a cooling tower', v).topic).toBe('cooling_tower');
    expect(extractSlots('the cooling tower fan stopped', { ...v, machines: new Map([...v.machines, ['fan_001', 'fan']]) }).topic).toBe('cooling_tower');
  });
});

describe('what a question asks for', () => {
  it.each([
    ["Plan next week's maintenance with 2 teams", 'plan_maintenance'],
    ['What if I lower the belt speed to 1.2?', 'what_if'],
    ['Explain alert ALT-3', 'explain_alert'],
    ["Why is pump_003's risk high?", 'explain_risk'],
    ["What's the RUL of compressor_002?", 'predict_rul'],
    ['How much life is left in pump 3?', 'predict_rul'],
    ['How likely is cnc_001 to fail?', 'predict_failure'],
    ['What is causing the cracks?', 'root_cause'],
    ['Show me the furnace temperature trend', 'get_history'],
    ['How do I replace a pump seal?', 'manual'],
    ['How is fan_002 doing?', 'machine_status'],
    ['', 'help'],
    ['grease', 'manual'],
  ])('%s → %s', (q, intent) => expect(classify(q)).toBe(intent));
});
