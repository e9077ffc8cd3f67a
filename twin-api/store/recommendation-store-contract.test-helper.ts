import { beforeEach, describe, expect, it } from 'vitest';
import type { Recommendation } from '../../rl/recommendation.ts';
import { useStore, type OpenStore } from './contract-support.test-helper.ts';
import type { RecommendationStore } from './recommendation-store.ts';

function rec(id: string, status: Recommendation['status'], createdAt: string, asset = 'Line_A'): Recommendation {
  return {
    id,
    asset,
    planner: 'mpc',
    moves: [{ setpoint: `${asset}.furnace_temp`, unit: '°C', from: 1500, to: 1470, needsApproval: false }],
    plan: [{ atS: 0, setpoint: `${asset}.furnace_temp`, value: 1470 }],
    evidence: {
      effects: [{ metric: 'defectsPer1000', unit: 'per 1,000', mean: -3.1, low: -4, high: -2.2 }],
      defectImprovementLower95: 2.3,
      timeToEffectS: 2400,
      horizonS: 3600,
      runs: 8,
      seeds: [1001, 1002],
      perturbations: 4,
      violations: 0,
      curves: { tS: [600, 1200], holdDefectsPer1000: [14, 14.2], candidateDefectsPer1000: [13, 11.1] },
      shadow: { trackingAccuracy: 0.97, flagged: [], trusted: true },
      rationale: 'Lowering “furnace” — ünïcode kept',
    },
    dropReasons: [],
    needsApproval: false,
    createdAtS: Date.parse(createdAt) / 1000,
    createdAt,
    status,
    basis: { [`${asset}.furnace_temp`]: 1500 },
    policyVersion: 1,
    decisions: [{ status: 'proposed', atS: 0, at: createdAt, actor: 'optimizer', role: 'optimizer', reason: null }],
    execution: null,
    outcome: null,
  };
}

/** The behaviour every `RecommendationStore` adapter must show. */
export function describeRecommendationStoreContract(label: string, open: OpenStore<RecommendationStore>): void {
  describe(`RecommendationStore contract: ${label}`, () => {
    const s = useStore(open);
    let store: RecommendationStore;
    beforeEach(() => {
      store = s.current();
    });

    it('keeps a recommendation exactly as it was put, and replaces it by id on every change', async () => {
      const r = rec('REC-a1', 'proposed', '2026-01-01T01:00:00.000Z');
      await store.putRecommendation(r, Date.now());
      expect(await store.listRecommendations()).toContainEqual(r);
      const approved = { ...r, status: 'approved' as const, decisions: [...r.decisions, { status: 'approved' as const, atS: 60, at: '2026-01-01T01:01:00.000Z', actor: 'olga', role: 'operator', reason: null }] };
      await store.putRecommendation(approved, Date.now());
      const all = (await store.listRecommendations()).filter((x) => x.id === 'REC-a1');
      expect(all).toEqual([approved]);
    });

    it('lists newest first, by status and by asset, within a limit', async () => {
      await store.putRecommendation(rec('REC-b1', 'dropped', '2026-01-01T02:00:00.000Z', 'Line_B'), Date.now());
      await store.putRecommendation(rec('REC-b2', 'dropped', '2026-01-01T03:00:00.000Z', 'Line_B'), Date.now());
      await store.putRecommendation(rec('REC-b3', 'rejected', '2026-01-01T04:00:00.000Z', 'Line_B'), Date.now());
      expect((await store.listRecommendations({ asset: 'Line_B' })).map((r) => r.id)).toEqual(['REC-b3', 'REC-b2', 'REC-b1']);
      expect((await store.listRecommendations({ asset: 'Line_B', statuses: ['dropped'] })).map((r) => r.id)).toEqual(['REC-b2', 'REC-b1']);
      expect((await store.listRecommendations({ asset: 'Line_B', limit: 1 })).map((r) => r.id)).toEqual(['REC-b3']);
    });
  });
}
