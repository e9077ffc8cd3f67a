/**
 * Colour maps of the scene, as sRGB triples in 0..1 (convert with `Color.setRGB(r, g, b, SRGBColorSpace)`).
 * Pure, so the maps are tested without WebGL.
 */
import type { HealthClass } from '../health/health-class.ts';
import type { MachineHealth, SensorStatusCode } from './scene-data.ts';

/** An sRGB colour, components 0..1. */
export type Rgb = readonly [number, number, number];

interface Stop {
  readonly at: number;
  readonly rgb: Rgb;
}

/** Linear interpolation through sorted stops; clamps outside the first and last. */
export function rampAt(stops: readonly Stop[], x: number): Rgb {
  const first = stops[0]!;
  if (!(x > first.at)) return first.rgb;
  for (let i = 1; i < stops.length; i++) {
    const b = stops[i]!;
    if (x <= b.at) {
      const a = stops[i - 1]!;
      const f = (x - a.at) / (b.at - a.at);
      return [a.rgb[0] + (b.rgb[0] - a.rgb[0]) * f, a.rgb[1] + (b.rgb[1] - a.rgb[1]) * f, a.rgb[2] + (b.rgb[2] - a.rgb[2]) * f];
    }
  }
  return stops[stops.length - 1]!.rgb;
}

// Glow of hot glass, roughly blackbody-like: the melt's normal band 1400-1600 °C (physics/glass/line-sensors.ts
// warning limits) spans red-orange to yellow; colder is dull maroon, hotter goes white, so both ends stand out.
const HEAT_STOPS: readonly Stop[] = [
  { at: 1250, rgb: [0.16, 0.18, 0.24] },
  { at: 1350, rgb: [0.45, 0.05, 0.08] },
  { at: 1450, rgb: [0.86, 0.2, 0.05] },
  { at: 1530, rgb: [1.0, 0.52, 0.05] },
  { at: 1600, rgb: [1.0, 0.82, 0.2] },
  { at: 1700, rgb: [1.0, 0.98, 0.9] },
];

/** Neutral refractory grey: heat map off, or no reading. */
export const REFRACTORY: Rgb = [0.42, 0.4, 0.38];

/** Heat-map colour of a melt temperature in °C; refractory grey when the sample dropped out. */
export function heatColor(tempC: number | null | undefined): Rgb {
  if (tempC == null || !Number.isFinite(tempC)) return REFRACTORY;
  return rampAt(HEAT_STOPS, tempC);
}

/** Machines without a health model (or whose model is still training) are drawn in this grey. */
export const NO_MODEL: Rgb = [0.55, 0.57, 0.6];

/**
 * Colour of each health class: the fleet grid's classes (health/health-class.ts), so a machine is
 * never red in the hall while its tile says Ready. Green, amber, red as the grid's --good/--warn/--bad.
 */
export const HEALTH_RGB: Readonly<Record<HealthClass, Rgb>> = {
  ready: [0.18, 0.68, 0.38],
  degrading: [0.96, 0.7, 0.12],
  failing: [0.88, 0.16, 0.14],
  loading: NO_MODEL,
  'no-model': NO_MODEL,
};

/** Machine colour: its health class's; grey without a model; a stale class is washed out towards grey. */
export function healthColor(h: MachineHealth | undefined): Rgb {
  if (!h) return NO_MODEL;
  const c = HEALTH_RGB[h.state];
  if (!h.stale) return c;
  return [(c[0] + NO_MODEL[0]) / 2, (c[1] + NO_MODEL[1]) / 2, (c[2] + NO_MODEL[2]) / 2];
}

/** CSS colour of a sample status, for labels. */
export function statusCss(s: SensorStatusCode | undefined): string {
  return s === 3 ? '#ff4d5e' : s === 2 ? '#ff8a3d' : s === 1 ? '#ffd23f' : '#5ee29a';
}

/** CSS `rgb()` of an sRGB triple. */
export function rgbCss(c: Rgb): string {
  return `rgb(${Math.round(c[0] * 255)}, ${Math.round(c[1] * 255)}, ${Math.round(c[2] * 255)})`;
}
