import { describe, expect, it } from 'vitest';
import { formatIssuePath, ScenarioError } from './scenario-error.ts';

describe('formatIssuePath', () => {
  it('writes paths as a reader would', () => {
    expect(formatIssuePath([])).toBe('(root)');
    expect(formatIssuePath(['faults', 2, 'at'])).toBe('faults[2].at');
    expect(formatIssuePath(['plant', 'lines', 0, 'initial', 'furnace_temp'])).toBe('plant.lines[0].initial.furnace_temp');
    expect(formatIssuePath(['faults', 0, 'params', 'odd key'])).toBe('faults[0].params["odd key"]');
  });
});

describe('ScenarioError', () => {
  it('lists one issue per line, with source and line when known', () => {
    const err = new ScenarioError('incident.yaml', [
      { path: 'faults[2].at', message: 'must be within the scenario duration (0..24h)', line: 14 },
      { path: 'duration', message: 'is required' },
    ]);
    expect(err.message).toBe(
      'incident.yaml:14: faults[2].at: must be within the scenario duration (0..24h)\nincident.yaml: duration: is required',
    );
    expect(err.name).toBe('ScenarioError');
    expect(err).toBeInstanceOf(Error);
  });

  it('lists at most 20 issues in its message but keeps them all', () => {
    const issues = Array.from({ length: 25 }, (_, i) => ({ path: `faults[${i}].at`, message: 'is required' }));
    const err = new ScenarioError('x.yaml', issues);
    expect(err.issues).toHaveLength(25);
    expect(err.message.split('\n')).toHaveLength(21);
    expect(err.message).toMatch(/… and 5 more problems$/);
  });

  it('always has at least one issue', () => {
    expect(new ScenarioError('x.yaml', []).issues).toHaveLength(1);
  });
});
