import { describe, expect, it } from 'vitest';
import { heatColor, healthColor, NO_MODEL, rampAt, REFRACTORY, rgbCss, statusCss } from './colors.ts';
const red = (c: readonly number[]) => c[0]!;
const green = (c: readonly number[]) => c[1]!;

describe('heat map of furnace zones', () => {
  it('draws a dropped-out reading in refractory grey', () => {
    expect(heatColor(null)).toEqual(REFRACTORY);
    expect(heatColor(Number.NaN)).toEqual(REFRACTORY);
  });
  it('gets brighter as the melt gets hotter across the normal 1400-1600 °C band', () => {
    const lum = (t: number) => heatColor(t).reduce((a, b) => a + b, 0);
    expect(lum(1450)).toBeLessThan(lum(1500));
    expect(lum(1500)).toBeLessThan(lum(1550));
    expect(lum(1550)).toBeLessThan(lum(1650));
  });
  it('is red-orange at 1450 °C and near white above 1700 °C', () => {
    const c = heatColor(1450);
    expect(red(c)).toBeGreaterThan(0.8);
    expect(green(c)).toBeLessThan(0.3);
    expect(Math.min(...heatColor(1750))).toBeGreaterThan(0.85);
  });
  it('clamps outside the ramp and interpolates linearly inside it', () => {
    const stops = [{ at: 0, rgb: [0, 0, 0] as const }, { at: 10, rgb: [1, 0.5, 0] as const }];
    expect(rampAt(stops, -5)).toEqual([0, 0, 0]);
    expect(rampAt(stops, 5)).toEqual([0.5, 0.25, 0]);
    expect(rampAt(stops, 50)).toEqual([1, 0.5, 0]);
  });
});

describe('machine health colour', () => {
  it('is grey when there is no model, or its model is still training', () => {
    expect(healthColor(undefined)).toEqual(NO_MODEL);
    expect(healthColor({ state: 'no-model' })).toEqual(NO_MODEL);
    expect(healthColor({ state: 'loading' })).toEqual(NO_MODEL);
  });
  it('is green when ready, amber when degrading, red only when failing', () => {
    const ready = healthColor({ state: 'ready' });
    const degrading = healthColor({ state: 'degrading' });
    const failing = healthColor({ state: 'failing' });
    expect(green(ready)).toBeGreaterThan(red(ready));
    expect(red(degrading)).toBeGreaterThan(0.8);
    expect(green(degrading)).toBeGreaterThan(0.5);
    expect(red(failing)).toBeGreaterThan(0.8);
    expect(green(failing)).toBeLessThan(0.3);
  });
  it('washes out the colour of a stale class towards grey', () => {
    const fresh = healthColor({ state: 'failing' });
    const stale = healthColor({ state: 'failing', stale: true });
    expect(red(stale)).toBeLessThan(red(fresh));
    expect(red(stale)).toBeGreaterThan(NO_MODEL[0]);
  });
});

describe('label colours', () => {
  it('has one colour per sample status, green for OK and red for CRITICAL', () => {
    expect(new Set([0, 1, 2, 3].map((s) => statusCss(s as 0)))).toHaveProperty('size', 4);
    expect(statusCss(0)).toBe('#5ee29a');
    expect(statusCss(3)).toBe('#ff4d5e');
    expect(rgbCss([1, 0.5, 0])).toBe('rgb(255, 128, 0)');
  });
});
