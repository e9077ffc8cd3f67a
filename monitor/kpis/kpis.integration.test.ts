import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { KpiTracker } from './kpi-tracker.ts';

describe('KPIs of the reference plant (furnace-overheat scenario, 00:00–07:00)', () => {
  const engine = createEngine(loadLibraryScenario('furnace-overheat-crack-storm'));
  const lines = engine.scenario.lines.map((l) => l.id);
  const kpis = new KpiTracker({ startMs: engine.startMs, lines, machines: engine.scenario.machines.map((m) => m.id), sensorIndex: engine.layout.sensorIndex });
  const units = new Map<string, number>();
  engine.events$.subscribe((e) => {
    if (e.type === 'unit_produced') units.set(e.asset, (units.get(e.asset) ?? 0) + 1);
  });
  engine.frames$.subscribe((f) => kpis.onFrame(f));
  // Feeding the event stream as well must not double count.
  engine.events$.subscribe((e) => kpis.onEvent(e));
  engine.runFor(7 * 3600);
  const s = kpis.snapshot();

  it('counts every unit once, over the day and across the 06:00 shift change', () => {
    for (const l of s.lines) {
      expect(l.day.units).toBe(units.get(l.line));
      expect(l.previousShift!.units + l.shift.units).toBe(l.day.units);
    }
    expect(s.previousShift!.label).toBe('2024-03-13 22:00–06:00');
    expect(s.lines[0]!.previousShift!.plannedS).toBe(6 * 3600);
    expect(s.lines[0]!.shift.plannedS).toBe(3600);
  });

  it('reports plausible figures for healthy lines running near their target', () => {
    for (const l of s.lines) {
      expect(l.day.availability).toBe(1);
      expect(l.day.efficiency!).toBeGreaterThan(0.9);
      expect(l.day.fpy!).toBeGreaterThan(0.9);
      expect(l.day.oee!).toBeCloseTo(l.day.availability! * l.day.performance! * l.day.quality!, 12);
    }
    // Seven full hours of production; the run's last tick is 07:00 itself, so that hour may hold the
    // units of that one tick (at most one per line, one unit takes seconds of belt).
    const hours = s.plant.sparkline.filter((p) => p.units > 0);
    expect(hours.slice(0, 7).map((p) => p.hour.slice(11, 16))).toEqual(['00:00', '01:00', '02:00', '03:00', '04:00', '05:00', '06:00']);
    for (const p of hours.slice(0, 7)) expect(p.units).toBeGreaterThan(1000);
    expect(hours.slice(7).every((p) => p.hour.slice(11, 16) === '07:00' && p.units <= lines.length)).toBe(true);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
