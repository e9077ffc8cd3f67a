/** Resolves `at` values (offsets, seconds, ISO timestamps) to seconds from the scenario start. */

import { formatDuration, parseDuration } from './duration.ts';
import type { TimeValue } from './file-types.ts';
import { formatTimestamp, parseTimestamp } from './timestamp.ts';

/** The scenario window; absent when the start or duration is itself invalid. */
export interface TimeFrame {
  readonly startMs: number;
  readonly durationS: number;
}

export type TimeResult = { readonly atS: number } | { readonly problem: string };

const LOOKS_ISO = /^\d{4}-/;

/**
 * Seconds from the start, or why the value is not a time inside the window (inclusive at both ends).
 * @example resolveTime('10h42m', frame) → { atS: 38520 }
 */
export function resolveTime(value: TimeValue, frame: TimeFrame | undefined): TimeResult {
  if (typeof value === 'string' && LOOKS_ISO.test(value)) {
    const ms = parseTimestamp(value);
    if (ms === undefined) return { problem: `is not a real date and time (got "${value}")` };
    if (frame === undefined) return { atS: 0 };
    const atS = (ms - frame.startMs) / 1000;
    if (atS < 0 || atS > frame.durationS) {
      const end = formatTimestamp(frame.startMs + frame.durationS * 1000);
      return { problem: `must be within the scenario window (${formatTimestamp(frame.startMs)}..${end})` };
    }
    return { atS };
  }
  const atS = parseDuration(value);
  if (atS === undefined) return { problem: 'must be a time: an offset like "10h42m", a number of seconds, or an ISO 8601 timestamp' };
  if (frame !== undefined && atS > frame.durationS) {
    return { problem: `must be within the scenario duration (0..${formatDuration(frame.durationS)})` };
  }
  return { atS };
}
