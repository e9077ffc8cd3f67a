/** The optimizer settings form (engineers): the fields as typed, and the settings to PUT (tested). */
import type { OptimizerMode, OptimizerSettings } from '../../../protocol/recommendation.ts';

export const MODES: readonly OptimizerMode[] = ['manual', 'semi-auto', 'auto'];

type WeightName = keyof OptimizerSettings['weights'];

/** The form's fields, as typed (text), so a half-typed number is not lost; times in minutes. */
export interface SettingsDraft {
  readonly enabled: boolean;
  readonly modes: Readonly<Record<string, OptimizerMode>>;
  readonly cadenceMin: string;
  readonly validityMin: string;
  readonly windowMin: string;
  readonly worseningPct: string;
  readonly weights: Readonly<Record<WeightName, string>>;
}

export function draftOf(s: OptimizerSettings): SettingsDraft {
  const w = s.weights;
  return {
    enabled: s.enabled,
    modes: s.modes,
    cadenceMin: String(s.cadenceS / 60),
    validityMin: String(s.validityS / 60),
    windowMin: String(s.rollback.windowS / 60),
    worseningPct: String(s.rollback.worseningPct),
    weights: { defectRate: String(w.defectRate), productionRate: String(w.productionRate), energy: String(w.energy), safetyViolation: String(w.safetyViolation) },
  };
}

/** The settings to PUT, or the first field that is wrong (the server checks again: 1 min to 1 day). */
export function settingsFromDraft(d: SettingsDraft, base: OptimizerSettings): { settings: OptimizerSettings } | { problem: string } {
  const problems: string[] = [];
  const num = (text: string, name: string, lo: number, hi: number): number => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || v < lo || v > hi) problems.push(`${name}: a number from ${lo} to ${hi}`);
    return v;
  };
  const cadenceS = num(d.cadenceMin, 'plan every (min)', 1, 1440) * 60;
  const validityS = num(d.validityMin, 'proposals valid for (min)', 1, 1440) * 60;
  const windowS = num(d.windowMin, 'rollback window (min)', 1, 1440) * 60;
  const worseningPct = num(d.worseningPct, 'roll back above (+%)', 1, 1000);
  const weights = Object.fromEntries(Object.entries(d.weights).map(([k, v]) => [k, num(v, `weight ${k}`, 0, 1e6)])) as Record<WeightName, number>;
  if (problems.length > 0) return { problem: problems[0]! };
  return { settings: { ...base, enabled: d.enabled, modes: d.modes, cadenceS, validityS, weights, rollback: { ...base.rollback, windowS, worseningPct } } };
}
