const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A half-open span of simulated time [startMs, endMs). */
export interface Period {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The shift containing `tMs`, for shifts starting at `startsH` (hours of day UTC, increasing) and
 * each lasting until the next start; the last one runs past midnight into the first.
 */
export function shiftAt(tMs: number, startsH: readonly number[]): Period & { readonly index: number } {
  const dayMs = Math.floor(tMs / DAY_MS) * DAY_MS;
  const n = startsH.length;
  let i = n - 1;
  while (i >= 0 && dayMs + startsH[i]! * HOUR_MS > tMs) i--;
  // Before the day's first start: still in the previous day's last shift.
  const index = i >= 0 ? i : n - 1;
  const startDayMs = i >= 0 ? dayMs : dayMs - DAY_MS;
  const startMs = startDayMs + startsH[index]! * HOUR_MS;
  const endMs = index + 1 < n ? startDayMs + startsH[index + 1]! * HOUR_MS : startDayMs + DAY_MS + startsH[0]! * HOUR_MS;
  return { startMs, endMs, index };
}

/** The production day containing `tMs`, starting at `startH` UTC. */
export function dayAt(tMs: number, startH: number): Period {
  const offset = startH * HOUR_MS;
  const startMs = Math.floor((tMs - offset) / DAY_MS) * DAY_MS + offset;
  return { startMs, endMs: startMs + DAY_MS };
}

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** "2024-03-14 06:00–14:00" (the date of the shift's start). */
export function shiftLabel(p: Period): string {
  return `${new Date(p.startMs).toISOString().slice(0, 10)} ${hhmm(p.startMs)}–${hhmm(p.endMs)}`;
}
