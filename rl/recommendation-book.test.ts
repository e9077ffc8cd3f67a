import { describe, expect, it } from 'vitest';
import type { Evidence } from './proposal.ts';
import { appliesWithoutApproval, optimizerAt, RecommendationBook, staleness, type Actor } from './recommendation-book.ts';
import type { VerifiedCandidate } from './recommendation.ts';

const evidence = { effects: [], defectImprovementLower95: 2, timeToEffectS: 600, horizonS: 3600, runs: 8, seeds: [101, 102], perturbations: 4, violations: 0, curves: { tS: [], holdDefectsPer1000: [], candidateDefectsPer1000: [] }, shadow: { trackingAccuracy: 0.97, flagged: [], trusted: true }, rationale: '' } satisfies Evidence;

function verified(to = 1470, needsApproval = false, dropped = false): VerifiedCandidate {
  return {
    candidate: { asset: 'Line_A', planner: 'mpc', plannedAtS: 600, objective: -200, moves: [{ setpoint: 'Line_A.furnace_temp', unit: '°C', from: 1500, to, needsApproval }] },
    plan: [{ atS: 0, setpoint: 'Line_A.furnace_temp', value: to }],
    verdict: dropped ? { kind: 'dropped', reasons: ['improvement_not_significant'], evidence } : { kind: 'proposal', evidence },
  };
}
const olga = (atS: number): Actor => ({ actor: 'olga', role: 'operator', atS, at: `t+${atS}` });

function book() {
  let n = 0;
  return new RecommendationBook(() => `REC-${++n}`);
}

describe('the recommendation book', () => {
  it('records a verified candidate as proposed and a dropped one with its reasons, each with the optimizer’s decision', () => {
    const b = book();
    const p = b.record(verified(), optimizerAt(600, 't+600'), { 'Line_A.furnace_temp': 1500 }, 3);
    const d = b.record(verified(1495, false, true), optimizerAt(600, 't+600'), { 'Line_A.furnace_temp': 1500 }, 3);
    expect([p.id, p.status, p.policyVersion, d.status, d.dropReasons]).toEqual(['REC-1', 'proposed', 3, 'dropped', ['improvement_not_significant']]);
    expect(d.decisions).toEqual([{ status: 'dropped', atS: 600, at: 't+600', actor: 'optimizer', role: 'optimizer', reason: 'improvement_not_significant' }]);
    expect(b.list(['dropped']).map((r) => r.id)).toEqual(['REC-2']);
  });

  it('lets an operator approve a proposal the plant still matches, keeping who and when', () => {
    const b = book();
    const p = b.record(verified(), optimizerAt(600, 't+600'), { 'Line_A.furnace_temp': 1500 }, 1);
    const a = b.approve(p.id, olga(700), { 'Line_A.furnace_temp': 1500 }, 900);
    expect(a.status).toBe('approved');
    expect(a.decisions.at(-1)).toMatchObject({ status: 'approved', actor: 'olga', role: 'operator', atS: 700 });
  });

  it('refuses a stale proposal (a touched target moved, or too old) and expires it', () => {
    const b = book();
    const p = b.record(verified(), optimizerAt(600, 't+600'), { 'Line_A.furnace_temp': 1500 }, 1);
    expect(() => b.approve(p.id, olga(700), { 'Line_A.furnace_temp': 1480 }, 900)).toThrow(/stale and was expired: Line_A.furnace_temp is now 1480, not the 1500 it was verified at/);
    expect(b.get(p.id).status).toBe('expired');
    const q = b.record(verified(), optimizerAt(600, 't+600'), { 'Line_A.furnace_temp': 1500 }, 1);
    expect(staleness(q, { 'Line_A.furnace_temp': 1500 }, 600 + 901, 900)).toBe('verified 15 min ago (valid for 15 min)');
  });

  it('requires a reason for a rejection and never approves a rejected proposal', () => {
    const b = book();
    const p = b.record(verified(), optimizerAt(600, 't+600'), { 'Line_A.furnace_temp': 1500 }, 1);
    expect(() => b.reject(p.id, olga(650), '  ')).toThrow('reason: say why the proposal is rejected');
    expect(b.reject(p.id, olga(650), 'batch change at 14:00').decisions.at(-1)!.reason).toBe('batch change at 14:00');
    expect(() => b.approve(p.id, olga(660), { 'Line_A.furnace_temp': 1500 }, 900)).toThrow('recommendation REC-1 is rejected: it cannot become approved');
  });

  it('moves an approved change through applying to applied or rolled back, and nothing after that', () => {
    const b = book();
    const p = b.record(verified(), optimizerAt(600, 't+600'), { 'Line_A.furnace_temp': 1500 }, 1);
    b.approve(p.id, olga(610), { 'Line_A.furnace_temp': 1500 }, 900);
    const execution = { previous: { 'Line_A.furnace_temp': 1500 }, startedAtS: 610, rampEndS: 2770, windowEndS: 4570, commandIds: [], observed: null, rollback: null };
    b.startExecution(p.id, optimizerAt(610, 't+610'), execution);
    const r = b.rollBack(p.id, optimizerAt(1000, 't+1000'), 'defects up', null);
    expect(r.decisions.map((d) => d.status)).toEqual(['proposed', 'approved', 'applying', 'rolled_back']);
    expect(() => b.finish(p.id, optimizerAt(5000, 't+5000'), { expectedDefectsPer1000: 10, holdDefectsPer1000: 14, observedDefectsPer1000: 12, improved: true })).toThrow(/rolled_back: it cannot become applied/);
  });

  it('applies without a person only outside manual mode and only under the approval threshold', () => {
    const b = book();
    const small = b.record(verified(1470, false), optimizerAt(0, 't'), {}, 1);
    const large = b.record(verified(1380, true), optimizerAt(0, 't'), {}, 1);
    expect([appliesWithoutApproval(small, 'manual'), appliesWithoutApproval(small, 'semi-auto'), appliesWithoutApproval(small, 'auto')]).toEqual([false, true, true]);
    expect([appliesWithoutApproval(large, 'semi-auto'), appliesWithoutApproval(large, 'auto')]).toEqual([false, false]);
  });

  it('expires proposals not applied within their validity', () => {
    const b = book();
    b.record(verified(), optimizerAt(0, 't'), {}, 1);
    expect(b.expire(1000, 't+1000', 900).map((r) => [r.id, r.status])).toEqual([['REC-1', 'expired']]);
  });
});
