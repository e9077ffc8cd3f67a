/**
 * The plant's safety policy for setpoint changes: per setpoint a range, a largest rate of change and
 * the change above which a person must approve. A versioned document (JSON, schema in
 * safety-policy.schema.json) that only admins change; the envelope in force is its intersection
 * with the actuator's own range and rate in physics/ (`envelopeOf`), so the policy can narrow what
 * the plant allows but never widen it.
 */

export type RateUnit = 's' | 'min' | 'h';

/** One setpoint's rules. `unit` must equal the setpoint's own unit (a check against mix-ups). */
export interface SetpointPolicy {
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** Largest change of the target per `per` (e.g. 50 °C per hour). */
  readonly maxRate: { readonly value: number; readonly per: RateUnit };
  /** A proposed change larger than this (in the setpoint's unit) needs an operator's approval. */
  readonly approvalAbove: number;
}

export interface SafetyPolicy {
  /** Increases with every change; the audit log names the version a decision was made under. */
  readonly version: number;
  /**
   * By setpoint name ("furnace_temp": every line) or full id ("Line_B.furnace_temp": that one, taking
   * precedence). A setpoint without an entry is outside the optimizer's reach.
   */
  readonly setpoints: Readonly<Record<string, SetpointPolicy>>;
}

/**
 * The plant's operating policy. Furnace, belt, mould and forming pressure as the plant states them;
 * lehr cooling ours: below 7 °C/min, the rate at which physics/glass/defects.ts starts to crack
 * ware (from the annealing stress ΔT ≈ q·d²/(8a), PHYSICS_REFERENCE.md), and above 1.5 °C/min so
 * the lehr keeps its pull. Machines: load 20–100 % and speed 50–105 % of rated, so the optimizer
 * never stops a machine or runs it past its nameplate margin.
 */
export const DEFAULT_SAFETY_POLICY: SafetyPolicy = {
  version: 1,
  setpoints: {
    furnace_temp: { unit: '°C', min: 1200, max: 1700, maxRate: { value: 50, per: 'h' }, approvalAbove: 100 },
    belt_speed: { unit: 'm/min', min: 50, max: 200, maxRate: { value: 20, per: 'min' }, approvalAbove: 50 },
    mold_temp: { unit: '°C', min: 200, max: 600, maxRate: { value: 30, per: 'h' }, approvalAbove: 80 },
    forming_pressure: { unit: 'MPa', min: 0, max: 120, maxRate: { value: 15, per: 'min' }, approvalAbove: 30 },
    lehr_cooling_rate: { unit: '°C/min', min: 1.5, max: 7, maxRate: { value: 0.5, per: 'min' }, approvalAbove: 1.5 },
    load: { unit: '%', min: 20, max: 100, maxRate: { value: 10, per: 'min' }, approvalAbove: 20 },
    speed: { unit: '%', min: 50, max: 105, maxRate: { value: 5, per: 'min' }, approvalAbove: 15 },
  },
};

const SECONDS: Readonly<Record<RateUnit, number>> = { s: 1, min: 60, h: 3600 };

/** A bad policy document; `path` names the field ("setpoints.furnace_temp.max"). */
export class SafetyPolicyError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'SafetyPolicyError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new SafetyPolicyError(path, `must be a finite number (got ${JSON.stringify(v) ?? String(v)})`);
  return v;
}

function onlyKeys(o: Record<string, unknown>, keys: readonly string[], path: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw new SafetyPolicyError(path === '' ? k : `${path}.${k}`, `is not a policy field (expected one of ${keys.join(', ')})`);
}

