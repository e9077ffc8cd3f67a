/** The optimizer's toggle in a replay session: one line per round, in words (tested). */
import type { Effect, SessionProposal } from '../../../protocol/recommendation.ts';

const DROP_TEXT: Readonly<Record<string, string>> = {
  constraint_violated: 'a constraint would be violated',
  improvement_not_significant: 'the improvement is not significant',
  production_inferior: 'production would drop',
  energy_inferior: 'energy use would rise',
  twin_not_trusted: 'the twin is not trusted',
  no_change: 'no change needed',
};

const hhmm = (iso: string) => iso.slice(11, 16);
const num = (v: number) => String(Math.round(v * 10) / 10);
const signed = (v: number) => (v < 0 ? `−${num(-v)}` : `+${num(v)}`);

/**
 * "10:40 the optimizer would propose Line_A.furnace_temp 1520 → 1490 (−3.1 defects/1000 expected)",
 * "10:50 Line_B: dropped (the improvement is not significant)", or the round's note.
 */
export function proposalLine(p: SessionProposal): string {
  const r = p.recommendation;
  if (r === null) return `${hhmm(p.at)} ${p.note}`;
  const moves = r.moves.map((m) => `${m.setpoint} ${num(m.from)} → ${num(m.to)}`).join(', ');
  if (r.status === 'dropped') {
    const why = r.dropReasons.map((d) => DROP_TEXT[d] ?? d).join(', ') || 'verification refused it';
    return `${hhmm(p.at)} ${r.asset}: dropped${moves ? ` ${moves}` : ''} (${why})`;
  }
  const d: Effect | undefined = r.evidence.effects.find((e) => e.metric === 'defectsPer1000');
  return `${hhmm(p.at)} the optimizer would propose ${moves}${d ? ` (${signed(d.mean)} defects/1000 expected)` : ''}`;
}

/** Newest first, for the list under the controls. */
export const proposalLines = (list: readonly SessionProposal[]): string[] => list.map(proposalLine).reverse();
