import { describe, expect, it } from 'vitest';
import {
  peakToPeakFromVariance,
  forehearthConductanceWPerK,
  forehearthGobC,
  FORMING_PARAMS,
  moldHeaterForTempW,
  stepMoldC,
  unitPitchM,
  updateRollingStats,
  wallThicknessMm,
} from './forming.ts';

const p = FORMING_PARAMS.container;

describe('forming station', () => {
  it('makes one unit every 3-5 s at 150 m/min, whatever the jitter draw', () => {
    for (const u of [0, 0.25, 0.5, 0.75, 0.999999]) {
      const intervalS = unitPitchM(p, u) / (150 / 60);
      expect(intervalS).toBeGreaterThanOrEqual(3);
      expect(intervalS).toBeLessThanOrEqual(5);
    }
  });

  it('lets an unheated mould decay to a lower equilibrium below 280 °C, with a lag of minutes', () => {
    let moldC = 450;
    for (let t = 0; t < 60; t++) moldC = stepMoldC(p, moldC, 0, 150, 1100, 25, 1);
    expect(moldC).toBeLessThan(450);
    expect(moldC).toBeGreaterThan(400); // not a jump: the mould has thermal mass
    for (let t = 0; t < 4 * 3600; t++) moldC = stepMoldC(p, moldC, 0, 150, 1100, 25, 1);
    expect(moldC).toBeGreaterThan(200);
    expect(moldC).toBeLessThan(260);
  });

  it('holds the mould at its setpoint with the heater power moldHeaterForTempW gives, within the heater capacity', () => {
    const heaterW = moldHeaterForTempW(p, 450, 150, 1100, 25);
    expect(heaterW).toBeGreaterThan(0);
    expect(heaterW).toBeLessThan(p.heaterMaxW);
    expect(stepMoldC(p, 450, heaterW, 150, 1100, 25, 600)).toBeCloseTo(450, 9);
  });

  it('reports the peak-to-peak swing of a pure sinusoid (twice its amplitude) as its rolling variation', () => {
    const s = new Float64Array(2);
    s[0] = 40;
    for (let t = 0; t < 600; t++) updateRollingStats(s, 0, 1, 40 + 20 * Math.sin((2 * Math.PI * t) / 7), 1, 30);
    expect(peakToPeakFromVariance(s[1] as number)).toBeGreaterThan(37);
    expect(peakToPeakFromVariance(s[1] as number)).toBeLessThan(43);
  });

  it('forms thinner walls at higher belt speed and pressure, thicker with stiffer glass, nominal at the reference point', () => {
    expect(wallThicknessMm(p, 150, 40, 0)).toBeCloseTo(p.nominalWallMm, 12);
    expect(wallThicknessMm(p, 190, 40, 0)).toBeLessThan(p.nominalWallMm);
    expect(wallThicknessMm(p, 150, 60, 0)).toBeLessThan(p.nominalWallMm);
    expect(wallThicknessMm(p, 150, 40, 0.3)).toBeGreaterThan(p.nominalWallMm);
  });

  it('delivers a hotter gob when the pull is faster (less time in the forehearth)', () => {
    const g = forehearthConductanceWPerK(1466, 1100, 25, 3.47, 1200);
    expect(forehearthGobC(1466, 25, 3.47, 1200, g, 732)).toBeCloseTo(1100, 9);
    expect(forehearthGobC(1466, 25, 4.4, 1200, g, 732)).toBeGreaterThan(1100);
    expect(forehearthGobC(1466, 25, 2.5, 1200, g, 732)).toBeLessThan(1100);
  });

  it('keeps a stopped forehearth from freezing: the gob never drops more than maxDropK below the throat', () => {
    const g = forehearthConductanceWPerK(1466, 1100, 25, 3.47, 1200);
    expect(forehearthGobC(1466, 25, 0, 1200, g, 732)).toBe(1466 - 732);
  });
});
