import { describe, expect, it } from 'vitest';
import type { Recommendation, SessionProposal } from '../../../protocol/recommendation.ts';
import { proposalLine, proposalLines } from './session-optimizer-logic.ts';

const rec = (over: Partial<Recommendation>): Recommendation =>
  ({
    id: 'SIM-x-1', asset: 'Line_A', planner: 'mpc', status: 'proposed', dropReasons: [],
    moves: [{ setpoint: 'Line_A.furnace_temp', unit: '°C', from: 1520, to: 1490, needsApproval: false }],
    evidence: { effects: [{ metric: 'defectsPer1000', unit: '/1000', mean: -3.14, low: -4, high: -2 }] },
    ...over,
  }) as Recommendation;
const at = (hm: string, r: Recommendation | null, note = ''): SessionProposal => {
  const round = { session: 'S2', atS: 0, at: `2024-03-14T${hm}:00.000Z` };
  return r ? { ...round, recommendation: r, note: null } : { ...round, recommendation: null, note };
};

describe('what the optimizer would have proposed in a session', () => {
  it('says the move and its expected effect at the round’s simulated time', () => {
    expect(proposalLine(at('10:40', rec({})))).toBe('10:40 the optimizer would propose Line_A.furnace_temp 1520 → 1490 (−3.1 defects/1000 expected)');
  });
  it('gives the reasons of a dropped proposal, and the note of a round without one', () => {
    expect(proposalLine(at('10:50', rec({ status: 'dropped', dropReasons: ['improvement_not_significant'] })))).toBe('10:50 Line_A: dropped Line_A.furnace_temp 1520 → 1490 (the improvement is not significant)');
    expect(proposalLine(at('11:00', null, 'planning failed: pool closed'))).toBe('11:00 planning failed: pool closed');
  });
  it('lists the newest round first', () => {
    expect(proposalLines([at('10:40', null, 'a'), at('10:50', null, 'b')])).toEqual(['10:50 b', '10:40 a']);
  });
});
