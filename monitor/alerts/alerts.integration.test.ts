import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { AlertEngine } from './alert-engine.ts';

describe('alerts on the furnace-overheat scenario (9.5 simulated hours)', () => {
  const engine = createEngine(loadLibraryScenario('furnace-overheat-crack-storm'));
  const alerts = new AlertEngine({ sensors: engine.layout.sensors, startMs: engine.startMs });
  let rawAlertEvents = 0;
  engine.events$.subscribe((e) => {
    if (e.type === 'alert') rawAlertEvents++;
  });
  engine.frames$.subscribe((f) => {
    alerts.onFrame(f);
  });
  engine.runFor(9.5 * 3600);
  const all = alerts.list();

  it('raises the overheated furnace on Line_A, above its limits, and nothing on the healthy lines', () => {
    const furnaceA = all.filter((a) => a.asset === 'Line_A' && /^zone\d+_temp$/.test(a.parameter ?? ''));
    expect(furnaceA.length).toBeGreaterThanOrEqual(2);
    expect(furnaceA.every((a) => a.direction === 'above')).toBe(true);
    // The drift is still under way at 09:30: the excursions are open, not chattering open and shut.
    expect(furnaceA.every((a) => a.state === 'active' && a.reopenCount === 0)).toBe(true);
    expect(all.filter((a) => a.asset === 'Line_B' || a.asset === 'Line_C')).toEqual([]);
  });

  it('de-duplicates: one alert per sensor excursion, far fewer than the raw threshold crossings', () => {
    const perSensor = new Map<string, number>();
    for (const a of all) perSensor.set(a.sensor ?? a.asset, (perSensor.get(a.sensor ?? a.asset) ?? 0) + 1);
    expect(Math.max(...perSensor.values())).toBe(1);
    expect(all.length * 5).toBeLessThan(rawAlertEvents);
  });
});
