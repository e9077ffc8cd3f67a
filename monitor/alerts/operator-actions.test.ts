import { describe, expect, it } from 'vitest';
import { AlertEngine } from './alert-engine.ts';
import { feed, kinds, SENSORS, START_MS } from './alert-test-helpers.test-helper.ts';

function withOneAlert() {
  const a = new AlertEngine({ sensors: SENSORS, startMs: START_MS, settings: { hysteresis: { openSamples: 1 } } });
  feed(a, 0, [1610]);
  return a;
}
const REASON = 'thermocouple being recalibrated by maintenance';

describe('operator actions', () => {
  it('acknowledge: active → acknowledged, stamped with the simulated time; clearing later closes it', () => {
    const a = withOneAlert();
    feed(a, 0, [1611], 300);
    const change = a.acknowledge('ALT-000001', 'ana');
    expect(change).toMatchObject({ kind: 'acknowledged', alert: { state: 'acknowledged', acknowledgedBy: 'ana', acknowledgedAt: '2024-03-14T00:05:00.000Z' } });
    expect(kinds(feed(a, 0, [1500, 1500, 1500], 360)).at(-1)).toBe('cleared');
    expect(a.get('ALT-000001')!.state).toBe('cleared');
  });

  it('operator changes are returned to the caller, not repeated by the next frame', () => {
    const a = withOneAlert();
    a.acknowledge('ALT-000001', 'ana');
    expect(kinds(feed(a, 0, [1612], 60))).toEqual([]);
  });

  it('an escalation makes an acknowledged alert active again', () => {
    const a = withOneAlert();
    a.acknowledge('ALT-000001', 'ana');
    expect(feed(a, 0, [1660], 60).map((c) => [c.kind, c.alert.state])).toContainEqual(['escalated', 'active']);
  });

  it('dismiss needs a justification of at least 10 characters', () => {
    const a = withOneAlert();
    for (const bad of ['', '   ', 'noise']) {
      expect(() => a.dismiss('ALT-000001', 'ana', bad)).toThrow(expect.objectContaining({ field: 'justification', code: 'JUSTIFICATION_REQUIRED' }));
    }
    expect(() => a.dismiss('ALT-000001', 'ana', 'short')).toThrow(/justification/);
    expect(a.dismiss('ALT-000001', 'ana', `  ${REASON} `).alert).toMatchObject({ state: 'dismissed', dismissedBy: 'ana', justification: REASON });
  });

  it('a dismissed alert stays dismissed when its condition clears', () => {
    const a = withOneAlert();
    a.dismiss('ALT-000001', 'ana', REASON);
    feed(a, 0, [1500, 1500, 1500], 60);
    expect(a.get('ALT-000001')).toMatchObject({ state: 'dismissed', clearedAt: '2024-03-14T00:03:00.000Z' });
    expect(a.open()).toEqual([]);
  });

  it('refuses unknown ids and illegal transitions with coded errors', () => {
    const a = withOneAlert();
    expect(() => a.acknowledge('ALT-999999', 'ana')).toThrow(expect.objectContaining({ code: 'UNKNOWN_ALERT' }));
    expect(() => a.dismiss('nope', 'ana', REASON)).toThrow(/unknown alert "nope"/);
    expect(() => a.acknowledge('ALT-000001', ' ')).toThrow(expect.objectContaining({ field: 'actor', code: 'ACTOR_REQUIRED' }));
    a.acknowledge('ALT-000001', 'ana');
    expect(() => a.acknowledge('ALT-000001', 'bo')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', message: 'cannot acknowledge alert ALT-000001: it is acknowledged' }));
    a.dismiss('ALT-000001', 'bo', REASON);
    expect(() => a.acknowledge('ALT-000001', 'bo')).toThrow(/it is dismissed/);
    expect(() => a.dismiss('ALT-000001', 'bo', REASON)).toThrow(/cannot dismiss alert ALT-000001: it is dismissed/);
  });

  it('a cleared alert can be neither acknowledged nor dismissed', () => {
    const a = withOneAlert();
    feed(a, 0, [1500, 1500, 1500], 60);
    expect(() => a.acknowledge('ALT-000001', 'ana')).toThrow(/it is cleared/);
    expect(() => a.dismiss('ALT-000001', 'ana', REASON)).toThrow(/it is cleared/);
  });
});
