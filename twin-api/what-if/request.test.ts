import { describe, expect, it } from 'vitest';
import { buildModels } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { WhatIfError } from './errors.ts';
import { DEFAULT_LOOKAHEAD_STEP_S, parseWhatIfRequest } from './request.ts';

const setpoints = buildModels(loadLibraryScenario('glass-plant')).flatMap((m) => m.setpoints);

function issuesOf(body: unknown): readonly string[] {
  try {
    parseWhatIfRequest(body, setpoints);
  } catch (err) {
    expect(err).toBeInstanceOf(WhatIfError);
    expect((err as WhatIfError).code).toBe('TWIN_ERR_WHAT_IF_BAD_REQUEST');
    expect((err as WhatIfError).statusCode).toBe(400);
    return (err as WhatIfError).issues;
  }
  throw new Error('expected the request to be refused');
}

describe('what-if request', () => {
  it('fills in defaults: 16 seeds, the 10 s look-ahead step, the affected assets', () => {
    const plan = parseWhatIfRequest({ changes: [{ setpoint: 'Line_A.furnace_temp', value: 1450 }], horizon: '4h' }, setpoints);
    expect(plan).toEqual({
      steps: [{ atS: 0, setpoint: 'Line_A.furnace_temp', value: 1450 }],
      horizonS: 14_400,
      seeds: Array.from({ length: 16 }, (_, i) => i + 1),
      stepS: DEFAULT_LOOKAHEAD_STEP_S,
      scope: 'affected',
    });
  });

  it('accepts seconds, explicit seeds, a step and the plant scope', () => {
    const plan = parseWhatIfRequest(
      { changes: [{ setpoint: 'pump_003.load', value: 50 }], horizon: 5400, seeds: [7, 9], stepS: 30, scope: 'plant' },
      setpoints,
    );
    expect(plan).toMatchObject({ horizonS: 5400, seeds: [7, 9], stepS: 30, scope: 'plant' });
  });

  it('turns changes with a time into a timed plan; a setpoint may change several times, once at a time', () => {
    const plan = parseWhatIfRequest(
      {
        changes: [
          { setpoint: 'Line_A.furnace_temp', value: 1450, atS: 600 },
          { setpoint: 'Line_A.furnace_temp', value: 1430, atS: 1800 },
          { setpoint: 'Line_A.belt_speed', value: 110 },
        ],
        horizon: '1h',
      },
      setpoints,
    );
    expect(plan.steps).toEqual([
      { atS: 600, setpoint: 'Line_A.furnace_temp', value: 1450 },
      { atS: 1800, setpoint: 'Line_A.furnace_temp', value: 1430 },
      { atS: 0, setpoint: 'Line_A.belt_speed', value: 110 },
    ]);
  });

  it('refuses a change at or after the horizon, twice at one time, or off the plant tick', () => {
    const at = (atS: number) => ({ setpoint: 'Line_A.furnace_temp', value: 1450, atS });
    expect(issuesOf({ changes: [at(3600)], horizon: '1h' })).toEqual(['changes[0].atS: must be before the horizon (1h), got 3600 s']);
    expect(issuesOf({ changes: [at(60), at(60)], horizon: '1h' })).toEqual(['changes[1].setpoint: Line_A.furnace_temp is already changed by changes[0] at 60 s']);
    expect(issuesOf({ changes: [at(1.5)], horizon: '1h' })[0]).toMatch(/^changes\[0\]\.atS: /);
    expect(() => parseWhatIfRequest({ changes: [at(15)], horizon: '1h' }, setpoints, 10)).toThrow("changes[0].atS: must be a multiple of the plant's 10 s step, got 15");
  });

  it('says a negative or zero horizon is too short, and a horizon of the wrong kind what it should be', () => {
    const change = { setpoint: 'Line_A.furnace_temp', value: 1450 };
    expect(issuesOf({ changes: [change], horizon: -7200 })).toEqual(['horizon: must be more than 0 seconds (got -7200)']);
    expect(issuesOf({ changes: [change], horizon: 0 })).toEqual(['horizon: must be more than 0 seconds (got 0)']);
    expect(issuesOf({ changes: [change], horizon: true })).toEqual(['horizon: must be a number of seconds or a duration such as "4h"']);
  });

  it('names the field of a value out of the setpoint bounds', () => {
    const issues = issuesOf({
      changes: [
        { setpoint: 'Line_A.furnace_temp', value: 1450 },
        { setpoint: 'Line_A.belt_speed', value: 250 },
      ],
      horizon: '4h',
    });
    expect(issues).toEqual(['changes[1].value: Line_A.belt_speed must be between 0 and 200 m/min (got 250)']);
  });

  it('names unknown and repeated setpoints, with a suggestion', () => {
    const issues = issuesOf({
      changes: [
        { setpoint: 'Line_A.furnace_tmp', value: 1450 },
        { setpoint: 'Line_B.mold_temp', value: 400 },
        { setpoint: 'Line_B.mold_temp', value: 420 },
      ],
      horizon: '1h',
    });
    expect(issues).toEqual([
      'changes[0].setpoint: unknown setpoint "Line_A.furnace_tmp" (did you mean "Line_A.furnace_temp"?)',
      'changes[2].setpoint: Line_B.mold_temp is already changed by changes[1]',
    ]);
  });

  it('refuses a horizon beyond 24 h or that is not a duration', () => {
    const change = [{ setpoint: 'Line_A.furnace_temp', value: 1450 }];
    expect(issuesOf({ changes: change, horizon: '25h' })).toEqual(['horizon: must be at most 24h, got 25h']);
    expect(issuesOf({ changes: change, horizon: '4 hours' })[0]).toMatch(/^horizon: "4 hours" is not a positive duration/);
    expect(issuesOf({ changes: change, horizon: -5 })[0]).toMatch(/^horizon: /);
  });

  it('refuses seeds outside 1..64, an unknown step and unknown fields', () => {
    const change = [{ setpoint: 'Line_A.furnace_temp', value: 1450 }];
    expect(issuesOf({ changes: change, horizon: '1h', seeds: 65 })[0]).toMatch(/^seeds: must be an integer 1\.\.64/);
    expect(issuesOf({ changes: change, horizon: '1h', seeds: 0 })[0]).toMatch(/^seeds: /);
    expect(issuesOf({ changes: change, horizon: '1h', stepS: 5 })[0]).toMatch(/^stepS: /);
    expect(parseWhatIfRequest({ changes: change, horizon: '1h', stepS: 1 }, setpoints).stepS, "the plant's own step is allowed").toBe(1);
    expect(issuesOf({ changes: change, horizon: '1h', colour: 'red' })).toContain('(body): must not have additional properties (colour)');
    expect(issuesOf({ changes: [], horizon: '1h' })[0]).toMatch(/^changes: /);
    expect(issuesOf({ changes: [{ setpoint: 'Line_A.furnace_temp', value: 'hot' }], horizon: '1h' })[0]).toMatch(/^changes\[0\]\.value: must be number/);
  });
});
