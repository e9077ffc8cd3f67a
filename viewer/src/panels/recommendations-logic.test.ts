import { describe, expect, it } from 'vitest';
import type { Recommendation } from '../../../protocol/recommendation.ts';
import { sceneRecommendationsOf } from '../live/scene-source.ts';
import { curvePoints, draftOf, duration, settingsFromDraft, effectLines, executionPhase, historyLine, moveLines, observedLine, openRecommendations, recommendationHistory, rejectReasonProblem, trustLine } from './recommendations-logic.ts';

const START = Date.parse('2026-03-02T00:00:00Z');
const at = (s: number) => new Date(START + s * 1000).toISOString();
function rec(over: Partial<Recommendation> = {}): Recommendation {
  return {
    id: 'REC-1',
    asset: 'Line_A',
    planner: 'mpc',
    moves: [{ setpoint: 'Line_A.furnace_temp', unit: '°C', from: 1500, to: 1440, needsApproval: false }],
    plan: [],
    evidence: {
      effects: [
        { metric: 'defectsPer1000', unit: 'defects per 1,000 units', mean: -12.34, low: -15.1, high: -9.5 },
        { metric: 'unitsPerH', unit: 'units/h', mean: 3.2, low: -1, high: 7 },
      ],
      defectImprovementLower95: 9.5,
      timeToEffectS: 1800,
      horizonS: 7200,
      runs: 8,
      seeds: [501, 502],
      perturbations: 3,
      violations: 0,
      curves: { tS: [0, 3600, 7200], holdDefectsPer1000: [20, 22, 24], candidateDefectsPer1000: [20, 15, 11] },
      shadow: { trackingAccuracy: 0.966, flagged: [], trusted: true },
      rationale: 'Changing …',
    },
    dropReasons: [],
    needsApproval: false,
    createdAtS: 32_400,
    createdAt: at(32_400),
    status: 'proposed',
    basis: { 'Line_A.furnace_temp': 1500 },
    policyVersion: 1,
    decisions: [{ status: 'proposed', atS: 32_400, at: at(32_400), actor: 'optimizer', role: 'optimizer', reason: null }],
    execution: null,
    outcome: null,
    ...over,
  };
}
const applying = rec({ status: 'applying', execution: { previous: { 'Line_A.furnace_temp': 1500 }, startedAtS: 32_400, rampEndS: 32_400 + 4320, windowEndS: 32_400 + 4320 + 1800, commandIds: [], observed: { units: 400, defects: 6, defectsPer1000: 15 }, rollback: null } });

describe('the recommendations panel', () => {
  it('lists proposals and changes being applied apart from what was decided, newest first', () => {
    const recs = [rec({ id: 'a', createdAtS: 1 }), rec({ id: 'b', status: 'rejected', createdAtS: 2 }), rec({ id: 'c', status: 'applying', createdAtS: 3 }), rec({ id: 'd', status: 'dropped', createdAtS: 4 })];
    expect(openRecommendations(recs).map((r) => r.id)).toEqual(['c', 'a']);
    expect(recommendationHistory(recs).map((r) => r.id)).toEqual(['d', 'b']);
  });

  it('writes moves, effects with their intervals and shadow trust in plain words', () => {
    expect(moveLines(rec())).toEqual(['Line_A.furnace_temp 1,500 → 1,440 °C']);
    expect(effectLines(rec())).toEqual(['Defects −12.3 defects per 1,000 units (95 %: −15.1 to −9.5)', 'Production +3.2 units/h (95 %: −1 to +7)']);
    expect(trustLine(rec())).toBe('shadow tracking 97 %');
    expect(trustLine(rec({ evidence: { ...rec().evidence, shadow: { trackingAccuracy: null, flagged: [], trusted: true } } }))).toBe('no live measurements to check the twin against');
  });

  it('shows the ramp’s progress, then the rollback window’s countdown, in simulated time', () => {
    expect(executionPhase(applying, at(32_400 + 2160))).toEqual({ phase: 'ramping', remainingS: 2160, progress: 0.5 });
    expect(executionPhase(applying, at(32_400 + 4320 + 600))).toEqual({ phase: 'watching', remainingS: 1200 });
    expect(executionPhase(rec(), at(32_400))).toEqual({ phase: 'none' });
    expect(duration(1200)).toBe('20 min 0 s');
    expect(observedLine(applying)).toBe('observed 15 per 1,000 over 400 units; expected 11, holding 24');
  });

  it('says who decided and why in the history, automatic rollbacks as such', () => {
    const auto = rec({ status: 'rolled_back', execution: { ...applying.execution!, rollback: { atS: 33_000, automatic: true, reason: 'defects at least 30.1 per 1,000' } }, decisions: [...rec().decisions, { status: 'rolled_back', atS: 33_000, at: at(33_000), actor: 'optimizer', role: 'optimizer', reason: 'defects at least 30.1 per 1,000' }] });
    expect(historyLine(auto)).toBe('rolled back automatically: defects at least 30.1 per 1,000');
    const rejected = rec({ status: 'rejected', decisions: [...rec().decisions, { status: 'rejected', atS: 1, at: at(1), actor: 'olga', role: 'operator', reason: 'batch change at 14:00' }] });
    expect(historyLine(rejected)).toBe('rejected by olga: batch change at 14:00');
    expect(historyLine(rec({ status: 'dropped', dropReasons: ['improvement_not_significant', 'twin_not_trusted'] }))).toBe('dropped by verification: improvement not significant, twin not trusted');
  });

  it('needs a reason to reject', () => {
    expect(rejectReasonProblem('  ')).toBe('Say why the proposal is rejected.');
    expect(rejectReasonProblem('cracks are from lane 3')).toBeNull();
  });

  it('draws both branches on one scale', () => {
    expect(curvePoints([0, 3600, 7200], [0, 10, 20], 20, 100, 50)).toBe('0.0,50.0 50.0,25.0 100.0,0.0');
  });

  it('highlights in the scene the setpoints open recommendations move, and not decided ones', () => {
    expect(sceneRecommendationsOf([rec(), rec({ id: 'REC-2', status: 'rejected' }), applying])).toEqual([
      { id: 'REC-1:Line_A.furnace_temp', setpointId: 'Line_A.furnace_temp', current: 1500, proposed: 1440, unit: '°C' },
      { id: 'REC-1:Line_A.furnace_temp', setpointId: 'Line_A.furnace_temp', current: 1500, proposed: 1440, unit: '°C' },
    ]);
  });

  it('edits the settings as text and sends numbers, naming the first field that is wrong', () => {
    const base = { enabled: true, modes: {}, weights: { defectRate: 10, productionRate: 0.1, energy: 0.01, safetyViolation: 100 }, cadenceS: 600, validityS: 900, rollback: { windowS: 1800, worseningPct: 20, minUnits: 50 } };
    const d = draftOf(base);
    expect(d.cadenceMin).toBe('10');
    expect(settingsFromDraft({ ...d, cadenceMin: '5', modes: { Line_A: 'semi-auto' } }, base)).toEqual({ settings: { ...base, cadenceS: 300, modes: { Line_A: 'semi-auto' } } });
    expect(settingsFromDraft({ ...d, windowMin: '' }, base)).toEqual({ problem: 'rollback window (min): a number from 1 to 1440' });
    expect(settingsFromDraft({ ...d, weights: { ...d.weights, energy: 'x' } }, base)).toEqual({ problem: 'weight energy: a number from 0 to 1000000' });
  });
});
