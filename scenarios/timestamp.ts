/**
 * ISO 8601 timestamps with an explicit zone ("2024-03-14T06:00:00Z", "2024-03-14T07:00:00+01:00").
 * Local times without a zone are refused: a scenario must mean the same instant everywhere.
 */

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Milliseconds since the Unix epoch, or undefined if the text is not a real calendar instant
 * (2024-02-30 is refused, not rolled over to March).
 */
export function parseTimestamp(text: string): number | undefined {
  const m = ISO_RE.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number, number, number, number, number, number,
  ];
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetH = m[8] === 'Z' ? 0 : Number(m[10]);
  const offsetM = m[8] === 'Z' ? 0 : Number(m[11]);
  if (offsetH > 23 || offsetM > 59) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second, ms);
  const sign = m[9] === '-' ? -1 : 1;
  return date.getTime() - sign * (offsetH * 60 + offsetM) * 60_000;
}

/**
 * The canonical UTC form, with milliseconds only when there are some.
 * @example formatTimestamp(Date.UTC(2024, 2, 14, 6)) === '2024-03-14T06:00:00Z'
 */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
