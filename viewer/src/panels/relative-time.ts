/**
 * How long ago `thenIso` was, relative to `nowIso`: both in simulated time, because alerts carry
 * simulated timestamps and the plant may run at 10x or 100x. "just now" under 10 s, then s, min, h, d.
 * A time ahead of now (clock skew between channels) reads as "just now".
 */
export function relativeTime(thenIso: string, nowIso: string | null): string {
  if (!nowIso) return '';
  const s = (Date.parse(nowIso) - Date.parse(thenIso)) / 1000;
  if (!Number.isFinite(s)) return '';
  if (s < 10) return 'just now';
  if (s < 60) return `${Math.floor(s)} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
