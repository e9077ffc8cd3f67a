import { describe, expect, it } from 'vitest';
import { formatValue, machineLabelSensors, recommendationText, sensorLine, sensorTitle, worstStatus } from './label-format.ts';
import type { SceneAsset } from './scene-data.ts';

describe('sensor label text', () => {
  it('shows about four significant digits with the unit', () => {
    expect(formatValue(1504.83, '°C')).toBe('1505 °C');
    expect(formatValue(150.04, 'm/min')).toBe('150 m/min');
    expect(formatValue(42.37, 'MPa')).toBe('42.4 MPa');
    expect(formatValue(4.214, '°C/min')).toBe('4.21 °C/min');
    expect(formatValue(0.0423, 'MPa')).toBe('0.042 MPa');
  });
  it('shows counts as integers and dimensionless values without a unit', () => {
    expect(formatValue(2, 'count')).toBe('2');
    expect(formatValue(0.62, '1')).toBe('0.620');
    expect(formatValue(0, 'count')).toBe('0');
    expect(formatValue(-0.0001, '°C')).toBe('-0.000 °C');
  });
  it('shows a dash for a dropped-out sample', () => {
    expect(formatValue(null, '°C')).toBe('—');
    expect(formatValue(Number.NaN, '°C')).toBe('—');
  });
  it('turns sensor names into words and drops unit suffixes', () => {
    expect(sensorTitle('zone3_temp')).toBe('zone 3 temp');
    expect(sensorTitle('vibration_rms_mm_s')).toBe('vibration rms');
    expect(sensorTitle('bearing_temp_c')).toBe('bearing temp');
    expect(sensorTitle('belt_speed')).toBe('belt speed');
  });
  it('joins name, value, unit and status', () => {
    expect(sensorLine('mold_temp', '°C', { v: 452.2, s: 0 })).toBe('mold temp 452 °C · OK');
    expect(sensorLine('bearing_temp_c', '°C', { v: 91, s: 2 })).toBe('bearing temp 91.0 °C · ERROR');
    expect(sensorLine('mold_temp', '°C', undefined)).toBe('mold temp — · NO DATA');
  });
  it('colours a label by the worst status of its sensors', () => {
    expect(worstStatus([{ v: 1, s: 0 }, { v: 2, s: 2 }, undefined, { v: 3, s: 1 }])).toBe(2);
    expect(worstStatus([undefined])).toBeUndefined();
  });
  it('writes a recommendation as current → proposed with the unit', () => {
    expect(recommendationText('belt_speed', 150, 138.26, 'm/min')).toBe('belt speed 150 → 138 m/min');
    expect(recommendationText('lehr_cooling_rate', 4, 3.5, '°C/min')).toBe('lehr cooling rate 4.00 → 3.50 °C/min');
  });
  it('labels a machine with its vibration and a temperature', () => {
    const s = (name: string) => ({ id: `pump_001.${name}`, name, group: 'machine', unit: '' });
    const pump: SceneAsset = { id: 'pump_001', kind: 'machine', setpoints: [], sensors: [s('flow_m3h'), s('vibration_rms_mm_s'), s('bearing_temp_c')] };
    expect(machineLabelSensors(pump)).toEqual(['pump_001.vibration_rms_mm_s', 'pump_001.bearing_temp_c']);
    expect(machineLabelSensors({ ...pump, sensors: [s('flow_m3h')] })).toEqual([]);
  });
});
