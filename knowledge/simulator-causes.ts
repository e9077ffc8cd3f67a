/**
 * The simulator's true defect causes (physics/model.ts DefectCause) in the knowledge file's
 * variables: how the benchmark and the tests check an answer against ground truth.
 */
import type { DefectCause } from '../physics/model.ts';

export const CAUSE_VARIABLE: Readonly<Record<Exclude<DefectCause, 'random'>, string>> = {
  furnace_overheat: 'furnace_temp',
  furnace_underheat: 'furnace_temp',
  belt_overspeed: 'belt_speed',
  mold_too_cold: 'mold_temp',
  pressure_variation: 'pressure_variation',
  cooling_too_fast: 'cooling_rate',
  raw_material: 'raw_material',
};

/** Majority true cause (random ones excluded) of the defects of `type` in [fromS, toS], as a variable node id; 'none' when all were random. */
export function majorityCause(defects: readonly { readonly tS: number; readonly defect: string; readonly causes: readonly DefectCause[] }[], type: string, fromS: number, toS: number, line: string): string {
  const count = new Map<string, number>();
  for (const d of defects) {
    if (d.defect !== type || d.tS < fromS || d.tS > toS) continue;
    for (const c of d.causes) if (c !== 'random') count.set(CAUSE_VARIABLE[c], (count.get(CAUSE_VARIABLE[c]) ?? 0) + 1);
  }
  const best = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return best ? `variable:${line}.${best[0]}` : 'none';
}
