import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../protocol/alerts.ts';
import { boundAlerts } from './apply-message.ts';

const alert = (id: string, state: AlertView['state'], lastAt: string) => ({ id, state, lastAt }) as unknown as AlertView;

describe('the alerts the store keeps', () => {
  it('keeps every open alert and only the most recent closed ones', () => {
    const all: Record<string, AlertView> = {
      a1: alert('a1', 'active', '2024-03-14T00:00:00Z'),
      a2: alert('a2', 'acknowledged', '2024-03-14T00:01:00Z'),
      c1: alert('c1', 'cleared', '2024-03-14T00:02:00Z'),
      c2: alert('c2', 'dismissed', '2024-03-14T00:04:00Z'),
      c3: alert('c3', 'cleared', '2024-03-14T00:03:00Z'),
    };
    expect(Object.keys(boundAlerts(all, 2)).sort()).toEqual(['a1', 'a2', 'c2', 'c3']);
  });

  it('returns the same map when nothing needs to go', () => {
    const all = { a1: alert('a1', 'active', '2024-03-14T00:00:00Z') };
    expect(boundAlerts(all, 2)).toBe(all);
  });
});
