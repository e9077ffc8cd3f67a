import { describe, expect, it } from 'vitest';
import { createGlassLine } from '../../physics/glass/line.ts';
import { ACTION_BY_CAUSE, recommendedAction } from './recommended-actions.ts';

describe('recommended actions for a sensor out of range', () => {
  it('points a process parameter at the defect cause it drives, by direction', () => {
    expect(recommendedAction('zone3_temp', 'above')).toBe(ACTION_BY_CAUSE.furnace_overheat);
    expect(recommendedAction('glass_viscosity', 'above')).toBe(ACTION_BY_CAUSE.furnace_underheat);
    expect(recommendedAction('belt_speed', 'below')).toMatch(/conveyor drive/);
  });

  it('a high batch analyser reading sends the operator to the batch before its defects arrive', () => {
    expect(recommendedAction('batch_deviation', 'above')).toMatch(/^check batch composition and cullet quality; isolate the silo/);
  });

  it('has a specific action for every sensor of a glass line that can leave its range upward', () => {
    const line = createGlassLine({ id: 'Line_T', glass: 'container', zones: 4, initial: {} });
    const generic = line.sensors.filter((s) => s.limits.warning[1] !== null && recommendedAction(s.name, 'above') === recommendedAction('no_such_sensor', 'above'));
    expect(generic.map((s) => s.name)).toEqual([]);
  });
});
