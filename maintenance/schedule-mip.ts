/**
 * The time-indexed maintenance MIP: one binary per job option (unit × team × start shift), and
 *   each unit done at most once;
 *   each team's hours in each shift within its capacity;
 *   `after` started by shift t only if `before` finished by t, for every t (precedence on a shared stop);
 * maximising the options' expected savings, plus a bonus for every required unit done that outweighs
 * any saving (so as many required jobs as the crews and windows allow, then the best saving: a
 * fleet with more required jobs than capacity still gets a plan, and the left-out ones are named).
 * Stop windows and skills are already in the options.
 */
import type { JobOption } from './job-options.ts';
import type { MipModel, MipRow } from './mip.ts';

export function scheduleMip(options: readonly JobOption[], must: ReadonlySet<string>, precedences: readonly { before: string; after: string }[], teamHoursPerShift: number, shifts: number): MipModel {
  const rows: MipRow[] = [];
  const byUnit = new Map<string, number[]>();
  options.forEach((o, j) => byUnit.set(o.unit, [...(byUnit.get(o.unit) ?? []), j]));
  for (const js of byUnit.values()) rows.push({ name: `once_${rows.length}`, terms: js.map((j) => [j, 1]), sense: '<=', rhs: 1 });
  const load = new Map<string, [number, number][]>();
  options.forEach((o, j) =>
    o.hoursByShift.forEach((h, k) => {
      const key = `${o.team}\u0000${o.startShift + k}`;
      load.set(key, [...(load.get(key) ?? []), [j, h]]);
    }),
  );
  for (const terms of load.values()) if (terms.reduce((s, [, h]) => s + h, 0) > teamHoursPerShift + 1e-9) rows.push({ name: `cap_${rows.length}`, terms, sense: '<=', rhs: teamHoursPerShift });
  for (const p of precedences) {
    const a = byUnit.get(p.after) ?? [];
    const b = byUnit.get(p.before) ?? [];
    if (a.length === 0) continue;
    for (let t = 0; t < shifts; t++) {
      const started = a.filter((j) => options[j]!.startShift <= t).map((j) => [j, 1] as [number, number]);
      if (started.length === 0) continue;
      const finished = b.filter((j) => options[j]!.startShift + options[j]!.hoursByShift.length <= t).map((j) => [j, -1] as [number, number]);
      rows.push({ name: `prec_${rows.length}`, terms: [...started, ...finished], sense: '<=', rhs: 0 });
    }
  }
  // Larger than any swing of the savings: the sum over units of their largest |gain|, plus one.
  const swing = new Map<string, number>();
  for (const o of options) swing.set(o.unit, Math.max(swing.get(o.unit) ?? 0, Math.abs(o.gain)));
  const bonus = 1 + [...swing.values()].reduce((a, b) => a + b, 0);
  return { objective: options.map((o) => o.gain + (must.has(o.unit) ? bonus : 0)), rows };
}
