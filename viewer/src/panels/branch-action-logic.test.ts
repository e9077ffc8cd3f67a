import { describe, expect, it } from 'vitest';
import type { SetpointInfo } from '../../../protocol/plant.ts';
import { branchRequest, checkBranchAction, parseOffsetS } from './branch-action-logic.ts';

const furnace: SetpointInfo = { id: 'Line_A.furnace_temp', name: 'furnace temperature', unit: '°C', min: 1400, max: 1600, description: '', lagS: 600, rateLimitPerS: 0.05 };

describe('the branch action a trainer edits', () => {
  it('reads the time after the branch point as seconds or a duration', () => {
    expect(parseOffsetS('')).toBe(0);
    expect(parseOffsetS('90')).toBe(90);
    expect(parseOffsetS('5m')).toBe(300);
    expect(parseOffsetS('1h30m')).toBe(5400);
    expect(parseOffsetS('1h 30m 5s')).toBe(5405);
    expect(parseOffsetS('-5m')).toBeNull();
    expect(parseOffsetS('soon')).toBeNull();
    expect(parseOffsetS('h')).toBeNull();
  });

  it('branches without a change when no setpoint is picked', () => {
    expect(checkBranchAction({ setpoint: '', value: '', offset: '' }, [furnace], 3600)).toEqual({ ok: true, action: null });
    expect(branchRequest(23_400, null)).toEqual({ t: 23_400, actions: [] });
  });

  it('carries the edited setpoint, value and offset into the branch request, at the branch time plus the offset', () => {
    const check = checkBranchAction({ setpoint: 'Line_A.furnace_temp', value: ' 1450 ', offset: '5m' }, [furnace], 3600);
    expect(check).toEqual({ ok: true, action: { setpoint: 'Line_A.furnace_temp', value: 1450, offsetS: 300 } });
    if (!check.ok) throw new Error('unreachable');
    expect(branchRequest(23_400, check.action)).toEqual({ t: 23_400, actions: [{ at: 23_700, setpoint: 'Line_A.furnace_temp', value: 1450 }] });
  });

  it('names what is wrong before anything is sent', () => {
    const check = (draft: { setpoint: string; value: string; offset: string }, remainingS: number | null = 3600) => {
      const c = checkBranchAction(draft, [furnace], remainingS);
      return c.ok ? 'ok' : c.reason;
    };
    expect(check({ setpoint: 'Line_Z.nothing', value: '1', offset: '' })).toBe('no setpoint "Line_Z.nothing" in this plant');
    expect(check({ setpoint: furnace.id, value: '', offset: '' })).toBe('enter a value for Line_A.furnace_temp (1400–1600 °C)');
    expect(check({ setpoint: furnace.id, value: 'hot', offset: '' })).toBe('value: "hot" is not a number');
    expect(check({ setpoint: furnace.id, value: '1700', offset: '' })).toBe('value: 1700 is outside the safe range 1400–1600 °C');
    expect(check({ setpoint: furnace.id, value: '1450', offset: '-1m' })).toBe('after: "-1m" is not a time (seconds, or e.g. 5m, 1h30m)');
    expect(check({ setpoint: furnace.id, value: '1450', offset: '2h' })).toBe("after: 7200 s is past the session's end (3600 s after the branch point)");
    expect(check({ setpoint: furnace.id, value: '1450', offset: '2h' }, null)).toBe('ok');
  });
});
