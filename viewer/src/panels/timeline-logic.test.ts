// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { TimelineMark } from '../../../protocol/sessions.ts';
import { nextIncident, placeMarks, timeAt } from './timeline-logic.ts';

const m = (tS: number, type: TimelineMark['type'], asset = 'Line_A', label: string = type): TimelineMark => ({ tS, type, asset, label });

describe('timeline marks', () => {
  it('places incidents and actions at their time as a percentage of the session span', () => {
    const placed = placeMarks([m(3600, 'fault_onset', 'Line_A', 'burner_drift'), m(7200, 'maintenance')], 0, 14_400);
    expect(placed).toEqual([
      { leftPct: 25, kind: 'incident', tS: 3600, label: 'Line_A: burner_drift', count: 1 },
      { leftPct: 50, kind: 'action', tS: 7200, label: 'Line_A: maintenance', count: 1 },
    ]);
  });

  it('bins defects so thousands of them stay a few marks, each with its count', () => {
    const defects = Array.from({ length: 1000 }, (_, i) => m(i, 'defect'));
    const placed = placeMarks(defects, 0, 1000, 10);
    expect(placed).toHaveLength(10);
    expect(placed.every((p) => p.kind === 'defect' && p.count === 100)).toBe(true);
  });

  it('leaves out marks outside the span (a replay window) and an empty span', () => {
    expect(placeMarks([m(10, 'failure'), m(500, 'failure')], 100, 200)).toEqual([]);
    expect(placeMarks([m(10, 'failure')], 100, 100)).toEqual([]);
  });

  it('finds the next incident strictly after now, skipping defects and actions', () => {
    const marks = [m(50, 'failure'), m(100, 'defect'), m(150, 'setpoint_changed'), m(200, 'fault_onset'), m(300, 'failure')];
    expect(nextIncident(marks, 50)!.tS).toBe(200);
    expect(nextIncident(marks, 300)).toBeNull();
  });

  it('turns a click position into whole seconds within the span', () => {
    expect(timeAt(0.5, 100, 200)).toBe(150);
    expect(timeAt(1.4, 100, 200)).toBe(200);
    expect(timeAt(-1, 100, 200)).toBe(100);
  });
});
