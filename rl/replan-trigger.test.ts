import { describe, expect, it } from 'vitest';
import type { AlertChange, AlertView } from '../monitor/alerts/alert.ts';
import { replanFor } from './replan-trigger.ts';

const alert = (rule: AlertView['rule'], severity: AlertView['severity']): AlertView => ({ id: 'ALT-1', rule, severity, state: 'active', asset: 'Line_A', sensor: null, parameter: null, openedAt: '', lastAt: '', clearedAt: null, value: null, threshold: null, unit: '', direction: null, message: '', recommendedAction: '', reopenCount: 0, contributors: [], acknowledgedBy: null, acknowledgedAt: null, dismissedBy: null, dismissedAt: null, justification: null });
const change = (kind: AlertChange['kind'], rule: AlertView['rule'], severity: AlertView['severity'] = 'HIGH'): AlertChange => ({ kind, alert: alert(rule, severity) });

describe('when an alert makes the optimizer plan at once', () => {
  it('plans on a new or escalated anomaly, whatever its severity', () => {
    expect(replanFor(change('opened', 'anomaly', 'LOW'))).toBe('Line_A');
    expect(replanFor(change('escalated', 'anomaly'))).toBe('Line_A');
  });

  it('plans on threshold and rate alerts of HIGH or CRITICAL severity only', () => {
    expect(replanFor(change('opened', 'threshold', 'CRITICAL'))).toBe('Line_A');
    expect(replanFor(change('reopened', 'rate_of_change', 'HIGH'))).toBe('Line_A');
    expect(replanFor(change('opened', 'threshold', 'MEDIUM'))).toBeNull();
  });

  it('does not plan on clearing, acknowledging, updates, or alerts it cannot act on', () => {
    for (const kind of ['cleared', 'acknowledged', 'updated', 'dismissed'] as const) expect(replanFor(change(kind, 'anomaly'))).toBeNull();
    expect(replanFor(change('opened', 'model_drift', 'CRITICAL'))).toBeNull();
    expect(replanFor(change('opened', 'failure', 'CRITICAL'))).toBeNull();
  });
});
