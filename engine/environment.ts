import type { Rng } from '../physics/model.ts';
import type { Disturbances } from './scenario.ts';

const DAY_S = 86_400;

/**
 * Ambient temperature: a daily sinusoid peaking at 15:00 local solar time, the usual shape of
 * the diurnal cycle (e.g. ASHRAE Handbook Fundamentals, ch. 14, hourly temperature profile).
 */
export function ambientAt(ambient: Disturbances['ambient'], startMs: number, tS: number): number {
  const secondOfDay = (((startMs / 1000 + tS) % DAY_S) + DAY_S) % DAY_S;
  const phase = (2 * Math.PI * (secondOfDay - 9 * 3600)) / DAY_S; // zero crossing 09:00, peak 15:00
  return ambient.meanC + ambient.dailyAmplitudeC * Math.sin(phase);
}

/**
 * Raw-material deviation as an Ornstein-Uhlenbeck process with stationary std σ and correlation
 * time τ, discretized exactly: x' = x·e^(−dt/τ) + σ·sqrt(1 − e^(−2dt/τ))·N(0,1) (Gillespie 1996).
 */
export function stepRawMaterial(x: number, raw: Disturbances['rawMaterial'], dtS: number, rng: Rng): number {
  if (raw.std <= 0) return 0;
  const tauS = Math.max(raw.correlationH * 3600, dtS);
  const a = Math.exp(-dtS / tauS);
  return x * a + raw.std * Math.sqrt(1 - a * a) * rng.normal();
}
