/**
 * Duration strings: units d, h, m, s, each at most once and in that order, with optional decimals:
 * "24h", "1h30m", "1.5h", "90s", "2d". Numbers are seconds.
 */

const DURATION_RE = /^(?=\d)(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/;
const UNIT_S = [86_400, 3_600, 60, 1] as const;

/**
 * Seconds in a duration string or number; undefined if it is not one (or is negative or not finite).
 * @example parseDuration('1h30m') === 5400
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = DURATION_RE.exec(value);
  if (m === null) return undefined;
  let seconds = 0;
  for (let i = 0; i < UNIT_S.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) seconds += Number(part) * UNIT_S[i]!;
  }
  return Number.isFinite(seconds) ? seconds : undefined;
}

/**
 * The shortest h/m/s form of a number of seconds; fractions of a second as decimals.
 * Hours are not folded into days: "24h" and "720h" read better in messages than "1d" and "30d".
 * @example formatDuration(5400) === '1h30m'; formatDuration(0) === '0s'
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return `${seconds}s`;
  if (!Number.isInteger(seconds)) return `${seconds}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const out = `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
  return out === '' ? '0s' : out;
}
