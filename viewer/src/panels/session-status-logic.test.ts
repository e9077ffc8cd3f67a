import { describe, expect, it } from 'vitest';
import type { TimelineMark } from '../../../protocol/sessions.ts';
import { sessionBadge, sessionFigures, sessionOrigin } from './session-status-logic.ts';

const mark = (tS: number, type: TimelineMark['type'], label: string = type): TimelineMark => ({ tS, type, asset: 'Line_A', label });
const clock = (s: number) => `${s}s`;

describe('what the header and KPI strip say while a session is followed', () => {
  it('names the session and its state, never "Live"', () => {
    expect(sessionBadge({ id: 'S2', running: true, finished: false })).toBe('Session S2 · playing');
    expect(sessionBadge({ id: 'S2', running: false, finished: false })).toBe('Session S2 · paused');
    expect(sessionBadge({ id: 'S2', running: false, finished: true })).toBe('Session S2 · finished');
  });

  it('says where the session came from', () => {
    expect(sessionOrigin({ source: { kind: 'scenario', scenario: 'storm' }, scenario: 'storm' }, clock)).toBe('scenario storm');
    expect(sessionOrigin({ source: { kind: 'recording', recordingId: 3 }, scenario: 'storm' }, clock)).toBe('recording #3');
    expect(sessionOrigin({ source: { kind: 'branch', from: 'S1', atS: 60 }, scenario: 'storm' }, clock)).toBe('branch of S1 at 60s');
  });

  it("counts the session's defects, incidents and actions up to its time only (a recording's later marks have not happened yet)", () => {
    const marks = [mark(100, 'defect', 'crack'), mark(200, 'defect', 'bubble'), mark(300, 'defect', 'crack'), mark(400, 'fault_onset'), mark(500, 'setpoint_changed'), mark(9000, 'defect', 'stain'), mark(9000, 'failure')];
    expect(sessionFigures({ tS: 7200, startS: 0 }, marks)).toEqual({ defects: 3, defectsPerH: 1.5, incidents: 1, topDefect: { type: 'crack', count: 2 }, actions: 1 });
    expect(sessionFigures({ tS: 0, startS: 0 }, marks)).toEqual({ defects: 0, defectsPerH: null, incidents: 0, topDefect: null, actions: 0 });
  });
});
