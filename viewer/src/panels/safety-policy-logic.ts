/**
 * The safety policy form (admins edit, everyone reads): the fields as typed, the checks the server
 * makes (rl/safety-policy.ts `parseSafetyPolicy` and the envelope check of `putPolicy`, which the
 * viewer may not import, mirrored here so a mistake is named before the round trip), the envelope in
 * force per setpoint (rl/safety-policy.ts `envelopeOf`: the policy cut to the actuator's range and
 * rate) and the diff to confirm before saving. Tested in safety-policy-logic.test.ts.
 */
import type { SafetyPolicyDoc } from '../../../protocol/recommendation.ts';
import type { SetpointValue } from '../../../protocol/plant.ts';

export type RateUnit = 's' | 'min' | 'h';
export const RATE_UNITS: readonly RateUnit[] = ['s', 'min', 'h'];
const SECONDS: Readonly<Record<RateUnit, number>> = { s: 1, min: 60, h: 3600 };

type Entry = SafetyPolicyDoc['setpoints'][string];

/** One setpoint's row as typed (text, so a half-typed number is not lost). */
export interface EntryDraft {
  readonly unit: string;
  readonly min: string;
  readonly max: string;
  readonly rate: string;
  readonly per: RateUnit;
  readonly approvalAbove: string;
}
export type PolicyDraft = Readonly<Record<string, EntryDraft>>;

export function draftOf(p: SafetyPolicyDoc): PolicyDraft {
  return Object.fromEntries(
    Object.entries(p.setpoints).map(([k, e]) => [k, { unit: e.unit, min: String(e.min), max: String(e.max), rate: String(e.maxRate.value), per: e.maxRate.per, approvalAbove: String(e.approvalAbove) }]),
  );
}

/** What the actuator of a setpoint allows by itself (GET /api/plant/setpoints). */
export type Actuator = Pick<SetpointValue, 'id' | 'name' | 'asset' | 'unit' | 'min' | 'max' | 'rateLimitPerS'>;

/** The setpoints a policy key governs: its own id, or every setpoint of that name without an entry of its own id. */
export function governedBy(key: string, keys: readonly string[], actuators: readonly Actuator[]): Actuator[] {
  return actuators.filter((a) => a.id === key || (a.name === key && !keys.includes(a.id)));
}

/** The envelope in force of one setpoint: as rl/safety-policy.ts envelopeOf computes it. `empty`: the ranges do not overlap. */
export interface EffectiveRange {
  readonly setpoint: string;
  readonly asset: string;
  readonly actuator: { readonly min: number; readonly max: number; readonly ratePerS: number };
  readonly lo: number;
  readonly hi: number;
  /** In the policy's rate unit (per `per`). */
  readonly rate: number;
  readonly empty: boolean;
}

export function effectiveRange(e: Pick<Entry, 'min' | 'max' | 'maxRate'>, a: Actuator): EffectiveRange {
  const lo = Math.max(e.min, a.min);
  const hi = Math.min(e.max, a.max);
  const ratePerS = Math.min(e.maxRate.value / SECONDS[e.maxRate.per], a.rateLimitPerS);
  return { setpoint: a.id, asset: a.asset, actuator: { min: a.min, max: a.max, ratePerS: a.rateLimitPerS }, lo, hi, rate: ratePerS * SECONDS[e.maxRate.per], empty: lo > hi };
}

/**
 * The document to PUT, or every problem, each naming its setpoint and field ("furnace_temp: min
 * must not be above max"). The server's rules: finite numbers, min ≤ max, rate > 0, approval
 * threshold ≥ 0, the unit of each setpoint it governs, and a range that overlaps each actuator's.
 */
export function policyFromDraft(d: PolicyDraft, base: SafetyPolicyDoc, actuators: readonly Actuator[]): { policy: SafetyPolicyDoc } | { problems: string[] } {
  const problems: string[] = [];
  const keys = Object.keys(d);
  const setpoints: Record<string, Entry> = {};
  for (const [key, f] of Object.entries(d)) {
    const num = (text: string, field: string): number => {
      const v = Number(text);
      if (text.trim() === '' || !Number.isFinite(v)) problems.push(`${key}: ${field} must be a number (got "${text}")`);
      return v;
    };
    const min = num(f.min, 'min');
    const max = num(f.max, 'max');
    const rate = num(f.rate, 'max rate');
    const approvalAbove = num(f.approvalAbove, 'approval threshold');
    if (min > max) problems.push(`${key}: min must not be above max (${min} > ${max})`);
    if (rate <= 0) problems.push(`${key}: max rate must be more than 0`);
    if (approvalAbove < 0) problems.push(`${key}: approval threshold must be 0 or more`);
    const entry: Entry = { unit: f.unit, min, max, maxRate: { value: rate, per: f.per }, approvalAbove };
    for (const a of governedBy(key, keys, actuators)) {
      if (a.unit !== f.unit) problems.push(`${key}: unit is "${f.unit}" but ${a.id} is in "${a.unit}"`);
      else if (min <= max && effectiveRange(entry, a).empty) problems.push(`${key}: ${min}..${max} ${f.unit} does not overlap ${a.id}'s range ${a.min}..${a.max}`);
    }
    setpoints[key] = entry;
  }
  return problems.length > 0 ? { problems } : { policy: { version: base.version, setpoints } };
}

const RATE_LABEL = (e: Entry) => `${e.maxRate.value} ${e.unit}/${e.maxRate.per}`;

/** What a save would change, one line per field: "furnace_temp max 1700 → 1650". Empty: nothing changed. */
export function policyDiff(before: SafetyPolicyDoc, after: SafetyPolicyDoc): string[] {
  const out: string[] = [];
  for (const [key, b] of Object.entries(before.setpoints)) {
    const a = after.setpoints[key];
    if (a === undefined) {
      out.push(`${key} removed (outside the optimizer's reach)`);
      continue;
    }
    if (a.min !== b.min) out.push(`${key} min ${b.min} → ${a.min}`);
    if (a.max !== b.max) out.push(`${key} max ${b.max} → ${a.max}`);
    if (a.maxRate.value !== b.maxRate.value || a.maxRate.per !== b.maxRate.per) out.push(`${key} max rate ${RATE_LABEL(b)} → ${RATE_LABEL(a)}`);
    if (a.approvalAbove !== b.approvalAbove) out.push(`${key} approval above ${b.approvalAbove} → ${a.approvalAbove}`);
  }
  for (const key of Object.keys(after.setpoints)) if (before.setpoints[key] === undefined) out.push(`${key} added`);
  return out;
}

/** "v3, changed by admin-user at 2026-12-03 16:40 UTC" or "v1, the default policy (never changed)". */
export function versionLine(c: { version: number; changedBy: string | null; changedAt: string | null }): string {
  if (c.changedAt === null) return `v${c.version}, the default policy (never changed)`;
  return `v${c.version}, changed by ${c.changedBy ?? 'unknown'} at ${c.changedAt.slice(0, 16).replace('T', ' ')} UTC`;
}

/** A number for a table cell: at most 3 decimals, no trailing zeros. */
export const cell = (v: number): string => String(Math.round(v * 1000) / 1000);
