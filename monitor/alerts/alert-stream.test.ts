import { describe, expect, it } from 'vitest';
import { AlertEngine, sequentialAlertIds } from './alert-engine.ts';
import type { AlertChange } from './alert.ts';
import { feed, frame, kinds, SENSORS, START_MS } from './alert-test-helpers.test-helper.ts';

const REASON = 'thermocouple being recalibrated by maintenance';

/** An engine that opens on the first sample beyond a limit, and everything it emits on changes$. */
function watched(options: { nextId?: () => string } = {}) {
  const engine = new AlertEngine({ sensors: SENSORS, startMs: START_MS, settings: { hysteresis: { openSamples: 1 } }, ...options });
  const emitted: AlertChange[] = [];
  engine.changes$.subscribe((c) => emitted.push(c));
  return { engine, emitted };
}

describe('the alert engine\'s changes$ stream', () => {
  it('emits every change a frame makes, in order, the same ones onFrame returns', () => {
    const { engine, emitted } = watched();
    const returned = feed(engine, 0, [1500, 1610, 1660, 1500, 1500, 1500]);
    expect(kinds(emitted)).toEqual(['opened', 'escalated', 'cleared']);
    expect(emitted).toEqual(returned);
  });

  it('emits an acknowledge and a dismissal made by an operator, without the caller publishing anything', () => {
    const { engine, emitted } = watched();
    feed(engine, 0, [1610]);
    engine.acknowledge('ALT-000001', 'ana');
    engine.dismiss('ALT-000001', 'ana', REASON);
    expect(emitted.map((c) => [c.kind, c.alert.state])).toEqual([
      ['opened', 'active'],
      ['acknowledged', 'acknowledged'],
      ['dismissed', 'dismissed'],
    ]);
  });

  it('emits the changes of model reports and events', () => {
    const { engine, emitted } = watched();
    engine.reportAnomaly('pump_003', 0.9, 0.5, ['pump_003.vibration_rms'], '2024-03-14T00:10:00Z');
    engine.reportDrift('pump/rul', true, 0.4, 0.25, ['flow'], '2024-03-14T00:11:00Z');
    engine.onFrame(frame(720, 0, 1500, [{ seq: 0, tick: 720, tS: 720, type: 'failure', asset: 'pump_003', mode: 'bearing' }]));
    expect(emitted.map((c) => [c.kind, c.alert.rule])).toEqual([
      ['opened', 'anomaly'],
      ['opened', 'model_drift'],
      ['opened', 'failure'],
    ]);
  });

  it('emits nothing for a refused action', () => {
    const { engine, emitted } = watched();
    feed(engine, 0, [1610]);
    engine.acknowledge('ALT-000001', 'ana');
    expect(() => engine.acknowledge('ALT-000001', 'bo')).toThrow();
    expect(() => engine.dismiss('ALT-000001', 'bo', 'short')).toThrow();
    expect(emitted.map((c) => c.kind)).toEqual(['opened', 'acknowledged']);
  });
});

describe('alert ids', () => {
  it('come from the injected nextId, in the order alerts open', () => {
    const ids = ['STORE-41', 'STORE-42'];
    const { engine } = watched({ nextId: () => ids.shift()! });
    feed(engine, 0, [1610]);
    feed(engine, 1, [1610]);
    expect(engine.list().map((a) => [a.id, a.asset])).toEqual([
      ['STORE-41', 'Line_A'],
      ['STORE-42', 'Line_B'],
    ]);
  });

  it('default to ALT-000001, ALT-000002, …; sequentialAlertIds takes a prefix', () => {
    const next = sequentialAlertIds('ALT-k3x-');
    expect([next(), next()]).toEqual(['ALT-k3x-000001', 'ALT-k3x-000002']);
    const { engine } = watched();
    feed(engine, 0, [1610]);
    expect(engine.list()[0]!.id).toBe('ALT-000001');
  });

  it('refuse an id already in use rather than overwrite another alert', () => {
    const { engine } = watched({ nextId: () => 'SAME' });
    feed(engine, 0, [1610]);
    expect(() => feed(engine, 1, [1610])).toThrow(expect.objectContaining({ code: 'DUPLICATE_ID' }));
  });
});
