import type { TwinEngine } from '../engine/engine.ts';
import { EngineError } from '../engine/commands.ts';
import { UsageError } from './usage-error.ts';
import type { SetFlag } from './set-flag.ts';

/** Units and defects per type one engine makes while it runs (subscribe before running). */
export interface RunCounts {
  units: number;
  defects: number;
  readonly defectsByType: Record<string, number>;
}

export function countRun(engine: TwinEngine): { counts: RunCounts; stop: () => void } {
  const counts: RunCounts = { units: 0, defects: 0, defectsByType: {} };
  const sub = engine.events$.subscribe((e) => {
    if (e.type === 'unit_produced') counts.units++;
    else if (e.type === 'defect') {
      counts.defects++;
      counts.defectsByType[e.defect] = (counts.defectsByType[e.defect] ?? 0) + 1;
    }
  });
  return { counts, stop: () => sub.unsubscribe() };
}

/** Checks each change against the plant's setpoints (known id, within bounds) before anything runs. */
export function checkChanges(engine: TwinEngine, sets: readonly SetFlag[], windowS: number): void {
  const setpoints = engine.setpoints();
  for (const s of sets) {
    const sp = setpoints.find((p) => p.id === s.setpoint);
    if (!sp) throw new UsageError(`--set: unknown setpoint "${s.setpoint}" (e.g. ${setpoints.slice(0, 3).map((p) => p.id).join(', ')})`);
    if (s.value < sp.min || s.value > sp.max) throw new UsageError(`--set: ${s.setpoint}=${s.value} is outside ${sp.min}–${sp.max} ${sp.unit}`);
    if (s.offsetS >= windowS) throw new UsageError(`--set: offset ${s.offsetS} s of ${s.setpoint} is not within the run (${windowS} s)`);
  }
}

/** The comparison printed by `twin branch` (and its --json). */
export interface BranchComparison {
  readonly atS: number;
  readonly durationS: number;
  readonly changes: readonly SetFlag[];
  readonly baseline: RunCounts;
  readonly branch: RunCounts;
}

const per1000 = (c: RunCounts, n: number) => (c.units > 0 ? ((n / c.units) * 1000).toFixed(1) : '—');

/** A readable table: defects per type (count and per 1,000 units) for baseline and branch, and the difference. */
export function formatComparison(c: BranchComparison, clock: (s: number) => string): string {
  const types = [...new Set([...Object.keys(c.baseline.defectsByType), ...Object.keys(c.branch.defectsByType)])].sort();
  const row = (name: string, a: number, b: number, rate: boolean) =>
    `${name.padEnd(18)}${String(a).padStart(9)}${rate ? ` (${per1000(c.baseline, a)}‰)`.padEnd(10) : ''.padEnd(10)}${String(b).padStart(9)}${rate ? ` (${per1000(c.branch, b)}‰)`.padEnd(10) : ''.padEnd(10)}${(b - a > 0 ? `+${b - a}` : String(b - a)).padStart(7)}`;
  const changes = c.changes.map((s) => `${s.setpoint}=${s.value} at ${clock(c.atS + s.offsetS)}`).join(', ');
  return [
    `branch at ${clock(c.atS)} for ${clock(c.durationS)}: ${changes}`,
    `${'defect type'.padEnd(18)}${'baseline'.padStart(9)}${''.padEnd(10)}${'branch'.padStart(9)}${''.padEnd(10)}${'Δ'.padStart(7)}`,
    ...types.map((t) => row(t, c.baseline.defectsByType[t] ?? 0, c.branch.defectsByType[t] ?? 0, true)),
    row('all defects', c.baseline.defects, c.branch.defects, true),
    row('units', c.baseline.units, c.branch.units, false),
  ].join('\n');
}

/** Engine errors while running a branch (a change the engine refuses) are the caller's: usage errors. */
export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof EngineError) throw new UsageError(err.message);
    throw err;
  }
}
