/** What the recommendations panel shows, as pure functions of the protocol's Recommendation (tested). */
import type { Recommendation } from '../../../protocol/recommendation.ts';
import { ApiCallError } from '../api/rest-client.ts';
import { OPEN_STATUSES } from '../live/recommendations.ts';
import { duration, fmt } from '../util/format.ts';

const byNewest = (a: Recommendation, b: Recommendation) => b.createdAtS - a.createdAtS;

/** Proposals awaiting a decision and changes being applied, newest first. */
export function openRecommendations(recs: readonly Recommendation[]): Recommendation[] {
  return recs.filter((r) => OPEN_STATUSES.has(r.status)).sort(byNewest);
}

/** Everything decided: applied, rolled back, rejected, expired, dropped, failed; newest first. */
export function recommendationHistory(recs: readonly Recommendation[]): Recommendation[] {
  return recs.filter((r) => !OPEN_STATUSES.has(r.status)).sort(byNewest);
}

/** "Line_A.furnace_temp 1,500 → 1,440 °C" per move. */
export function moveLines(r: Recommendation): string[] {
  return r.moves.map((m) => `${m.setpoint} ${fmt(m.from)} → ${fmt(m.to)} ${m.unit}${m.needsApproval ? ' (above the approval threshold)' : ''}`);
}

const LABEL: Record<string, string> = { defectsPer1000: 'Defects', unitsPerH: 'Production', energyMWh: 'Energy' };

