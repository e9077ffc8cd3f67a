/**
 * The planned job that restores a machine, from its profile's failure modes: how long it takes and
 * which crew skill it needs (typical figures for the part it replaces; an engineer overrides them
 * per failure mode), and the life it restores (the mode's Weibull scale: the hours by which 63 % of
 * parts show wear). A machine's job is that of its likeliest mode, the one of shortest scale: the
 * served models say how soon a machine fails, not of what.
 */
import type { FailureModeDoc } from '../physics/machines/profile-document.ts';
import type { JobSpec } from './schedule-input.ts';

/** Hours and skill of the planned job per failure-mode name (bearing and motor work after typical OEM repair times). */
export const DEFAULT_JOBS: Readonly<Record<string, { readonly hours: number; readonly skill: string }>> = {
  bearing_wear: { hours: 4, skill: 'mechanical' },
  spindle_bearing_wear: { hours: 8, skill: 'mechanical' },
  insulation_ageing: { hours: 6, skill: 'electrical' },
  impeller_wear: { hours: 6, skill: 'mechanical' },
  valve_wear: { hours: 5, skill: 'mechanical' },
  tool_wear: { hours: 1, skill: 'mechanical' },
  gearbox_wear: { hours: 8, skill: 'mechanical' },
  belt_wear: { hours: 3, skill: 'mechanical' },
  fill_fouling: { hours: 8, skill: 'mechanical' },
  fouling: { hours: 3, skill: 'mechanical' },
  pump_wear: { hours: 6, skill: 'mechanical' },
};
const FALLBACK = { hours: 4, skill: 'mechanical' } as const;

/** The job of a machine with these failure modes (null when it has none). */
export function jobFor(modes: readonly Pick<FailureModeDoc, 'name' | 'onset'>[], overrides: Readonly<Record<string, Partial<{ hours: number; skill: string }>>> = {}): JobSpec | null {
  const likeliest = [...modes].sort((a, b) => a.onset.weibullScaleH - b.onset.weibullScaleH)[0];
  if (!likeliest) return null;
  const base = { ...FALLBACK, ...DEFAULT_JOBS[likeliest.name], ...overrides[likeliest.name] };
  return { failureMode: likeliest.name, hours: base.hours, skill: base.skill, lifeH: likeliest.onset.weibullScaleH };
}
