// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../protocol/alerts.ts';
import { alertsFor, investigateSensors, justificationProblem, movedOnNote, withPin } from './alerts-logic.ts';

const a = (id: string, severity: AlertView['severity'], openedAt: string, state: AlertView['state'] = 'active') => ({ id, severity, openedAt, state }) as AlertView;

describe('alert lists', () => {
  it('lists a tab’s alerts most severe first, then newest first', () => {
    const alerts = { 1: a('1', 'HIGH', '2024-03-14T01:00:00Z'), 2: a('2', 'CRITICAL', '2024-03-14T00:00:00Z'), 3: a('3', 'HIGH', '2024-03-14T02:00:00Z'), 4: a('4', 'CRITICAL', '2024-03-14T03:00:00Z', 'acknowledged') };
    expect(alertsFor('active', alerts).map((x) => x.id)).toEqual(['2', '3', '1']);
    expect(alertsFor('acknowledged', alerts).map((x) => x.id)).toEqual(['4']);
  });

  it('keeps an alert in the tab its card was opened in while the card is open, whatever its state becomes', () => {
    const alerts = { 1: a('1', 'HIGH', '2024-03-14T01:00:00Z', 'cleared'), 2: a('2', 'HIGH', '2024-03-14T02:00:00Z', 'acknowledged') };
    expect(alertsFor('active', alerts).map((x) => x.id)).toEqual([]);
    const pinned = withPin(withPin(new Map(), '1', 'active', true), '2', 'active', true);
    expect(alertsFor('active', alerts, pinned).map((x) => x.id)).toEqual(['2', '1']);
    expect(alertsFor('acknowledged', alerts, pinned).map((x) => x.id)).toEqual([]);
    // Closing the card lets the alert go where its state says.
    const closed = withPin(pinned, '2', 'active', false);
    expect(alertsFor('acknowledged', alerts, closed).map((x) => x.id)).toEqual(['2']);
    expect(withPin(closed, '2', 'active', false)).toBe(closed);
  });

  it('says when a kept alert has moved on', () => {
    expect(movedOnNote({ state: 'active' }, 'active')).toBeNull();
    expect(movedOnNote({ state: 'cleared' }, 'active')).toBe('Now cleared: kept here while its card is open.');
    expect(movedOnNote({ state: 'active' }, 'acknowledged')).toBe('Now active again: kept here while its card is open.');
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