function parseEntry(v: unknown, path: string): SetpointPolicy {
  if (!isObject(v)) throw new SafetyPolicyError(path, 'must be an object with unit, min, max, maxRate and approvalAbove');
  onlyKeys(v, ['unit', 'min', 'max', 'maxRate', 'approvalAbove'], path);
  if (typeof v.unit !== 'string' || v.unit === '') throw new SafetyPolicyError(`${path}.unit`, 'must be the setpoint’s unit, e.g. "°C"');
  const min = finite(v.min, `${path}.min`);
  const max = finite(v.max, `${path}.max`);
  if (min > max) throw new SafetyPolicyError(`${path}.max`, `must not be below min (${min}), got ${max}`);
  if (!isObject(v.maxRate)) throw new SafetyPolicyError(`${path}.maxRate`, 'must be { value, per } with per one of s, min, h');
  onlyKeys(v.maxRate, ['value', 'per'], `${path}.maxRate`);
  const rate = finite(v.maxRate.value, `${path}.maxRate.value`);
  if (rate <= 0) throw new SafetyPolicyError(`${path}.maxRate.value`, `must be more than 0, got ${rate}`);
  const per = v.maxRate.per;
  if (per !== 's' && per !== 'min' && per !== 'h') throw new SafetyPolicyError(`${path}.maxRate.per`, `must be "s", "min" or "h" (got ${JSON.stringify(per)})`);
  const approvalAbove = finite(v.approvalAbove, `${path}.approvalAbove`);
  if (approvalAbove < 0) throw new SafetyPolicyError(`${path}.approvalAbove`, `must be 0 or more, got ${approvalAbove}`);
  return { unit: v.unit, min, max, maxRate: { value: rate, per }, approvalAbove };
}

/** Checks a policy document field by field; throws SafetyPolicyError naming the first bad field. */
export function parseSafetyPolicy(doc: unknown): SafetyPolicy {
  if (!isObject(doc)) throw new SafetyPolicyError('(document)', 'must be an object with version and setpoints');
  onlyKeys(doc, ['version', 'setpoints', '$schema'], '');
  if (doc.$schema !== undefined && typeof doc.$schema !== 'string') throw new SafetyPolicyError('$schema', `must be the schema's URL as a string (got ${JSON.stringify(doc.$schema) ?? String(doc.$schema)})`);
  const version = finite(doc.version, 'version');
  if (!Number.isInteger(version) || version < 1) throw new SafetyPolicyError('version', `must be a whole number from 1, got ${version}`);
  if (!isObject(doc.setpoints)) throw new SafetyPolicyError('setpoints', 'must be an object keyed by setpoint name or id');
  const setpoints: Record<string, SetpointPolicy> = {};
  for (const [key, entry] of Object.entries(doc.setpoints)) {
    if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw new SafetyPolicyError(`setpoints.${key}`, 'must be a setpoint name ("furnace_temp") or id ("Line_A.furnace_temp")');
    setpoints[key] = parseEntry(entry, `setpoints.${key}`);
  }
  return { version, setpoints };
}

/** What the shield enforces for one setpoint: the policy intersected with the actuator. */
export interface Envelope {
  readonly setpoint: string;
  readonly unit: string;
  readonly lo: number;
  readonly hi: number;
  /** Largest change of the target per second. */
  readonly ratePerS: number;
  /** A change larger than this needs approval. */
  readonly approvalAbove: number;
}

/** What the envelope needs of a setpoint: the engine's SetpointView has it. */
export interface ActuatorRange {
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly rateLimitPerS: number;
}

/**
 * The envelope in force for a setpoint, or null when the policy has no entry for it (the optimizer
 * leaves it alone). Throws SafetyPolicyError when the units differ or the intersection is empty.
 * @example envelopeOf(DEFAULT_SAFETY_POLICY, furnace) → { lo: 1350, hi: 1650, ratePerS: 50 / 3600, ... }
 */
export function envelopeOf(policy: SafetyPolicy, actuator: ActuatorRange): Envelope | null {
  const key = policy.setpoints[actuator.id] !== undefined ? actuator.id : actuator.name;
  const p = policy.setpoints[key];
  if (p === undefined) return null;
  if (p.unit !== actuator.unit) throw new SafetyPolicyError(`setpoints.${key}.unit`, `is "${p.unit}" but ${actuator.id} is in "${actuator.unit}"`);
  const lo = Math.max(p.min, actuator.min);
  const hi = Math.min(p.max, actuator.max);
  if (lo > hi) throw new SafetyPolicyError(`setpoints.${key}`, `${p.min}..${p.max} ${p.unit} does not overlap ${actuator.id}'s range ${actuator.min}..${actuator.max}`);
  const ratePerS = Math.min(p.maxRate.value / SECONDS[p.maxRate.per], actuator.rateLimitPerS);
  return { setpoint: actuator.id, unit: p.unit, lo, hi, ratePerS, approvalAbove: p.approvalAbove };
}

/** Envelopes of every setpoint the policy covers, in the given order. */
export function envelopes(policy: SafetyPolicy, actuators: readonly ActuatorRange[]): Envelope[] {
  return actuators.map((a) => envelopeOf(policy, a)).filter((e): e is Envelope => e !== null);
}
