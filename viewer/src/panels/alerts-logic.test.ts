// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../protocol/alerts.ts';
import { alertsFor, investigateSensors, justificationProblem } from './alerts-logic.ts';

const a = (id: string, severity: AlertView['severity'], openedAt: string, state: AlertView['state'] = 'active') => ({ id, severity, openedAt, state }) as AlertView;

describe('alert lists', () => {
  it('lists a tab’s alerts most severe first, then newest first', () => {
    const alerts = { 1: a('1', 'HIGH', '2024-03-14T01:00:00Z'), 2: a('2', 'CRITICAL', '2024-03-14T00:00:00Z'), 3: a('3', 'HIGH', '2024-03-14T02:00:00Z'), 4: a('4', 'CRITICAL', '2024-03-14T03:00:00Z', 'acknowledged') };
    expect(alertsFor('active', alerts).map((x) => x.id)).toEqual(['2', '3', '1']);
    expect(alertsFor('acknowledged', alerts).map((x) => x.id)).toEqual(['4']);
  });

  it('needs a justification of 10 to 2000 characters to dismiss', () => {
    expect(justificationProblem('too short')).toMatch(/at least 10/);
    expect(justificationProblem('sensor under calibration, confirmed on site')).toBeNull();
    expect(justificationProblem('x'.repeat(2001))).toMatch(/2000/);
  });

  it('investigates the alert’s sensor, else the blamed sensors, else the asset’s first sensor', () => {
    expect(investigateSensors({ sensor: 'p.vib', contributors: [] }, ['p.temp'])).toEqual(['p.vib']);
    expect(investigateSensors({ sensor: null, contributors: ['p.temp', 'other.x'] }, ['p.vib', 'p.temp'])).toEqual(['p.temp']);
    expect(investigateSensors({ sensor: null, contributors: [] }, ['p.vib', 'p.temp'])).toEqual(['p.vib']);
  });
});
