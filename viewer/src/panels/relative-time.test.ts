// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time.ts';

const now = '2024-03-14T12:00:00.000Z';

describe('relative times (in simulated time)', () => {
  it('reads "just now" under 10 s and for times ahead of now', () => {
    expect(relativeTime('2024-03-14T11:59:55.000Z', now)).toBe('just now');
    expect(relativeTime('2024-03-14T12:00:30.000Z', now)).toBe('just now');
  });

  it('counts seconds, minutes, hours and days', () => {
    expect(relativeTime('2024-03-14T11:59:15.000Z', now)).toBe('45 s ago');
    expect(relativeTime('2024-03-14T11:48:00.000Z', now)).toBe('12 min ago');
    expect(relativeTime('2024-03-14T09:00:00.000Z', now)).toBe('3 h ago');
    expect(relativeTime('2024-03-12T12:00:00.000Z', now)).toBe('2 d ago');
  });

  it('is empty before the simulated time is known', () => {
    expect(relativeTime('2024-03-14T11:00:00.000Z', null)).toBe('');
  });
});
