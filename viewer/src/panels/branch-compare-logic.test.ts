import { describe, expect, it } from 'vitest';
import type { SessionView, TimelineMark } from '../../../protocol/sessions.ts';
import { baselineKnownUntilS, compareBranchDefects } from './branch-compare-logic.ts';

const defect = (tS: number, label: string): TimelineMark => ({ tS, type: 'defect', asset: 'Line_A', label });

describe('baseline and branch defects side by side', () => {
  it('counts each defect type of both over the same window from the branch point, with rates per hour', () => {
    const baseline = [defect(3000, 'crack'), defect(3600, 'crack'), defect(3700, 'crack'), defect(4000, 'bubble'), defect(9000, 'crack'), { tS: 3800, type: 'fault_onset', asset: 'Line_A', label: 'burner_drift' } as TimelineMark];
    const branch = [defect(3650, 'bubble'), defect(3900, 'bubble'), defect(7000, 'stain')];
    const c = compareBranchDefects(baseline, branch, 3600, 7200)!;
    expect(c.rows).toEqual([
      { type: 'bubble', baseline: 1, branch: 2, delta: 1, baselinePerH: 1, branchPerH: 2 },
      { type: 'crack', baseline: 1, branch: 0, delta: -1, baselinePerH: 1, branchPerH: 0 },
      { type: 'stain', baseline: 0, branch: 1, delta: 1, baselinePerH: 0, branchPerH: 1 },
    ]);
    expect(c.total).toEqual({ type: 'total', baseline: 2, branch: 3, delta: 1, baselinePerH: 2, branchPerH: 3 });
  });

  it('has nothing to compare until the baseline has run past the branch point', () => {
    expect(compareBranchDefects([defect(10, 'crack')], [defect(10, 'crack')], 3600, 3600)).toBeNull();
  });

  it("knows a recording's baseline to its end, a scenario's only as far as it has run", () => {
    const view = (source: SessionView['source']) => ({ source, tS: 3600, endS: 57_600 });
    expect(baselineKnownUntilS(view({ kind: 'recording', recordingId: 1 }))).toBe(57_600);
    expect(baselineKnownUntilS(view({ kind: 'scenario', scenario: 'x' }))).toBe(3600);
    expect(baselineKnownUntilS(view({ kind: 'branch', from: 'S1', atS: 0 }))).toBe(3600);
  });
});
