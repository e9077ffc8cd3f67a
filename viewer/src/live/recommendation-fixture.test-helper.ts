/** A recommendation as the server sends it (a furnace cut on Line_A), for the viewer's tests. */
import type { Recommendation } from '../../../protocol/recommendation.ts';

export const START_MS = Date.parse('2024-03-14T00:00:00Z');
/** ISO time `s` simulated seconds after the scenario start. */
export const at = (s: number) => new Date(START_MS + s * 1000).toISOString();

export function rec(over: Partial<Recommendation> = {}): Recommendation {
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
        { metric: 'energyMWh', unit: 'MWh over 2 h', mean: -0.8, low: -1.1, high: -0.5 },
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
      rationale: 'Changing Line_A.furnace_temp from 1500 to 1440 °C is expected to cut defects by 12.3 per 1,000 units.',
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

/** The same recommendation approved by olga at 9:01 and being applied: a 72 min ramp, then a 30 min window. */
export function applying(over: Partial<Recommendation> = {}): Recommendation {
  const base = rec();
  return rec({
    status: 'applying',
    decisions: [
      ...base.decisions,
      { status: 'approved', atS: 32_460, at: at(32_460), actor: 'olga', role: 'operator', reason: null },
      { status: 'applying', atS: 32_460, at: at(32_460), actor: 'optimizer', role: 'optimizer', reason: null },
    ],
    execution: { previous: { 'Line_A.furnace_temp': 1500 }, startedAtS: 32_460, rampEndS: 32_460 + 4320, windowEndS: 32_460 + 4320 + 1800, commandIds: ['CMD-1'], observed: { units: 400, defects: 6, defectsPer1000: 15 }, rollback: null },
    ...over,
  });
}

/** `r` with one more decision appended. */
export function decided(r: Recommendation, status: Recommendation['status'], actor: string, reason: string | null, atS = 33_000): Recommendation {
  return { ...r, status, decisions: [...r.decisions, { status, atS, at: at(atS), actor, role: actor === 'optimizer' ? 'optimizer' : 'operator', reason }] };
}
