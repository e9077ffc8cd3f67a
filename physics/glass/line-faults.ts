/** The glass line's injectable faults: parameter checking, activation, clearing, and their names. */
import type { EventSink, FaultInjection } from '../model.ts';
import { FAULT_FLAGS, S } from './line-layout.ts';

/** Fault types in FAULT_FLAGS order. */
export const FAULT_TYPES = [
  'burner_drift',
  'pressure_oscillation',
  'mold_heater_failure',
  'lehr_fan_failure',
  'belt_overspeed',
  'batch_contamination',
] as const;
export type LineFaultType = (typeof FAULT_TYPES)[number];

interface ParamRule {
  readonly name: string;
  readonly word: number;
  readonly ok: (v: number) => boolean;
  readonly expect: string;
}

const positive = (v: number): boolean => v > 0;
const finite = (): boolean => true;
const nonZero = (v: number): boolean => v !== 0;

/** Parameters each fault takes, where they are stored, and what values make sense. */
const RULES: Readonly<Record<LineFaultType, readonly ParamRule[]>> = {
  // Thermocouple drift in °C/h (positive reads low, so the melt runs hot), capped at maxC.
  burner_drift: [
    { name: 'ratePerH', word: S.driftRatePerH, ok: nonZero, expect: 'a non-zero °C/h' },
    { name: 'maxC', word: S.driftMaxC, ok: positive, expect: 'a positive °C' },
  ],
  pressure_oscillation: [
    { name: 'amplitudeMPa', word: S.oscAmplitudeMPa, ok: positive, expect: 'a positive MPa' },
    { name: 'periodS', word: S.oscPeriodS, ok: positive, expect: 'a positive number of seconds' },
  ],
  mold_heater_failure: [],
  lehr_fan_failure: [{ name: 'extraCoolingCPerMin', word: S.extraCoolingCPerMin, ok: finite, expect: 'a °C/min' }],
  belt_overspeed: [{ name: 'offsetMpm', word: S.beltOffsetMpm, ok: finite, expect: 'an m/min' }],
  // Effective raw-material deviation added to the batch, in the disturbance's N(0,1) units.
  batch_contamination: [{ name: 'severity', word: S.contaminationSeverity, ok: positive, expect: 'a positive deviation' }],
};

/** Checks `fault` and throws an Error naming the problem; returns its index in FAULT_TYPES. */
export function checkFault(asset: string, fault: FaultInjection): number {
  const index = (FAULT_TYPES as readonly string[]).indexOf(fault.type);
  if (index < 0) throw new Error(`${asset}: unknown fault type "${fault.type}"; accepted: ${FAULT_TYPES.join(', ')}`);
  const rules = RULES[fault.type as LineFaultType];
  const params = fault.params ?? {};
  for (const key of Object.keys(params)) {
    if (!rules.some((r) => r.name === key)) {
      const known = rules.length ? rules.map((r) => r.name).join(', ') : 'none';
      throw new Error(`${asset}: fault ${fault.type} has no parameter "${key}" (parameters: ${known})`);
    }
  }
  for (const r of rules) {
    const v = params[r.name];
    if (v === undefined) throw new Error(`${asset}: fault ${fault.type} needs parameter ${r.name} (${r.expect})`);
    if (typeof v !== 'number' || !Number.isFinite(v) || !r.ok(v)) {
      throw new Error(`${asset}: fault ${fault.type} parameter ${r.name} = ${String(v)} is not ${r.expect}`);
    }
  }
  return index;
}

/** Validates, activates the fault in the state, and reports its onset. Re-injecting updates its parameters. */
export function injectLineFault(s: Float64Array, off: number, asset: string, fault: FaultInjection, out: EventSink): void {
  const index = checkFault(asset, fault);
  for (const r of RULES[fault.type as LineFaultType]) s[off + r.word] = fault.params[r.name] as number;
  s[off + (FAULT_FLAGS[index] as number)] = 1;
  out.faultOnset(asset, fault.type, fault.params);
}

/** Clears every fault: flags and parameters to zero, and the drifted thermocouple replaced. */
export function clearLineFaults(s: Float64Array, off: number): void {
  for (const flag of FAULT_FLAGS) s[off + flag] = 0;
  for (const rules of Object.values(RULES)) for (const r of rules) s[off + r.word] = 0;
  s[off + S.tcDriftC] = 0;
}

/** Frozen name lists for every combination of active faults. */
const NAMES_BY_MASK: readonly (readonly string[])[] = Array.from({ length: 1 << FAULT_TYPES.length }, (_, m) =>
  Object.freeze(FAULT_TYPES.filter((_, i) => (m >> i) & 1)),
);

/** Names of the active faults (a shared frozen array). */
export function activeFaultNames(s: Float64Array, off: number): readonly string[] {
  let mask = 0;
  for (let i = 0; i < FAULT_FLAGS.length; i++) if ((s[off + (FAULT_FLAGS[i] as number)] as number) !== 0) mask |= 1 << i;
  return NAMES_BY_MASK[mask] as readonly string[];
}
