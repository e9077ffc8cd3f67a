/** Durations of the what-if form: "for … then back" parsed and checked against the horizon, and shown short. */

/** Seconds as "3 h 10 min", "1 min", "45 s": the zero parts are dropped because a time to effect is only as exact as its resolution. */
export function shortDuration(s: number): string {
  const t = Math.max(0, Math.round(s));
  const parts = [[Math.floor(t / 3600), 'h'], [Math.floor((t % 3600) / 60), 'min'], [t % 60, 's']] as const;
  const shown = parts.filter(([v]) => v > 0).map(([v, u]) => `${v} ${u}`);
  return shown.length === 0 ? '0 s' : shown.join(' ');
}

/** A "for … then back" text: a bare number is hours; otherwise "2h", "1h30m", "90 min", "45s". */
export function parseDurationS(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 3600);
  const re = /(\d+(?:\.\d+)?)\s*(hours?|hr|h|minutes?|min|m|seconds?|sec|s)/gy;
  let total = 0;
  // Sticky: each unit must follow the last, so "2h x" is refused rather than read as 2 h.
  let matched = 0;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    const unit = m[2]![0];
    total += Number(m[1]) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
    matched = re.lastIndex;
    while (t[re.lastIndex] === ' ') re.lastIndex++;
  }
  return matched === t.length && t.length > 0 ? Math.round(total) : null;
}

/** The parsed duration, or why it cannot be sent. Empty text is no duration: the change stays. */
export type DurationCheck = { readonly ok: true; readonly durationS: number | undefined } | { readonly ok: false; readonly message: string };

/** Validates a "for … then back" duration: more than zero, and the return lies before the horizon (else the run never sees it). */
export function checkDuration(text: string, atS: number, horizonS: number): DurationCheck {
  if (text.trim() === '') return { ok: true, durationS: undefined };
  const d = parseDurationS(text);
  if (d === null) return { ok: false, message: `"${text}" is not a duration: use hours (2, 1.5) or e.g. 1h30m, 90 min` };
  if (d <= 0) return { ok: false, message: 'The duration must be more than 0' };
  if (atS + d >= horizonS) return { ok: false, message: `The return after ${shortDuration(d)} must come before the horizon (${shortDuration(horizonS)})` };
  return { ok: true, durationS: d };
}

/** The request's changes with each one's "for … then back" duration, or the messages that keep it from being sent, by setpoint. */
export function changesWithDurations(
  changes: readonly { setpoint: string; value: number }[],
  durationTexts: Readonly<Record<string, string>>,
  horizonS: number,
): { changes: { setpoint: string; value: number; durationS?: number }[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const out = changes.map((c) => {
    // The panel applies every change at the fork (atS 0), so the return must come before the horizon from there.
    const check = checkDuration(durationTexts[c.setpoint] ?? '', 0, horizonS);
    if (!check.ok) {
      errors[c.setpoint] = check.message;
      return { ...c };
    }
    return check.durationS === undefined ? { ...c } : { ...c, durationS: check.durationS };
  });
  return { changes: out, errors };
}
