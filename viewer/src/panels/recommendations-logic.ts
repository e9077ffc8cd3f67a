/** What the recommendations panel shows, as pure functions of the protocol's Recommendation (tested). */
import type { OptimizerSettings, Recommendation } from '../../../protocol/recommendation.ts';
import { fmt } from '../util/format.ts';

type Status = Recommendation['status'];
const OPEN: readonly Status[] = ['proposed', 'approved', 'applying'];

/** Proposals awaiting a decision and changes being applied, newest first. */
export function openRecommendations(recs: readonly Recommendation[]): Recommendation[] {
  return recs.filter((r) => OPEN.includes(r.status)).sort((a, b) => b.createdAtS - a.createdAtS);
}

/** Everything decided: applied, rolled back, rejected, expired, dropped, failed; newest first. */
export function recommendationHistory(recs: readonly Recommendation[]): Recommendation[] {
  return recs.filter((r) => !OPEN.includes(r.status)).sort((a, b) => b.createdAtS - a.createdAtS);
}

/** "Line_A.furnace_temp 1500 → 1440 °C" per move. */
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

/** The scenario's start in ms, from any decision (its ISO time and simulated seconds). */
function startMsOf(r: Recommendation): number {
  const d = r.decisions[0];
  return d ? Date.parse(d.at) - d.atS * 1000 : Date.parse(r.createdAt) - r.createdAtS * 1000;
}

export type ExecutionPhase = { readonly phase: 'ramping'; readonly remainingS: number; readonly progress: number } | { readonly phase: 'watching'; readonly remainingS: number } | { readonly phase: 'none' };

/** Where an applying change stands at the simulated time `simTime`: ramp progress, then the rollback window's countdown. */
export function executionPhase(r: Recommendation, simTime: string | null): ExecutionPhase {
  const ex = r.execution;
  if (r.status !== 'applying' || !ex || simTime === null) return { phase: 'none' };
  const nowS = (Date.parse(simTime) - startMsOf(r)) / 1000;
  if (nowS < ex.rampEndS) {
    const span = Math.max(1, ex.rampEndS - ex.startedAtS);
    return { phase: 'ramping', remainingS: ex.rampEndS - nowS, progress: Math.min(1, Math.max(0, (nowS - ex.startedAtS) / span)) };
  }
  return { phase: 'watching', remainingS: Math.max(0, ex.windowEndS - nowS) };
}

/** "12 min 30 s" */
export function duration(s: number): string {
  const t = Math.max(0, Math.round(s));
  const m = Math.floor(t / 60);
  return m > 0 ? `${m} min ${t % 60} s` : `${t} s`;
}

/** Observed against expected defects per 1,000, while applying and after. */
export function observedLine(r: Recommendation): string | null {
  const o = r.execution?.observed;
  const expected = r.evidence.curves.candidateDefectsPer1000.at(-1);
  const hold = r.evidence.curves.holdDefectsPer1000.at(-1);
  if (!o || expected === undefined || hold === undefined) return null;
  const seen = o.defectsPer1000 === null ? 'no units yet' : `${fmt(o.defectsPer1000)} per 1,000 over ${o.units} units`;
  return `observed ${seen}; expected ${fmt(expected)}, holding ${fmt(hold)}`;
}

/** One line for the history: what happened, by whom and why. */
export function historyLine(r: Recommendation): string {
  const last = r.decisions.at(-1);
  const who = last ? (last.actor === 'optimizer' ? 'the optimizer' : last.actor) : 'the optimizer';
  const why = last?.reason ? `: ${last.reason}` : '';
  switch (r.status) {
    case 'rolled_back':
      return r.execution?.rollback?.automatic ? `rolled back automatically${why}` : `rolled back by ${who}${why}`;
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

/** The reason a rejection may be sent, or null: the server needs a non-empty one. */
export function rejectReasonProblem(text: string): string | null {
  return text.trim().length === 0 ? 'Say why the proposal is rejected.' : text.length > 500 ? 'At most 500 characters.' : null;
}

/** Points of a polyline for the branch curves in a w × h box (both curves on one scale). */
export function curvePoints(tS: readonly number[], ys: readonly number[], max: number, w: number, h: number): string {
  const tEnd = tS.at(-1) ?? 1;
  return ys.map((y, i) => `${((tS[i]! / Math.max(1, tEnd)) * w).toFixed(1)},${(h - (y / Math.max(1e-9, max)) * h).toFixed(1)}`).join(' ');
}

/** The settings form's fields, as typed (text), so a half-typed number is not lost. */
export interface SettingsDraft {
  readonly enabled: boolean;
  readonly modes: Readonly<Record<string, OptimizerSettings['modes'][string]>>;
  readonly cadenceMin: string;
  readonly windowMin: string;
  readonly worseningPct: string;
  readonly weights: Readonly<Record<keyof OptimizerSettings['weights'], string>>;
}

export function draftOf(s: OptimizerSettings): SettingsDraft {
  return {
    enabled: s.enabled,
    modes: s.modes,
    cadenceMin: String(s.cadenceS / 60),
    windowMin: String(s.rollback.windowS / 60),
    worseningPct: String(s.rollback.worseningPct),
    weights: { defectRate: String(s.weights.defectRate), productionRate: String(s.weights.productionRate), energy: String(s.weights.energy), safetyViolation: String(s.weights.safetyViolation) },
  };
}

/** The settings to PUT, or the first field that is wrong (the server checks again). */
export function settingsFromDraft(d: SettingsDraft, base: OptimizerSettings): { settings: OptimizerSettings } | { problem: string } {
  const num = (text: string, name: string, lo: number, hi: number): number | string => {
    const v = Number(text);
    return text.trim() !== '' && Number.isFinite(v) && v >= lo && v <= hi ? v : `${name}: a number from ${lo} to ${hi}`;
  };
  const cadence = num(d.cadenceMin, 'planning cadence (min)', 1, 1440);
  const window = num(d.windowMin, 'rollback window (min)', 1, 1440);
  const worse = num(d.worseningPct, 'rollback above (+%)', 1, 1000);
  const w = Object.fromEntries(Object.entries(d.weights).map(([k, v]) => [k, num(v, `weight ${k}`, 0, 1e6)]));
  const firstProblem = [cadence, window, worse, ...Object.values(w)].find((x) => typeof x === 'string');
  if (typeof firstProblem === 'string') return { problem: firstProblem };
  return {
    settings: { ...base, enabled: d.enabled, modes: d.modes, cadenceS: (cadence as number) * 60, weights: w as unknown as OptimizerSettings['weights'], rollback: { ...base.rollback, windowS: (window as number) * 60, worseningPct: worse as number } },
  };
}
