import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { createEngine } from '../../engine/plant.ts';
import { PlantEvent } from '../../protocol/plant-events.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { startHub } from '../ws/test-kit.test-helper.ts';
import { feedPlantEvents, toPlantEvent } from './events-feed.ts';

const START_MS = Date.parse('2024-01-01T06:00:00.000Z');

describe('toPlantEvent', () => {
  it('maps a defect to the wire type: ISO time, position as fractions, no internal fields', () => {
    const e = toPlantEvent({ seq: 7, tick: 90, tS: 90, asset: 'Line_A', type: 'defect', unitId: 12, defect: 'bubble', x: 0.25, y: 0.75, severity: 0.4 }, START_MS);
    expect(e).toEqual({ seq: 7, t: '2024-01-01T06:01:30.000Z', tS: 90, asset: 'Line_A', type: 'defect', unitId: 12, defect: 'bubble', xFrac: 0.25, yFrac: 0.75, severity: 0.4 });
    expect(Value.Check(PlantEvent, e)).toBe(true);
  });

  it('keeps the origin of a setpoint change', () => {
    const e = toPlantEvent({ seq: 1, tick: 1, tS: 1, asset: 'Line_A', type: 'setpoint_changed', setpoint: 'Line_A.furnace_temp', value: 1500, origin: 'external' }, START_MS);
    expect(e).toMatchObject({ type: 'setpoint_changed', setpoint: 'Line_A.furnace_temp', value: 1500, origin: 'external' });
    expect(Value.Check(PlantEvent, e)).toBe(true);
  });

  it('leaves out units produced and sensor alerts', () => {
    expect(toPlantEvent({ seq: 1, tick: 1, tS: 1, asset: 'Line_A', type: 'unit_produced', unitId: 3 }, START_MS)).toBeNull();
    expect(toPlantEvent({ seq: 2, tick: 1, tS: 1, asset: 'm1', type: 'alert', sensor: 'm1.temp', status: 'WARNING', value: 3 }, START_MS)).toBeNull();
  });
});

describe('feedPlantEvents', () => {
  it('pushes the live plant’s defects on the events channel, each valid on the wire, to clients of its asset', async () => {
    const kit = await startHub();
    try {
      const engine = createEngine(loadLibraryScenario('glass-plant'));
      const lineA = await kit.connect();
      await lineA.join({ channels: ['events'], assets: ['Line_A'] });
      const sub = feedPlantEvents(engine, kit.hub);
      let defects = 0;
      const counting = engine.events$.subscribe((e) => (defects += e.type === 'defect' && e.asset === 'Line_A' ? 1 : 0));
      // Long enough for inspection to find defects on a line of the reference plant.
      while (defects < 2 && engine.tS < 6 * 3600) engine.runFor(600);
      sub.unsubscribe();
      counting.unsubscribe();
      expect(defects).toBeGreaterThanOrEqual(2);
      await lineA.until((c) => c.data.filter((m) => m.data.type === 'defect').length >= defects);
      expect(lineA.data.every((m) => m.channel === 'events' && m.data.asset === 'Line_A' && Value.Check(PlantEvent, m.data))).toBe(true);
    } finally {
      await kit.stop();
    }
  });
});