/** "Defects −12.3 defects per 1,000 units (95 %: −15.1 to −9.5)" per effect, signed as changed − hold. */
export function effectLines(r: Recommendation): string[] {
  const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${fmt(Math.abs(x))}`;
  return r.evidence.effects.map((e) => `${LABEL[e.metric] ?? e.metric} ${signed(e.mean)} ${e.unit} (95 %: ${signed(e.low)} to ${signed(e.high)})`);
}

/** Shadow trust in words: "shadow tracking 97 %", or why there is none. */
export function trustLine(r: Recommendation): string {
  const s = r.evidence.shadow;
  if (s.trackingAccuracy === null) return 'no live measurements to check the twin against';
  const flags = s.flagged.length > 0 ? `; flagged: ${s.flagged.map((f) => `${f.asset} ${f.flag}`).join(', ')}` : '';
  return `shadow tracking ${Math.round(s.trackingAccuracy * 100)} %${flags}`;
}

/** Simulated seconds since the scenario start at the simulated time `iso`, from any decision (its ISO time and seconds). */
function simSecondsAt(r: Recommendation, iso: string): number {
  const d = r.decisions[0];
  const startMs = d ? Date.parse(d.at) - d.atS * 1000 : Date.parse(r.createdAt) - r.createdAtS * 1000;
  return (Date.parse(iso) - startMs) / 1000;
}

/** Where an applying change stands: ramp progress (0..1) while ramping, and the rollback window's time left either way. */
export type ExecutionPhase =
  | { readonly phase: 'ramping'; readonly progress: number; readonly rampLeftS: number; readonly windowLeftS: number }
  | { readonly phase: 'watching'; readonly windowLeftS: number }
  | { readonly phase: 'none' };

/** The execution's phase at the twin's simulated time `simTime` (ramp, then the rollback window). */
export function executionPhase(r: Recommendation, simTime: string | null): ExecutionPhase {
  const ex = r.execution;
  if (r.status !== 'applying' || !ex || simTime === null) return { phase: 'none' };
  const nowS = simSecondsAt(r, simTime);
  const windowLeftS = Math.max(0, ex.windowEndS - nowS);
  if (nowS < ex.rampEndS) {
    const span = Math.max(1, ex.rampEndS - ex.startedAtS);
    return { phase: 'ramping', progress: Math.min(1, Math.max(0, (nowS - ex.startedAtS) / span)), rampLeftS: ex.rampEndS - nowS, windowLeftS };
  }
  return { phase: 'watching', windowLeftS };
}

/** The phase in words: "Ramping at the policy rate: 50 %, 36 min 0 s to go · rollback window closes in 1 h 06 min". */
export function phaseLine(p: ExecutionPhase): string | null {
  if (p.phase === 'none') return null;
  const window = `rollback window closes in ${duration(p.windowLeftS)}`;
  return p.phase === 'ramping' ? `Ramping at the policy rate: ${Math.round(p.progress * 100)} %, ${duration(p.rampLeftS)} to go · ${window}` : `Ramp done; watching quality: ${window}`;
}

/** Observed against expected defects per 1,000, while applying and after. */
export function observedLine(r: Recommendation): string | null {
  const o = r.execution?.observed;
  const expected = r.outcome?.expectedDefectsPer1000 ?? r.evidence.curves.candidateDefectsPer1000.at(-1);
  const hold = r.outcome?.holdDefectsPer1000 ?? r.evidence.curves.holdDefectsPer1000.at(-1);
  if (!o || expected === undefined || hold === undefined) return null;
  const seen = o.defectsPer1000 === null ? 'no units yet' : `${fmt(o.defectsPer1000)} per 1,000 over ${o.units} units`;
  return `Defects observed: ${seen}; expected ${fmt(expected)}, holding ${fmt(hold)}`;
}

/** One line for the history: what happened, by whom and why. */
export function historyLine(r: Recommendation): string {
  const last = r.decisions.at(-1);
  const who = !last || last.actor === 'optimizer' ? 'the optimizer' : `${last.actor} (${last.role})`;
  const why = last?.reason ? `: ${last.reason}` : '';
  switch (r.status) {
    case 'rolled_back': {
      const rb = r.execution?.rollback;
      return rb?.automatic ? `rolled back automatically: ${rb.reason}` : `rolled back by ${who}${why}`;
    }
    case 'rejected':
      return `rejected by ${who}${why}`;
    case 'dropped':
      return `dropped by verification: ${r.dropReasons.join(', ').replaceAll('_', ' ')}`;
    case 'applied': {
      const o = r.outcome;
      return o && o.observedDefectsPer1000 !== null ? `applied: ${fmt(o.observedDefectsPer1000)} defects per 1,000 observed, ${fmt(o.expectedDefectsPer1000)} expected, ${fmt(o.holdDefectsPer1000)} holding` : 'applied';
    }
    case 'expired':
      return `expired${why}`;
    default:
      return `${r.status.replaceAll('_', ' ')}${why}`;
  }
}

/** The reason a rejection may be sent, or null: the server needs a non-empty one of at most 500 characters. */
export function rejectReasonProblem(text: string): string | null {
  return text.trim().length === 0 ? 'Say why the proposal is rejected.' : text.length > 500 ? 'At most 500 characters.' : null;
}

/** What a refused call means to the person who clicked: a stale proposal, a missing role, or the server's words. */
export function apiErrorText(err: unknown, what: string): string {
  if (!(err instanceof ApiCallError)) return `${what} failed: ${String(err)}`;
  if (err.status === 409) return `${what} refused: ${err.message}`;
  if (err.status === 403) return `${what} not allowed: ${err.message}`;
  return `${what} failed: ${err.message}`;
}

/** The answer of a "Plan now" in words. */
export function planNote(made: readonly Recommendation[]): string {
  if (made.length === 0) return 'Nothing planned: every line and machine asked for is busy or already has an open proposal.';
  const dropped = made.filter((m) => m.status === 'dropped');
  const why = [...new Set(dropped.flatMap((m) => m.dropReasons))].join(', ').replaceAll('_', ' ');
  return `${made.length - dropped.length} proposed, ${dropped.length} dropped by verification${why ? ` (${why})` : ''}.`;
}

/** The branch curves' common scale: their largest value, at least 1. */
export function curveMax(r: Recommendation): number {
  const { holdDefectsPer1000: hold, candidateDefectsPer1000: cand } = r.evidence.curves;
  return Math.max(1, ...hold, ...cand);
}

/** Points of a polyline for the branch curves in a w × h box (both curves on one scale). */
export function curvePoints(tS: readonly number[], ys: readonly number[], max: number, w: number, h: number): string {
  const tEnd = tS.at(-1) ?? 1;
  return ys.map((y, i) => `${((tS[i]! / Math.max(1, tEnd)) * w).toFixed(1)},${(h - (y / Math.max(1e-9, max)) * h).toFixed(1)}`).join(' ');
}
