/**
 * A discrete PI controller with output limits and conditional-integration anti-windup (the
 * integrator stops while the output is saturated in the direction the error pushes; Åström &
 * Hägglund, "PID Controllers", 1995, §3.5). Its integrator lives in the caller's state array.
 */

/**
 * Returns the clamped output kp·e + I and advances the integrator `s[iOff]` by kp·e·dtS/tiS.
 * @example const powerMW = piStep(s, off + I_SLOT, setpointC - measuredC, 0.1, 3600, 0, 30, 1);
 */
export function piStep(
  s: Float64Array,
  iOff: number,
  error: number,
  kp: number,
  tiS: number,
  min: number,
  max: number,
  dtS: number,
): number {
  const integral = s[iOff] as number;
  const raw = kp * error + integral;
  const out = raw < min ? min : raw > max ? max : raw;
  const saturatedUp = raw >= max && error > 0;
  const saturatedDown = raw <= min && error < 0;
  if (!saturatedUp && !saturatedDown) {
    const next = integral + (kp * error * dtS) / tiS;
    s[iOff] = next < min ? min : next > max ? max : next;
  }
  return out;
}
