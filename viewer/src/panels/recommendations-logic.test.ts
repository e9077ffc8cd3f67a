import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../api/rest-client.ts';
import { applying, at, decided, rec } from '../live/recommendation-fixture.test-helper.ts';
import {
  apiErrorText,
  curveMax,
  curvePoints,
  effectLines,
  executionPhase,
  historyLine,
  moveLines,
  observedLine,
  openRecommendations,
  phaseLine,
  planNote,
  recommendationHistory,
  rejectReasonProblem,
  trustLine,
} from './recommendations-logic.ts';

describe('the recommendations panel', () => {
  it('lists proposals and changes being applied apart from what was decided, newest first', () => {
    const recs = [rec({ id: 'a', createdAtS: 1 }), rec({ id: 'b', status: 'rejected', createdAtS: 2 }), rec({ id: 'c', status: 'applying', createdAtS: 3 }), rec({ id: 'd', status: 'dropped', createdAtS: 4 })];
    expect(openRecommendations(recs).map((r) => r.id)).toEqual(['c', 'a']);
    expect(recommendationHistory(recs).map((r) => r.id)).toEqual(['d', 'b']);
  });

  it('writes moves, the three effects with their intervals and shadow trust in plain words', () => {
    expect(moveLines(rec())).toEqual(['Line_A.furnace_temp 1,500 → 1,440 °C']);
    expect(moveLines(rec({ moves: [{ ...rec().moves[0]!, needsApproval: true }] }))).toEqual(['Line_A.furnace_temp 1,500 → 1,440 °C (above the approval threshold)']);
    expect(effectLines(rec())).toEqual([
      'Defects −12.3 defects per 1,000 units (95 %: −15.1 to −9.5)',
      'Production +3.2 units/h (95 %: −1 to +7)',
      'Energy −0.8 MWh over 2 h (95 %: −1.1 to −0.5)',
    ]);
    expect(trustLine(rec())).toBe('shadow tracking 97 %');
    const flagged = rec({ evidence: { ...rec().evidence, shadow: { trackingAccuracy: 0.9, flagged: [{ asset: 'Line_A', flag: 'drifting' }], trusted: false } } });
    expect(trustLine(flagged)).toBe('shadow tracking 90 %; flagged: Line_A drifting');
    expect(trustLine(rec({ evidence: { ...rec().evidence, shadow: { trackingAccuracy: null, flagged: [], trusted: true } } }))).toBe('no live measurements to check the twin against');
  });

  it('shows the ramp’s progress and the rollback window’s countdown in simulated time, then the window alone', () => {
    const a = applying(); // ramp 32,460 → 36,780 s, window to 38,580 s
    const mid = executionPhase(a, at(32_460 + 2160));
    expect(mid).toEqual({ phase: 'ramping', progress: 0.5, rampLeftS: 2160, windowLeftS: 3960 });
    expect(phaseLine(mid)).toBe('Ramping at the policy rate: 50 %, 36 min 0 s to go · rollback window closes in 1 h 06 min');
    const watching = executionPhase(a, at(36_780 + 600));
    expect(watching).toEqual({ phase: 'watching', windowLeftS: 1200 });
    expect(phaseLine(watching)).toBe('Ramp done; watching quality: rollback window closes in 20 min 0 s');
    expect(executionPhase(rec(), at(32_400))).toEqual({ phase: 'none' });
    expect(executionPhase(a, null)).toEqual({ phase: 'none' });
  });

  it('compares the defects observed since the change with those expected and those of holding', () => {
    expect(observedLine(applying())).toBe('Defects observed: 15 per 1,000 over 400 units; expected 11, holding 24');
    expect(observedLine(applying({ execution: { ...applying().execution!, observed: { units: 0, defects: 0, defectsPer1000: null } } }))).toBe('Defects observed: no units yet; expected 11, holding 24');
    expect(observedLine(rec())).toBeNull();
  });

  it('says in the history who decided and why: automatic rollbacks as such, operators by name and role', () => {
    const auto = decided(applying({ execution: { ...applying().execution!, rollback: { atS: 33_000, automatic: true, reason: 'constraint: CRITICAL alert on Line_A: belt_speed above critical limit' } } }), 'rolled_back', 'optimizer', 'constraint: CRITICAL alert on Line_A: belt_speed above critical limit');
    expect(historyLine(auto)).toBe('rolled back automatically: constraint: CRITICAL alert on Line_A: belt_speed above critical limit');
    const byHand = decided(applying({ execution: { ...applying().execution!, rollback: { atS: 33_000, automatic: false, reason: 'lane 3 jammed' } } }), 'rolled_back', 'olga', 'lane 3 jammed');
    expect(historyLine(byHand)).toBe('rolled back by olga (operator): lane 3 jammed');
    expect(historyLine(decided(rec(), 'rejected', 'olga', 'batch change at 14:00'))).toBe('rejected by olga (operator): batch change at 14:00');
    expect(historyLine(decided(rec(), 'expired', 'optimizer', 'not applied within 15 min'))).toBe('expired: not applied within 15 min');
    expect(historyLine(rec({ status: 'dropped', dropReasons: ['improvement_not_significant', 'twin_not_trusted'] }))).toBe('dropped by verification: improvement not significant, twin not trusted');
    const applied = decided(applying({ outcome: { expectedDefectsPer1000: 11, holdDefectsPer1000: 24, observedDefectsPer1000: 12.5, improved: true } }), 'applied', 'optimizer', null);
    expect(historyLine(applied)).toBe('applied: 12.5 defects per 1,000 observed, 11 expected, 24 holding');
  });

  it('needs a reason to reject', () => {
    expect(rejectReasonProblem('  ')).toBe('Say why the proposal is rejected.');
    expect(rejectReasonProblem('x'.repeat(501))).toBe('At most 500 characters.');
    expect(rejectReasonProblem('cracks are from lane 3')).toBeNull();
  });

  it('explains a refused call: a stale proposal (409), a missing role (403), anything else', () => {
    expect(apiErrorText(new ApiCallError('TWIN_ERR_CONFLICT', 'recommendation REC-1 is stale and was expired: Line_A.furnace_temp moved', 409), 'Approval')).toBe('Approval refused: recommendation REC-1 is stale and was expired: Line_A.furnace_temp moved');
    expect(apiErrorText(new ApiCallError('TWIN_ERR_FORBIDDEN', 'role viewer may not do this', 403), 'Rollback')).toBe('Rollback not allowed: role viewer may not do this');
    expect(apiErrorText(new Error('boom'), 'Planning')).toBe('Planning failed: Error: boom');
  });

  it('sums up a planning round', () => {
    expect(planNote([])).toBe('Nothing planned: every line and machine asked for is busy or already has an open proposal.');
    expect(planNote([rec(), rec({ id: 'b', status: 'dropped', dropReasons: ['twin_not_trusted'] })])).toBe('1 proposed, 1 dropped by verification (twin not trusted).');
  });

  it('draws both branches on one scale', () => {
    expect(curvePoints([0, 3600, 7200], [0, 10, 20], 20, 100, 50)).toBe('0.0,50.0 50.0,25.0 100.0,0.0');
    expect(curveMax(rec())).toBe(24);
  });
});
